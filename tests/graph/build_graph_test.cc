#include "graph/build_graph.h"

#include <gtest/gtest.h>

#include "graph/graph_fixture.h"

namespace drydock::graph {
namespace {

std::vector<std::string> Parents(const BuildGraph& g, const std::string& name) {
  std::vector<std::string> out;
  for (const Edge* e : g.EdgesInto(*g.Find(name))) {
    out.push_back(g.nodes()[e->parent].target->name + " " + std::string(EdgeKindName(e->kind)) +
                  " @" + std::to_string(e->origin.line) + ":" + std::to_string(e->origin.column) +
                  " " + e->origin.text);
  }
  return out;
}

TEST(BuildGraph, FromEdgesMatchNormalisedTags) {
  GraphFixture f;
  f.Add("base-cpu", "FROM debian:bookworm-slim\n", {"base:cpu"});
  f.Add("a", "FROM docker.io/library/base:cpu\n", {"a"});
  f.Add("b", "FROM index.docker.io/base:cpu AS x\n", {});
  f.Add("c", "FROM base\n", {});  // base:latest is not base:cpu.
  Result<BuildGraph> g = f.Build();
  ASSERT_TRUE(g.ok()) << f.Diagnostics();
  EXPECT_EQ(Parents(*g, "a"),
            std::vector<std::string>{"base-cpu FROM @1:6 FROM docker.io/library/base:cpu"});
  EXPECT_EQ(Parents(*g, "b").size(), 1u);
  EXPECT_TRUE(Parents(*g, "c").empty());
  ASSERT_EQ(g->externals().size(), 2u);
  EXPECT_EQ(g->externals()[0].ref, "debian:bookworm-slim");
  EXPECT_EQ(g->externals()[1].ref, "base");
}

TEST(BuildGraph, ArgParameterisedFromUsesTheTargetsBuildArgs) {
  GraphFixture f;
  f.Add("base-cpu", "FROM scratch\n", {"base-cpu"});
  f.Add("base-ml", "FROM scratch\n", {"base-ml:cuda"});
  std::string asr = "ARG BASE=base-ml:cuda\nFROM ${BASE}\n";
  f.Add("asr", asr, {"asr"});
  f.Add("asr-cpu", asr, {"asr:cpu"}).args = {{"BASE", "base-cpu"}, {"UNSET", std::nullopt}};
  Result<BuildGraph> g = f.Build();
  ASSERT_TRUE(g.ok()) << f.Diagnostics();
  EXPECT_EQ(Parents(*g, "asr"), std::vector<std::string>{"base-ml FROM @2:6 FROM ${BASE} = base-ml:cuda"});
  EXPECT_EQ(Parents(*g, "asr-cpu"), std::vector<std::string>{"base-cpu FROM @2:6 FROM ${BASE} = base-cpu"});
}

TEST(BuildGraph, MultiStageNamesAreNotImagesAndUnusedStagesAreIgnored) {
  GraphFixture f;
  f.Add("tools", "FROM scratch\n", {"tools:1"});
  f.Add("base", "FROM scratch\n", {"base"});
  f.Add("app",
        "FROM base AS build\nRUN make\n"
        "FROM tools:1 AS unused\n"
        "FROM build AS final\nCOPY --from=build /out /out\nCOPY --from=tools:1 /bin/t /t\n"
        "RUN --mount=from=base,target=/b true\n",
        {"app"})
      .target_stage = "final";
  Result<BuildGraph> g = f.Build();
  ASSERT_TRUE(g.ok()) << f.Diagnostics();
  EXPECT_EQ(Parents(*g, "app"),
            (std::vector<std::string>{"base FROM @1:6 FROM base",
                                      "tools COPY --from @6:6 COPY --from=tools:1",
                                      "base RUN --mount @7:5 RUN --mount=from=base"}));
}

TEST(BuildGraph, ExplicitLinksAndNamedContexts) {
  GraphFixture f;
  f.Add("base", "FROM scratch\n", {"base:cpu"});
  f.Add("deps", "FROM scratch\n", {});
  f.Add("app", "FROM mybase\n", {"app"}).additional_contexts = {{"mybase", "service:base"}};
  f.Add("web", "FROM scratch\n", {"web"}).depends_on = {"deps"};
  f.Add("docs", "FROM python:3\n", {"docs"}).additional_contexts = {
      {"python:3", "docker-image://python:3.12"}};
  Result<BuildGraph> g = f.Build();
  ASSERT_TRUE(g.ok()) << f.Diagnostics();
  EXPECT_EQ(Parents(*g, "app"),
            (std::vector<std::string>{"base FROM @1:6 FROM mybase (context mybase=service:base)",
                                      "base context @0:0 context mybase=service:base"}));
  EXPECT_EQ(g->nodes()[*g->Find("app")].parents.size(), 1u);
  EXPECT_EQ(Parents(*g, "web"), std::vector<std::string>{"deps depends_on @0:0 depends_on deps"});
  ASSERT_EQ(g->externals().size(), 1u);
  EXPECT_EQ(g->externals()[0].ref, "python:3.12");
}

TEST(BuildGraph, CycleNamesEveryEdge) {
  GraphFixture f;
  f.Add("a", "FROM c:1\n", {"a:1"});
  f.Add("b", "FROM scratch\nCOPY --from=a:1 /x /x\n", {"b:1"});
  f.Add("c", "FROM b:1\n", {"c:1"});
  Result<BuildGraph> g = f.Build();
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().message, "the project's build graph has a cycle");
  EXPECT_EQ(f.Diagnostics(),
            "/p/b/Dockerfile:2:6: error: build cycle a -> b -> c -> a; \"b\" needs \"a\": "
            "COPY --from=a:1\n"
            "COPY --from=a:1 /x /x\n"
            "     ^\n"
            "/p/c/Dockerfile:1:6: note: \"c\" needs \"b\": FROM b:1\n"
            "FROM b:1\n"
            "     ^\n"
            "/p/a/Dockerfile:1:6: note: \"a\" needs \"c\": FROM c:1\n"
            "FROM c:1\n"
            "     ^\n");
}

TEST(BuildGraph, ProblemsAreDiagnostics) {
  GraphFixture f;
  f.Add("a", "FROM scratch\n", {"x:1"});
  f.Add("b", "FROM scratch\n", {"x:1"});
  f.Add("c", "FROM scratch AS one\n", {}).target_stage = "two";
  f.Add("d", "FROM scratch\n", {}).depends_on = {"aa"};
  f.Add("e", "FROM scratch\n", {});
  f.fs().Write("/p/e/Dockerfile.other", "");
  f.project().targets.back().dockerfile = "/p/e/Dockerfile.missing";
  Result<BuildGraph> g = f.Build();
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(f.Diagnostics(),
            "drydock: error: /p/compose.yaml: image x:1 is also produced by target \"a\"\n"
            "drydock: error: /p/compose.yaml: target \"c\": target stage \"two\" could not be found\n"
            "drydock: error: /p/compose.yaml: target \"e\": cannot read its Dockerfile: "
            "/p/e/Dockerfile.missing: No such file or directory\n"
            "drydock: error: /p/compose.yaml: target \"d\": depends_on names unknown target \"aa\" "
            "(did you mean \"a\"?)\n");
}

}  // namespace
}  // namespace drydock::graph
