#include "dockerfile/stage_table.h"

#include <string>

#include <gtest/gtest.h>

#include "dockerfile/parser.h"

namespace drydock::dockerfile {
namespace {

struct Table {
  explicit Table(std::string text, ExpansionEnv args = {})
      : file("Dockerfile", std::move(text)), df(Parse(file)), table(BuildStageTable(df, args)) {}
  std::vector<std::string> Errors() const {
    std::vector<std::string> out;
    for (const auto& e : table.errors) out.push_back(e.message);
    return out;
  }
  SourceFile file;
  Dockerfile df;
  StageTable table;
};

TEST(StageTable, NamesIndexesAndBases) {
  Table t("ARG VARIANT=cpu\nARG REG\n"
          "FROM base:${VARIANT} AS Deps\nRUN x\n"
          "FROM deps AS build\nCOPY --from=0 /a /b\nRUN --mount=from=python:3.12,target=/p y\n"
          "FROM scratch\nCOPY --from=build /out /\nCOPY --from=alpine:3 /bin/sh /\n");
  ASSERT_TRUE(t.df.ok());
  EXPECT_TRUE(t.Errors().empty()) << t.Errors()[0];
  ASSERT_EQ(t.table.global_args.size(), 2u);
  ASSERT_EQ(t.table.stages.size(), 3u);
  const Stage& deps = t.table.stages[0];
  EXPECT_EQ(deps.name, "deps");
  EXPECT_EQ(deps.base.kind, StageRef::Kind::kImage);
  EXPECT_EQ(deps.base.text, "base:cpu");
  EXPECT_EQ(deps.instructions.size(), 1u);
  const Stage& build = t.table.stages[1];
  EXPECT_EQ(build.base.kind, StageRef::Kind::kStage);
  EXPECT_EQ(*build.base.stage, 0u);
  ASSERT_EQ(build.copies_from.size(), 2u);
  EXPECT_EQ(*build.copies_from[0].stage, 0u);
  EXPECT_EQ(build.copies_from[1].kind, StageRef::Kind::kImage);
  EXPECT_EQ(build.copies_from[1].text, "python:3.12");
  const Stage& last = t.table.stages[2];
  EXPECT_EQ(last.base.kind, StageRef::Kind::kScratch);
  EXPECT_EQ(last.DisplayName(), "stage-2");
  EXPECT_EQ(*last.copies_from[0].stage, 1u);
  EXPECT_EQ(last.copies_from[1].kind, StageRef::Kind::kImage);
}

TEST(StageTable, BuildArgsOverrideGlobalDefaults) {
  Table t("ARG VARIANT=cpu\nFROM base:$VARIANT\n", ExpansionEnv::FromList({"VARIANT=cuda", "X=1"}));
  EXPECT_EQ(t.table.stages[0].base.text, "base:cuda");
}

// BuildKit defines the platform ARGs for FROM itself; they were reported as "empty platform
// value from expression $BUILDPLATFORM" (DD0001 in lint) before.
TEST(StageTable, AutomaticPlatformArgs) {
  Table t("FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n"
          "FROM --platform=${TARGETPLATFORM} ${TARGETOS}-${TARGETARCH}-base:${BUILDOS}-${BUILDARCH}\n"
          "FROM --platform=$TARGETOS/$TARGETARCH alpine:3.19$TARGETVARIANT$BUILDVARIANT\n");
  EXPECT_EQ(t.Errors(), std::vector<std::string>{});
  ASSERT_EQ(t.table.stages.size(), 3u);
  const std::string host = t.table.stages[0].platform.value_or("");
  EXPECT_TRUE(host.rfind("linux/", 0) == 0) << host;
  const std::string arch = host.substr(6, host.find('/', 6) - 6);
  EXPECT_EQ(t.table.stages[1].platform.value_or(""), host);
  EXPECT_EQ(t.table.stages[1].base.text, "linux-" + arch + "-base:linux-" + arch);
  EXPECT_EQ(t.table.stages[2].base.text, "alpine:3.19");
  // A TARGETPLATFORM build argument stands for --platform; a declared ARG with a default wins.
  Table arm("FROM --platform=$TARGETPLATFORM img:$TARGETARCH-$TARGETVARIANT\n",
            ExpansionEnv::FromList({"TARGETPLATFORM=linux/arm/v7"}));
  EXPECT_EQ(arm.table.stages[0].platform.value_or(""), "linux/arm/v7");
  EXPECT_EQ(arm.table.stages[0].base.text, "img:arm-v7");
  Table declared("ARG TARGETARCH\nARG BUILDOS=custom\nFROM img:$TARGETARCH-$BUILDOS\n",
                 ExpansionEnv::FromList({"TARGETPLATFORM=linux/arm64"}));
  EXPECT_EQ(declared.table.stages[0].base.text, "img:arm64-custom");
}

TEST(StageTable, StageArgsDoNotReachFrom) {
  Table t("FROM a\nARG V=x\nFROM b:${V:-none}\n");
  EXPECT_EQ(t.table.stages[1].base.text, "b:none");
}

TEST(StageTable, ResolveTarget) {
  Table t("FROM a AS one\nFROM b AS two\nFROM c\n");
  EXPECT_EQ(*t.table.ResolveTarget(""), 2u);
  EXPECT_EQ(*t.table.ResolveTarget("TWO"), 1u);
  auto missing = t.table.ResolveTarget("tow");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "target stage \"tow\" could not be found (did you mean two?)");
  EXPECT_EQ(*t.table.Find("0"), 0u);
}

TEST(StageTable, ReferenceErrors) {
  Table t("FROM a AS one\nCOPY --from=two x y\nCOPY --from=7 x y\nCOPY --from=$X x y\n"
          "FROM b AS two\nFROM c AS ONE\nFROM ${EMPTY}\n");
  EXPECT_EQ(t.Errors(),
            (std::vector<std::string>{
                "cannot copy from stage \"two\", it needs to be defined before current stage \"one\"",
                "invalid stage index 7",
                "variable expansion is not supported for --from, define a new stage with FROM using "
                "ARG from global scope as a workaround",
                "duplicate stage name \"one\"",
                "base name (${EMPTY}) should not be blank",
            }));
}

TEST(StageTable, InstructionBeforeFrom) {
  Table t("RUN x\nFROM a\n");
  EXPECT_EQ(t.Errors(), (std::vector<std::string>{"no build stage in current context"}));
}

}  // namespace
}  // namespace drydock::dockerfile
