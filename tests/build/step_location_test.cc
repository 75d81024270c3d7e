#include "build/step_location.h"

#include <gtest/gtest.h>

#include "base/source_file.h"
#include "dockerfile/parser.h"

namespace drydock::build {
namespace {

TEST(StepLocationTest, ClassicCountsTheWholeFileBuildKitCountsWithinTheStage) {
  SourceFile file("Dockerfile",
                  "ARG BASE=debian\n"           // 1
                  "FROM ${BASE} AS builder\n"   // 2
                  "RUN make \\\n"               // 3
                  "  all\n"                     // 4
                  "RUN make install\n"          // 5
                  "\n"
                  "FROM debian\n"               // 7
                  "COPY --from=builder /x /\n"  // 8
                  "RUN false\n");               // 9
  dockerfile::Dockerfile df = dockerfile::Parse(file);
  // Classic "Step 4/7": the fourth instruction.
  EXPECT_EQ(StepLine(df, true, "", 4), 5u);
  EXPECT_EQ(StepLine(df, true, "", 7), 9u);
  EXPECT_EQ(StepLine(df, true, "", 8), std::nullopt);
  // BuildKit "[builder 2/3]" and "[3/3]" (the last stage, unnamed).
  EXPECT_EQ(StepLine(df, false, "builder", 2), 3u);
  EXPECT_EQ(StepLine(df, false, "BUILDER", 1), 2u);
  EXPECT_EQ(StepLine(df, false, "", 3), 9u);
  EXPECT_EQ(StepLine(df, false, "stage-1", 2), 8u);
  EXPECT_EQ(StepLine(df, false, "builder", 4), std::nullopt);
  EXPECT_EQ(StepLine(df, false, "nope", 1), std::nullopt);
}

}  // namespace
}  // namespace drydock::build
