// ProjectFacts: a target built FROM another target of the project starts from that target's
// final ledger, and FROM rules leave the project's own images alone.
#include "lint/project_facts.h"

#include <gtest/gtest.h>

#include "lint/runner.h"

namespace drydock::lint {
namespace {

std::string Lint(const std::string& text, const BaseFacts* bases, std::set<std::string> only) {
  SourceFile file("Dockerfile", text);
  LintRequest request;
  request.bases = bases;
  request.only_rules = std::move(only);
  std::string out;
  for (const LintFinding& f : LintDockerfile(file, request)) out += FormatDiagnostic(ToDiagnostic(file, f));
  return out;
}

std::vector<ProjectImage> Images() {
  ProjectImage base;
  base.target = "base-cpu";
  base.tags = {"base-cpu:latest"};
  base.dockerfile_text =
      "FROM debian:bookworm-slim AS build\n"
      "RUN apt-get update && apt-get install -y --no-install-recommends gcc\n"
      "FROM debian:bookworm-slim\n"
      "RUN apt-get update && apt-get install -y --no-install-recommends python3 curl\n"
      "USER app\n";
  ProjectImage ml;
  ml.target = "base-ml";
  ml.tags = {"registry.example/base-ml:1", "base-ml"};
  ml.dockerfile_text = "FROM base-cpu\nRUN echo ml\n";
  ProjectImage loop;
  loop.target = "loop";
  loop.tags = {"loop:1"};
  loop.dockerfile_text = "FROM loop:1\n";
  return {base, ml, loop};
}

TEST(ProjectFacts, NormalizesNames) {
  EXPECT_EQ(NormalizeImageName("base-cpu"), "base-cpu:latest");
  EXPECT_EQ(NormalizeImageName("docker.io/library/debian"), "debian:latest");
  EXPECT_EQ(NormalizeImageName("docker.io/corp/app:1"), "corp/app:1");
  EXPECT_EQ(NormalizeImageName("localhost:5000/app"), "localhost:5000/app:latest");
  EXPECT_EQ(NormalizeImageName("app@sha256:ab"), "app@sha256:ab");
}

TEST(ProjectFacts, TargetStartsFromItsParentsFinalLedger) {
  ProjectFacts facts(Images(), BuiltinBaseFacts());
  SharedFacts f = facts.Lookup("docker.io/library/base-cpu:latest");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(f->base_known);
  EXPECT_EQ(f->origin, BaseOrigin::kProjectTarget);
  EXPECT_EQ(f->project_target, "base-cpu");
  EXPECT_EQ(f->user, "app");
  EXPECT_EQ(f->distro, "debian");
  EXPECT_TRUE(f->packages.count("python3"));
  EXPECT_FALSE(f->packages.count("gcc"));  // The builder stage is not the image.
  // Two levels: base-ml is FROM base-cpu.
  SharedFacts ml = facts.Lookup("registry.example/base-ml:1");
  ASSERT_NE(ml, nullptr);
  EXPECT_EQ(ml->project_target, "base-ml");
  EXPECT_TRUE(ml->packages.count("curl"));
  // A FROM cycle ends as "unknown, but the project's".
  SharedFacts loop = facts.Lookup("loop:1");
  ASSERT_NE(loop, nullptr);
  EXPECT_FALSE(loop->base_known);
  EXPECT_EQ(loop->origin, BaseOrigin::kProjectTarget);
  // Anything else goes to the fallback.
  EXPECT_EQ(facts.Lookup("debian:bookworm")->origin, BaseOrigin::kBuiltinTable);
  EXPECT_EQ(facts.Lookup("mycorp/unknown:1"), nullptr);
}

TEST(ProjectFacts, RulesSeeTheParentAndLeaveProjectImagesUntagged) {
  const std::string child =
      "FROM base-cpu\n"
      "RUN python -c 'print(1)'\n";
  ProjectFacts facts(Images(), BuiltinBaseFacts());
  EXPECT_EQ(Lint(child, &facts, {"DD1001", "DD1002", "DD3004"}),
            "Dockerfile:2:5: error: `python` does not exist here: base-cpu and the installs before "
            "this provide only python3; call python3, or install python-is-python3 "
            "[DD3004 python-not-provided]\n"
            "RUN python -c 'print(1)'\n"
            "    ^~~~~~~~~~~~~~~~~~~~\n");
  // Without the project, base-cpu is an unknown, untagged external image.
  EXPECT_EQ(Lint(child, nullptr, {"DD1001", "DD1002", "DD3004"}),
            "Dockerfile:1:6: warning: FROM base-cpu has no tag or digest, so it means "
            "base-cpu:latest and changes whenever the image is re-tagged; pin a version tag "
            "(base-cpu:<version>) or a digest (@sha256:...) [DD1001 from-without-tag]\n"
            "FROM base-cpu\n"
            "     ^~~~~~~~\n");
}

}  // namespace
}  // namespace drydock::lint
