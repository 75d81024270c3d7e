// The Compose loader on in-memory projects: build sections in both forms, interpolation,
// profiles, several files, x-drydock, and the diagnostics for what Compose rejects.
#include "project/compose_loader.h"

#include <gtest/gtest.h>

namespace drydock::project {
namespace {

struct Loaded {
  Result<Project> project = MakeError("not loaded");
  std::string diagnostics;
};

Loaded Load(MemoryFileSystem& fs, ComposeOptions options = {}) {
  if (options.working_dir.empty()) options.working_dir = "/p/demo";
  SourceFileSet sources;
  DiagSink sink;
  Loaded out;
  out.project = LoadComposeProject(options, fs, sources, sink);
  for (const Diagnostic& d : sink.diagnostics()) out.diagnostics += FormatDiagnostic(d);
  return out;
}

TEST(ComposeLoader, BuildSectionsProfilesAndDrydockSettings) {
  MemoryFileSystem fs;
  fs.Write("/p/demo/.env", "VARIANT=cuda\n");
  fs.Write("/p/demo/compose.yaml",
           "name: pipeline\n"
           "services:\n"
           "  base-cpu:\n"
           "    profiles: [bases]\n"
           "    image: base-cpu:latest\n"
           "    build: images/base-cpu\n"
           "    x-drydock: {cost: 3}\n"
           "  asr:\n"
           "    image: pipeline/asr:${VARIANT}\n"
           "    build:\n"
           "      context: services/asr\n"
           "      dockerfile: Dockerfile.gpu\n"
           "      args:\n"
           "        - BASE=base-ml:${VARIANT}\n"
           "        - UNSET_ONE\n"
           "        - FROM_ENV\n"
           "      target: runtime\n"
           "      tags: [asr:dev]\n"
           "      shm_size: 1g\n"
           "      additional_contexts: {base: service:base-cpu}\n"
           "      x-drydock: {check: true}\n"
           "  db:\n"
           "    image: postgres:16\n");
  ComposeOptions options;
  options.env = {{"FROM_ENV", "yes"}};
  Loaded l = Load(fs, options);
  ASSERT_TRUE(l.project.ok()) << l.project.error().message << l.diagnostics;
  const Project& p = *l.project;
  EXPECT_EQ(p.name, "pipeline");
  EXPECT_EQ(p.default_targets, (std::vector<std::string>{"asr", "db"}));
  ASSERT_EQ(p.targets.size(), 2u);
  const Target& asr = p.targets[0];
  EXPECT_EQ(asr.name, "asr");
  EXPECT_EQ(asr.context, "/p/demo/services/asr");
  EXPECT_EQ(asr.dockerfile, "/p/demo/services/asr/Dockerfile.gpu");
  EXPECT_EQ(asr.args, (std::vector<std::pair<std::string, std::optional<std::string>>>{
                          {"BASE", "base-ml:cuda"}, {"FROM_ENV", "yes"}}));
  EXPECT_EQ(asr.tags, (std::vector<std::string>{"pipeline/asr:cuda", "asr:dev"}));
  EXPECT_EQ(asr.target_stage, "runtime");
  EXPECT_EQ(asr.shm_size, 1073741824);
  EXPECT_EQ(asr.additional_contexts,
            (std::vector<std::pair<std::string, std::string>>{{"base", "service:base-cpu"}}));
  EXPECT_EQ(asr.drydock.check, true);
  EXPECT_EQ(asr.location.line, 8u);  // The service key.
  const Target& base = p.targets[1];
  EXPECT_EQ(base.dockerfile, "/p/demo/images/base-cpu/Dockerfile");
  EXPECT_EQ(base.profiles, (std::vector<std::string>{"bases"}));
  EXPECT_EQ(base.drydock.cost, 3);
  EXPECT_EQ(p.external_images.at("db"), "postgres:16");
}

TEST(ComposeLoader, SeveralFilesMergeInOrder) {
  MemoryFileSystem fs;
  fs.Write("/p/demo/compose.yaml", "services:\n  app:\n    build:\n      context: .\n      args: {A: base, B: base}\n      tags: [app:base]\n");
  fs.Write("/p/demo/prod.yaml", "services:\n  app:\n    build:\n      args: {B: prod}\n      tags: [app:prod]\n      target: prod\n");
  ComposeOptions options;
  options.files = {"compose.yaml", "prod.yaml"};
  Loaded l = Load(fs, options);
  ASSERT_TRUE(l.project.ok()) << l.project.error().message;
  const Target& app = l.project->targets[0];
  EXPECT_EQ(app.args, (std::vector<std::pair<std::string, std::optional<std::string>>>{
                          {"A", "base"}, {"B", "prod"}}));
  EXPECT_EQ(app.tags, (std::vector<std::string>{"app:base", "app:prod"}));
  EXPECT_EQ(app.target_stage, "prod");
}

TEST(ComposeLoader, ProfilesFromTheEnvironment) {
  MemoryFileSystem fs;
  fs.Write("/p/demo/compose.yaml", "services:\n  a:\n    build: .\n  b:\n    build: .\n    profiles: [cpu]\n");
  ComposeOptions options;
  options.env = {{"COMPOSE_PROFILES", "cpu"}};
  Loaded l = Load(fs, options);
  ASSERT_TRUE(l.project.ok());
  EXPECT_EQ(l.project->default_targets, (std::vector<std::string>{"a", "b"}));
  options.profiles = {"other"};
  Loaded m = Load(fs, options);
  EXPECT_EQ(m.project->default_targets, (std::vector<std::string>{"a"}));
}

TEST(ComposeLoader, MisspeltBuildKeyIsAnErrorWithASuggestion) {
  MemoryFileSystem fs;
  fs.Write("/p/demo/compose.yaml", "services:\n  app:\n    build:\n      context: .\n      dockerfiles: x\n");
  Loaded l = Load(fs);
  ASSERT_FALSE(l.project.ok());
  EXPECT_EQ(l.project.error().message, "invalid compose project");
  EXPECT_EQ(l.diagnostics,
            "/p/demo/compose.yaml:5:7: error: services.app.build additional properties "
            "'dockerfiles' not allowed (did you mean dockerfile?)\n"
            "      dockerfiles: x\n"
            "      ^~~~~~~~~~~\n");
}

TEST(ComposeLoader, InterpolationAndConsistencyErrors) {
  MemoryFileSystem fs;
  fs.Write("/p/demo/compose.yaml", "services:\n  app:\n    image: app:${TAG:?TAG must be set}\n    build: .\n");
  EXPECT_EQ(Load(fs).project.error().message,
            "error while interpolating services.app.image: required variable TAG is missing a "
            "value: TAG must be set");
  fs.Write("/p/demo/compose.yaml", "services:\n  a:\n    build: .\n    depends_on: [b]\n  b:\n    build: .\n    depends_on: [a]\n");
  EXPECT_EQ(Load(fs).project.error().message, "dependency cycle detected: a -> b -> a");
  MemoryFileSystem empty;
  EXPECT_EQ(Load(empty).project.error().message,
            "no configuration file provided: not found in /p/demo");
}

}  // namespace
}  // namespace drydock::project
