#include "engine/step_location.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "engine/build_stream.h"
#include "testing/corpus.h"

namespace drydock::engine {
namespace {

// testdata/many-instructions.Dockerfile, described as a parser would.
std::vector<InstructionSite> ManyInstructions() {
  const char* keywords[] = {"ARG",  "FROM",   "ARG",        "ADD",         "EXPOSE", "CMD",
                            "ENTRYPOINT", "VOLUME", "SHELL", "STOPSIGNAL", "HEALTHCHECK",
                            "ONBUILD", "RUN", "FROM", "RUN", "FROM", "COPY"};
  std::vector<InstructionSite> sites;
  int stage = -1;
  for (int i = 0; i < 17; ++i) {
    InstructionSite s;
    s.keyword = keywords[i];
    if (s.keyword == "FROM") ++stage;
    s.stage = stage;
    s.stage_name = stage == 0 ? "a" : stage == 1 ? "b" : "";
    s.from_stage = i == 13;  // FROM a AS b
    s.line = i + 1;
    sites.push_back(s);
  }
  return sites;
}

// Every step name of a recorded stream, located.
std::string LocateAll(BuilderKind builder, const std::string& stream) {
  class Names final : public BuildObserver {
   public:
    void OnStep(const StepEvent& e) override {
      if (e.state == StepEvent::State::kStarted && !e.parsed.internal) names.push_back(e.name);
    }
    std::vector<std::string> names;
  } names;
  BuildStreamDecoder decoder(builder, names);
  EXPECT_TRUE(decoder.Feed(testing::ReadFileOrDie(
                               testing::SourcePath("tests/engine/testdata/" + stream)))
                  .ok());
  EXPECT_TRUE(decoder.Finish().ok());
  std::string out;
  std::vector<InstructionSite> sites = ManyInstructions();
  for (const std::string& name : names.names) {
    std::optional<int> line = LocateStep(ParseStepName(name), builder, sites);
    out += name + " -> " + (line ? std::to_string(*line) : "?") + "\n";
  }
  return out;
}

TEST(StepLocationTest, RecordedClassicStream) {
  EXPECT_EQ(LocateAll(BuilderKind::kClassic, "classic-many-instructions.stream"),
            "Step 1/17 : ARG B=drydock-test-engine/busybox -> 1\n"
            "Step 2/17 : FROM $B AS a -> 2\n"
            "Step 3/17 : ARG X=1 -> 3\n"
            "Step 4/17 : ADD Dockerfile /a -> 4\n"
            "Step 5/17 : EXPOSE 80 -> 5\n"
            "Step 6/17 : CMD [\"sh\"] -> 6\n"
            "Step 7/17 : ENTRYPOINT [\"sh\"] -> 7\n"
            "Step 8/17 : VOLUME /v -> 8\n"
            "Step 9/17 : SHELL [\"/bin/sh\",\"-c\"] -> 9\n"
            "Step 10/17 : STOPSIGNAL TERM -> 10\n"
            "Step 11/17 : HEALTHCHECK NONE -> 11\n"
            "Step 12/17 : ONBUILD RUN true -> 12\n"
            "Step 13/17 : RUN true -> 13\n"
            "Step 14/17 : FROM a AS b -> 14\n"
            "Step 15/17 : RUN echo b -> 15\n"
            "Step 16/17 : FROM $B -> 16\n"
            "Step 17/17 : COPY --from=a /a /a -> 17\n");
}

TEST(StepLocationTest, RecordedBuildKitStream) {
  // Stage b is not needed by the last stage, so BuildKit never builds it; stage-2's FROM is
  // the same vertex (same digest) as a's, so it is reported once, under a's name.
  EXPECT_EQ(LocateAll(BuilderKind::kBuildKit, "buildkit-many-instructions.stream"),
            "[a 1/3] FROM docker.io/drydock-test-engine/busybox -> 2\n"
            "[a 2/3] ADD Dockerfile /a -> 4\n"
            "[a 3/3] RUN true -> 13\n"
            "[stage-2 2/2] COPY --from=a /a /a -> 17\n");
}

TEST(StepLocationTest, SingleStageAndMismatches) {
  std::vector<InstructionSite> sites = {
      {"FROM", 0, "", false, 1}, {"ENV", 0, "", false, 2}, {"WORKDIR", 0, "", false, 3},
      {"RUN", 0, "", false, 5}};
  EXPECT_EQ(LocateStep(ParseStepName("[2/3] WORKDIR /w"), BuilderKind::kBuildKit, sites), 3);
  EXPECT_EQ(LocateStep(ParseStepName("[3/3] RUN make"), BuilderKind::kBuildKit, sites), 5);
  // Keyword disagrees: the file changed since the build.
  EXPECT_EQ(LocateStep(ParseStepName("[3/3] COPY . ."), BuilderKind::kBuildKit, sites),
            std::nullopt);
  EXPECT_EQ(LocateStep(ParseStepName("[4/4] RUN x"), BuilderKind::kBuildKit, sites),
            std::nullopt);
  EXPECT_EQ(LocateStep(ParseStepName("[other 1/1] FROM x"), BuilderKind::kBuildKit, sites),
            std::nullopt);
  EXPECT_EQ(LocateStep(ParseStepName("[internal] load metadata"), BuilderKind::kBuildKit, sites),
            std::nullopt);
  EXPECT_EQ(LocateStep(ParseStepName("Step 9/9 : RUN x"), BuilderKind::kClassic, sites),
            std::nullopt);
  EXPECT_EQ(LocateStep(ParseStepName("Step 2/4 : ENV A=b"), BuilderKind::kClassic, sites), 2);
  // Stage names compare without case; BuildKit prints them lower-cased.
  std::vector<InstructionSite> named = {{"FROM", 0, "Builder", false, 1},
                                        {"RUN", 0, "Builder", false, 2}};
  EXPECT_EQ(LocateStep(ParseStepName("[builder 2/2] RUN x"), BuilderKind::kBuildKit, named), 2);
}

}  // namespace
}  // namespace drydock::engine
