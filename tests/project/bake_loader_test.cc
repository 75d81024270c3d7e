#include "project/bake_loader.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace drydock::project {
namespace {

using Args = std::vector<std::pair<std::string, std::optional<std::string>>>;
using Pairs = std::vector<std::pair<std::string, std::string>>;
using Names = std::vector<std::string>;

class BakeLoaderTest : public ::testing::Test {
 protected:
  void Write(const std::string& name, const std::string& text) {
    fs_.Write("/p/demo/" + name, text);
  }

  Result<Project> Load(std::vector<std::string> files = {},
                       std::map<std::string, std::string> env = {}) {
    BakeOptions options{std::move(files), "/p/demo", std::move(env)};
    return LoadBakeProject(options, fs_, sources_, sink_);
  }

  // Loads a project that must load, with no diagnostics at all.
  Project LoadClean(std::vector<std::string> files = {},
                    std::map<std::string, std::string> env = {}) {
    Result<Project> project = Load(std::move(files), std::move(env));
    EXPECT_EQ(Diagnostics(), "");
    if (!project.ok()) {
      ADD_FAILURE() << project.error().message;
      return Project{};
    }
    return std::move(*project);
  }

  std::string Diagnostics() const {
    std::string out;
    for (const Diagnostic& d : sink_.diagnostics()) out += FormatDiagnostic(d);
    return out;
  }

  // Loads a project that must fail because of its diagnostics; returns them.
  std::string LoadErrors(std::vector<std::string> files = {},
                         std::map<std::string, std::string> env = {}) {
    Result<Project> project = Load(std::move(files), std::move(env));
    EXPECT_FALSE(project.ok());
    return Diagnostics();
  }

  static const Target& Get(const Project& project, const std::string& name) {
    const Target* target = project.Find(name);
    if (target == nullptr) {
      ADD_FAILURE() << "no target " << name;
      static const Target kNone;
      return kNone;
    }
    return *target;
  }

  static Names TargetNames(const Project& project) {
    Names names;
    for (const Target& t : project.targets) names.push_back(t.name);
    return names;
  }

  MemoryFileSystem fs_;
  SourceFileSet sources_;
  DiagSink sink_;
};

TEST_F(BakeLoaderTest, FileNamesFollowBuildx) {
  EXPECT_EQ(BakeFileNames(), (Names{"docker-bake.json", "docker-bake.override.json"}));
}

TEST_F(BakeLoaderTest, MinimalTargetGetsBuildxDefaults) {
  Write("docker-bake.json", R"json({
  "group": {"default": {"targets": ["app"]}},
  "target": {
    "app": {}
  }
}
)json");
  Project project = LoadClean();
  EXPECT_EQ(project.name, "demo");
  EXPECT_EQ(project.directory, "/p/demo");
  EXPECT_EQ(project.files, (Names{"/p/demo/docker-bake.json"}));
  EXPECT_EQ(project.default_targets, (Names{"app"}));
  EXPECT_EQ(project.groups, (std::map<std::string, Names>{{"default", {"app"}}}));
  ASSERT_EQ(project.targets.size(), 1u);
  const Target& app = project.targets[0];
  EXPECT_EQ(app.name, "app");
  EXPECT_EQ(app.context, "/p/demo");
  EXPECT_EQ(app.dockerfile, "/p/demo/Dockerfile");
  EXPECT_EQ(app.dockerfile_inline, std::nullopt);
  EXPECT_TRUE(app.args.empty());
  EXPECT_EQ(app.target_stage, "");
  EXPECT_TRUE(app.tags.empty());
  EXPECT_TRUE(app.platforms.empty());
  EXPECT_EQ(app.shm_size, std::nullopt);
  EXPECT_EQ(app.drydock.cost, std::nullopt);
  EXPECT_EQ(app.location.path, "/p/demo/docker-bake.json");
  EXPECT_EQ(app.location.line, 4u);
  EXPECT_EQ(app.location.column, 5u);
}

TEST_F(BakeLoaderTest, EveryTargetAttribute) {
  Write("docker-bake.json", R"json({
  "target": {
    "base": {},
    "asr": {
      "description": "speech recognition",
      "context": "services/asr",
      "dockerfile": "docker/Dockerfile.gpu",
      "args": {"PYTHON": "3.11", "WORKERS": 4, "DEBUG": false, "UNSET": null, "RATIO": 1.50},
      "tags": ["registry/asr:latest", "registry/asr:1", "registry/asr:latest"],
      "target": "runtime",
      "platforms": ["linux/amd64", "linux/arm64"],
      "labels": {"org.opencontainers.image.title": "asr", "dropped": null},
      "contexts": {
        "base": "target:base",
        "alpine": "docker-image://alpine:3.19",
        "models": "../models",
        "here": "cwd://shared",
        "git": "https://github.com/acme/repo.git#main",
        "scp": "git@github.com:acme/repo.git",
        "empty": ""
      },
      "cache-from": ["type=registry,ref=registry/asr:cache", {"type": "local", "src": "/tmp/c"}],
      "network": "none",
      "shm-size": "128m",
      "x-drydock": {"cost": 12.5, "check": true, "owner": "speech", "tier": 2, "gpu": false}
    }
  }
}
)json");
  Project project = LoadClean();
  EXPECT_EQ(TargetNames(project), (Names{"asr", "base"}));
  EXPECT_TRUE(project.default_targets.empty());
  const Target& asr = Get(project, "asr");
  EXPECT_EQ(asr.context, "/p/demo/services/asr");
  EXPECT_EQ(asr.dockerfile, "/p/demo/services/asr/docker/Dockerfile.gpu");
  EXPECT_EQ(asr.args, (Args{{"PYTHON", "3.11"},
                            {"WORKERS", "4"},
                            {"DEBUG", "false"},
                            {"UNSET", std::nullopt},
                            {"RATIO", "1.5"}}));
  EXPECT_EQ(asr.tags, (Names{"registry/asr:latest", "registry/asr:1"}));
  EXPECT_EQ(asr.target_stage, "runtime");
  EXPECT_EQ(asr.platforms, (Names{"linux/amd64", "linux/arm64"}));
  EXPECT_EQ(asr.labels, (Pairs{{"org.opencontainers.image.title", "asr"}}));
  EXPECT_EQ(asr.additional_contexts,
            (Pairs{{"base", "target:base"},
                   {"alpine", "docker-image://alpine:3.19"},
                   {"models", "/p/models"},
                   {"here", "/p/demo/shared"},
                   {"git", "https://github.com/acme/repo.git#main"},
                   {"scp", "git@github.com:acme/repo.git"}}));
  EXPECT_EQ(asr.cache_from,
            (Names{"type=registry,ref=registry/asr:cache", "type=local,src=/tmp/c"}));
  EXPECT_EQ(asr.network, "none");
  EXPECT_EQ(asr.shm_size, 128 * 1024 * 1024);
  EXPECT_EQ(asr.drydock.cost, 12.5);
  EXPECT_EQ(asr.drydock.check, true);
  EXPECT_EQ(asr.drydock.extra,
            (std::map<std::string, std::string>{
                {"gpu", "false"}, {"owner", "speech"}, {"tier", "2"}}));
  EXPECT_TRUE(asr.depends_on.empty());
  EXPECT_TRUE(asr.profiles.empty());
}

TEST_F(BakeLoaderTest, InlineDockerfileAndRemoteContext) {
  Write("docker-bake.json", R"json({
  "target": {
    "inline": {"dockerfile-inline": "FROM alpine\nRUN true\n", "dockerfile": "ignored"},
    "remote": {"context": "https://github.com/acme/app.git#v1", "dockerfile": "./build/Dockerfile"},
    "absolute": {"context": "/srv/app", "dockerfile": "/srv/other/Dockerfile"},
    "cwd": {"context": "sub", "dockerfile": "cwd://docker/Dockerfile"},
    "empty": {"dockerfile": ""}
  }
}
)json");
  Project project = LoadClean();
  const Target& inline_target = Get(project, "inline");
  EXPECT_EQ(inline_target.dockerfile, "");
  EXPECT_EQ(inline_target.dockerfile_inline, "FROM alpine\nRUN true\n");
  EXPECT_EQ(inline_target.context, "/p/demo");
  const Target& remote = Get(project, "remote");
  EXPECT_EQ(remote.context, "https://github.com/acme/app.git#v1");
  EXPECT_EQ(remote.dockerfile, "build/Dockerfile");
  EXPECT_EQ(Get(project, "absolute").context, "/srv/app");
  EXPECT_EQ(Get(project, "absolute").dockerfile, "/srv/other/Dockerfile");
  EXPECT_EQ(Get(project, "cwd").context, "/p/demo/sub");
  EXPECT_EQ(Get(project, "cwd").dockerfile, "/p/demo/docker/Dockerfile");
  EXPECT_EQ(Get(project, "empty").dockerfile, "/p/demo/Dockerfile");
}

TEST_F(BakeLoaderTest, ShmSizeUnits) {
  Write("docker-bake.json", R"json({
  "target": {
    "bytes": {"shm-size": "512"},
    "number": {"shm-size": 1024},
    "kib": {"shm-size": "64k"},
    "gib": {"shm-size": "1.5GiB"},
    "spaced": {"shm-size": "2 mb"}
  }
}
)json");
  Project project = LoadClean();
  EXPECT_EQ(Get(project, "bytes").shm_size, 512);
  EXPECT_EQ(Get(project, "number").shm_size, 1024);
  EXPECT_EQ(Get(project, "kib").shm_size, 64 * 1024);
  EXPECT_EQ(Get(project, "gib").shm_size, 1610612736);
  EXPECT_EQ(Get(project, "spaced").shm_size, 2 * 1024 * 1024);
}

TEST_F(BakeLoaderTest, InheritsMergesParentsInOrderChildWins) {
  Write("docker-bake.json", R"json({
  "target": {
    "_common": {
      "context": "services",
      "args": {"PYTHON": "3.10", "PIP_INDEX": "https://pypi.org/simple"},
      "labels": {"team": "ml", "tier": "base"},
      "tags": ["common"],
      "cache-from": ["type=gha"],
      "platforms": ["linux/amd64"],
      "x-drydock": {"cost": 1, "owner": "platform"}
    },
    "_release": {
      "args": {"PYTHON": "3.11", "RELEASE": "1"},
      "cache-from": ["type=registry,ref=r/cache"],
      "x-drydock": {"check": true}
    },
    "base": {
      "inherits": ["_common", "_release"],
      "dockerfile": "base.Dockerfile",
      "labels": {"tier": "gpu"}
    },
    "app": {
      "inherits": ["base"],
      "args": {"PYTHON": null, "APP": "asr"},
      "tags": ["app:1"],
      "cache-from": ["type=gha"],
      "x-drydock": {"cost": 7}
    }
  }
}
)json");
  Project project = LoadClean();
  const Target& base = Get(project, "base");
  EXPECT_EQ(base.context, "/p/demo/services");
  EXPECT_EQ(base.dockerfile, "/p/demo/services/base.Dockerfile");
  EXPECT_EQ(base.args, (Args{{"PYTHON", "3.11"},
                             {"PIP_INDEX", "https://pypi.org/simple"},
                             {"RELEASE", "1"}}));
  EXPECT_EQ(base.labels, (Pairs{{"team", "ml"}, {"tier", "gpu"}}));
  EXPECT_EQ(base.tags, (Names{"common"}));
  EXPECT_EQ(base.cache_from, (Names{"type=gha", "type=registry,ref=r/cache"}));
  EXPECT_EQ(base.drydock.cost, 1);
  EXPECT_EQ(base.drydock.check, true);

  // A null arg does not override an inherited value (buildx's Target.Merge skips nil).
  const Target& app = Get(project, "app");
  EXPECT_EQ(app.context, "/p/demo/services");
  EXPECT_EQ(app.dockerfile, "/p/demo/services/base.Dockerfile");
  EXPECT_EQ(app.args, (Args{{"PYTHON", "3.11"},
                            {"PIP_INDEX", "https://pypi.org/simple"},
                            {"RELEASE", "1"},
                            {"APP", "asr"}}));
  EXPECT_EQ(app.tags, (Names{"app:1"}));
  EXPECT_EQ(app.platforms, (Names{"linux/amd64"}));
  EXPECT_EQ(app.cache_from, (Names{"type=gha", "type=registry,ref=r/cache"}));
  EXPECT_EQ(app.drydock.cost, 7);
  EXPECT_EQ(app.drydock.check, true);
  EXPECT_EQ(app.drydock.extra, (std::map<std::string, std::string>{{"owner", "platform"}}));
  EXPECT_EQ(TargetNames(project), (Names{"_common", "_release", "app", "base"}));
}

TEST_F(BakeLoaderTest, NestedGroupsExpandInOrderWithoutRepeats) {
  Write("docker-bake.json", R"json({
  "group": {
    "default": {"targets": ["bases", "asr", "tmdb"]},
    "bases": {"targets": ["base-cpu", "base-cuda", "asr"]},
    "all": {"targets": ["default", "base-cpu"]},
    "tmdb": {"targets": ["tmdb-api"]}
  },
  "target": {
    "base-cpu": {}, "base-cuda": {}, "asr": {}, "tmdb": {}, "tmdb-api": {}
  }
}
)json");
  Project project = LoadClean();
  EXPECT_EQ(project.default_targets, (Names{"base-cpu", "base-cuda", "asr", "tmdb-api"}));
  EXPECT_EQ(project.groups,
            (std::map<std::string, Names>{
                {"all", {"base-cpu", "base-cuda", "asr", "tmdb-api"}},
                {"bases", {"base-cpu", "base-cuda", "asr"}},
                {"default", {"base-cpu", "base-cuda", "asr", "tmdb-api"}},
                {"tmdb", {"tmdb-api"}}}));
}

TEST_F(BakeLoaderTest, DefaultTargetWithoutDefaultGroup) {
  Write("docker-bake.json", R"json({"target": {"default": {}, "other": {}}})json");
  EXPECT_EQ(LoadClean().default_targets, (Names{"default"}));
}

TEST_F(BakeLoaderTest, NoDefaultGroupOrTargetSelectsNothing) {
  // buildx then fails with "failed to find target default"; a single target is not picked.
  Write("docker-bake.json", R"json({"target": {"only": {}}})json");
  Project project = LoadClean();
  EXPECT_TRUE(project.default_targets.empty());
  EXPECT_TRUE(project.groups.empty());
}

TEST_F(BakeLoaderTest, GroupCycleIsAnError) {
  Write("docker-bake.json", R"json({
  "group": {
    "a": {"targets": ["b"]},
    "b": {"targets": ["x", "a"]}
  },
  "target": {"x": {}}
}
)json");
  Result<Project> project = Load();
  ASSERT_FALSE(project.ok());
  EXPECT_EQ(project.error().message, "the bake definition has 1 error");
  EXPECT_EQ(Diagnostics(),
            "/p/demo/docker-bake.json:4:28: error: group cycle: a -> b -> a\n"
            "    \"b\": {\"targets\": [\"x\", \"a\"]}\n"
            "                           ^~~\n");
}

TEST_F(BakeLoaderTest, GroupSelfReference) {
  Write("docker-bake.json", R"json({"group": {"default": {"targets": ["default"]}}})json");
  EXPECT_EQ(LoadErrors(),
            "/p/demo/docker-bake.json:1:36: error: group cycle: default -> default\n"
            "{\"group\": {\"default\": {\"targets\": [\"default\"]}}}\n"
            "                                   ^~~~~~~~~\n");
}

TEST_F(BakeLoaderTest, UnknownGroupMemberSuggestsTarget) {
  Write("docker-bake.json", R"json({
  "group": {"default": {"targets": ["asr", "diarizaton"]}},
  "target": {"asr": {}, "diarization": {}}
}
)json");
  EXPECT_EQ(LoadErrors(),
            "/p/demo/docker-bake.json:2:44: error: group \"default\" names unknown target "
            "\"diarizaton\"; did you mean \"diarization\"?\n"
            "  \"group\": {\"default\": {\"targets\": [\"asr\", \"diarizaton\"]}},\n"
            "                                           ^~~~~~~~~~~~\n");
}

TEST_F(BakeLoaderTest, UnknownParentSuggestsTarget) {
  Write("docker-bake.json", R"json({
  "target": {
    "base": {},
    "app": {"inherits": ["bsae"]}
  }
}
)json");
  EXPECT_EQ(LoadErrors(),
            "/p/demo/docker-bake.json:4:26: error: target \"app\" inherits unknown target "
            "\"bsae\"; did you mean \"base\"?\n"
            "    \"app\": {\"inherits\": [\"bsae\"]}\n"
            "                         ^~~~~~\n");
}

TEST_F(BakeLoaderTest, InheritsCycleAndGroupParent) {
  Write("docker-bake.json", R"json({
  "group": {"bases": {"targets": ["a"]}},
  "target": {
    "a": {"inherits": ["b"]},
    "b": {"inherits": ["a"]},
    "c": {"inherits": ["bases"]}
  }
}
)json");
  EXPECT_EQ(LoadErrors(),
            "/p/demo/docker-bake.json:5:24: error: inherits cycle: a -> b -> a\n"
            "    \"b\": {\"inherits\": [\"a\"]},\n"
            "                       ^~~\n"
            "/p/demo/docker-bake.json:6:24: error: target \"c\" inherits \"bases\", which is a "
            "group, not a target\n"
            "    \"c\": {\"inherits\": [\"bases\"]}\n"
            "                       ^~~~~~~\n");
}

TEST_F(BakeLoaderTest, MatrixVariantsWithNameTemplate) {
  Write("docker-bake.json", R"json({
  "variable": {"REGISTRY": {"default": "registry.local"}},
  "group": {"default": {"targets": ["asr"]}},
  "target": {
    "asr": {
      "name": "asr-${variant}",
      "matrix": {"variant": ["cpu", "cuda"]},
      "context": "services/asr",
      "args": {"BASE": "base-${variant}"},
      "contexts": {"base": "target:base-${variant}"},
      "tags": ["${REGISTRY}/asr:${variant}"]
    },
    "base": {
      "name": "base-${v}",
      "matrix": {"v": ["cpu", "cuda"]},
      "dockerfile": "images/base-${v}/Dockerfile"
    }
  }
}
)json");
  Project project = LoadClean();
  EXPECT_EQ(TargetNames(project), (Names{"asr-cpu", "asr-cuda", "base-cpu", "base-cuda"}));
  EXPECT_EQ(project.default_targets, (Names{"asr-cpu", "asr-cuda"}));
  EXPECT_EQ(project.groups, (std::map<std::string, Names>{{"asr", {"asr-cpu", "asr-cuda"}},
                                                          {"base", {"base-cpu", "base-cuda"}},
                                                          {"default", {"asr-cpu", "asr-cuda"}}}));
  const Target& cuda = Get(project, "asr-cuda");
  EXPECT_EQ(cuda.context, "/p/demo/services/asr");
  EXPECT_EQ(cuda.args, (Args{{"BASE", "base-cuda"}}));
  EXPECT_EQ(cuda.additional_contexts, (Pairs{{"base", "target:base-cuda"}}));
  EXPECT_EQ(cuda.tags, (Names{"registry.local/asr:cuda"}));
  EXPECT_EQ(Get(project, "asr-cpu").args, (Args{{"BASE", "base-cpu"}}));
  EXPECT_EQ(Get(project, "base-cpu").dockerfile, "/p/demo/images/base-cpu/Dockerfile");
  // Every variant points at its declaration.
  EXPECT_EQ(cuda.location.line, 5u);
  EXPECT_EQ(cuda.location.column, 5u);
}

TEST_F(BakeLoaderTest, MatrixAxesMultiplyAndObjectValues) {
  Write("docker-bake.json", R"json({
  "target": {
    "app": {
      "name": "app-${tgt}-${py}",
      "matrix": {"tgt": ["dev", "prod"], "py": [310, 311]},
      "target": "${tgt}",
      "args": {"PYTHON": "${py}"}
    },
    "svc": {
      "name": "svc-${item.name}",
      "matrix": {"item": [{"name": "a", "port": 80}, {"name": "b", "port": 8080}]},
      "args": {"PORT": "${item.port}"}
    },
    "single": {"matrix": {"only": ["x"]}, "args": {"V": "${only}"}}
  }
}
)json");
  Project project = LoadClean();
  EXPECT_EQ(TargetNames(project), (Names{"app-dev-310", "app-dev-311", "app-prod-310",
                                         "app-prod-311", "single", "svc-a", "svc-b"}));
  // The first axis varies slowest.
  EXPECT_EQ(project.groups.at("app"),
            (Names{"app-dev-310", "app-dev-311", "app-prod-310", "app-prod-311"}));
  EXPECT_EQ(Get(project, "app-prod-311").target_stage, "prod");
  EXPECT_EQ(Get(project, "app-prod-311").args, (Args{{"PYTHON", "311"}}));
  EXPECT_EQ(Get(project, "svc-b").args, (Args{{"PORT", "8080"}}));
  // One variant named after its block is no group.
  EXPECT_EQ(project.groups.count("single"), 0u);
  EXPECT_EQ(Get(project, "single").args, (Args{{"V", "x"}}));
}

TEST_F(BakeLoaderTest, MatrixValuesMayUseVariables) {
  Write("docker-bake.json", R"json({
  "variable": {"CUDA": {"default": "12.4"}},
  "target": {
    "base": {
      "name": "base-${replace}",
      "matrix": {"replace": ["cpu", "cuda${CUDA}"]},
      "args": {"FLAVOR": "${replace}"}
    }
  }
}
)json");
  Project project = LoadClean({}, {{"CUDA", "12-6"}});
  EXPECT_EQ(TargetNames(project), (Names{"base-cpu", "base-cuda12-6"}));
  EXPECT_EQ(Get(project, "base-cuda12-6").args, (Args{{"FLAVOR", "cuda12-6"}}));
}

TEST_F(BakeLoaderTest, MatrixSizeIsBounded) {
  std::string values = "[";
  for (int i = 0; i < 101; ++i) values += (i ? "," : "") + std::to_string(i);
  values += "]";
  Write("docker-bake.json", "{\"target\": {\"t\": {\"name\": \"t-${a}-${b}\", \"matrix\": {\n"
                            "\"a\": " + values + ",\n"
                            "\"b\": " + values + "\n"
                            "}}}}\n");
  EXPECT_EQ(LoadErrors(),
            "/p/demo/docker-bake.json:3:1: error: the matrix has more than 10000 variants\n"
            "\"b\": " + values + "\n"
            "^~~\n");
}

TEST_F(BakeLoaderTest, MatrixNeedsNameTemplate) {
  Write("docker-bake.json", R"json({
  "target": {
    "asr": {"matrix": {"variant": ["cpu", "cuda"]}},
    "tts": {"name": "tts-x", "context": "."},
    "ocr": {"name": "ocr", "matrix": {"variant": ["cpu", "cuda"]}},
    "nlp": {"name": "nlp-${variant}.x", "matrix": {"variant": ["cpu"]}}
  }
}
)json");
  EXPECT_EQ(LoadErrors(),
            "/p/demo/docker-bake.json:3:13: error: matrix target \"asr\" needs a \"name\" "
            "template such as \"asr-${variant}\" to give its 2 variants distinct names\n"
            "    \"asr\": {\"matrix\": {\"variant\": [\"cpu\", \"cuda\"]}},\n"
            "            ^~~~~~~~\n"
            "/p/demo/docker-bake.json:4:13: error: \"name\" requires \"matrix\"\n"
            "    \"tts\": {\"name\": \"tts-x\", \"context\": \".\"},\n"
            "            ^~~~~~\n"
            "/p/demo/docker-bake.json:5:21: error: matrix target \"ocr\" gives the name "
            "\"ocr\" to more than one variant\n"
            "    \"ocr\": {\"name\": \"ocr\", \"matrix\": {\"variant\": [\"cpu\", \"cuda\"]}},\n"
            "                    ^~~~~\n"
            "/p/demo/docker-bake.json:6:21: error: \"name\" gives the invalid target name "
            "\"nlp-cpu.x\": only letters, digits, \"_\" and \"-\" are allowed\n"
            "    \"nlp\": {\"name\": \"nlp-${variant}.x\", \"matrix\": {\"variant\": [\"cpu\"]}}\n"
            "                    ^~~~~~~~~~~~~~~~~~\n");
}

TEST_F(BakeLoaderTest, MatrixShapeErrors) {
  Write("docker-bake.json", R"json({
  "target": {
    "a": {"name": "a-${v}", "matrix": ["cpu"]},
    "b": {"name": "b-${v}", "matrix": {"v": "cpu"}},
    "c": {"name": "c-${v}", "matrix": {"v": [["x"]]}}
  }
}
)json");
  EXPECT_EQ(LoadErrors(),
            "/p/demo/docker-bake.json:3:39: error: \"matrix\" must be an object of lists, not a "
            "list\n"
            "    \"a\": {\"name\": \"a-${v}\", \"matrix\": [\"cpu\"]},\n"
            "                                      ^\n"
            "/p/demo/docker-bake.json:4:45: error: matrix axis \"v\" must be a list, not a "
            "string\n"
            "    \"b\": {\"name\": \"b-${v}\", \"matrix\": {\"v\": \"cpu\"}},\n"
            "                                            ^~~~~\n"
            "/p/demo/docker-bake.json:5:46: error: each value of matrix axis \"v\" must be a "
            "string, number, bool or object, not a list\n"
            "    \"c\": {\"name\": \"c-${v}\", \"matrix\": {\"v\": [[\"x\"]]}}\n"
            "                                             ^\n");
}

TEST_F(BakeLoaderTest, VariablesDefaultsAndEnvironment) {
  Write("docker-bake.json", R"json({
  "variable": {
    "TAG": {"default": "latest", "description": "image tag"},
    "REGISTRY": {"default": "docker.io/acme"},
    "IMAGE": {"default": "${REGISTRY}/asr"},
    "EMPTY": {},
    "PUSH": {"default": false},
    "JOBS": {"default": 4},
    "NOTHING": {"default": null}
  },
  "TOP": "top-level",
  "target": {
    "asr": {
      "tags": ["${IMAGE}:${TAG}", "literal-$${TAG}-%%{x}", "${ TAG }"],
      "args": {"EMPTY": "[${EMPTY}]", "PUSH": "${PUSH}", "JOBS": "${JOBS}",
               "NOTHING": "${NOTHING}", "TOP": "${TOP}", "DOLLAR": "$TAG costs $5"}
    }
  }
}
)json");
  {
    Project project = LoadClean();
    const Target& asr = Get(project, "asr");
    EXPECT_EQ(asr.tags,
              (Names{"docker.io/acme/asr:latest", "literal-${TAG}-%{x}", "latest"}));
    EXPECT_EQ(asr.args, (Args{{"EMPTY", "[]"},
                              {"PUSH", "false"},
                              {"JOBS", "4"},
                              {"NOTHING", std::nullopt},
                              {"TOP", "top-level"},
                              {"DOLLAR", "$TAG costs $5"}}));
  }
  {
    // The environment overrides variables (a default's type is kept), never top-level
    // attributes, and a variable used in another's default is overridden there too.
    Project project = LoadClean({}, {{"TAG", "v2"},
                                     {"REGISTRY", "ghcr.io/acme"},
                                     {"EMPTY", "set"},
                                     {"PUSH", "1"},
                                     {"JOBS", "8"},
                                     {"NOTHING", "now"},
                                     {"TOP", "ignored"}});
    const Target& asr = Get(project, "asr");
    EXPECT_EQ(asr.tags, (Names{"ghcr.io/acme/asr:v2", "literal-${TAG}-%{x}", "v2"}));
    EXPECT_EQ(asr.args, (Args{{"EMPTY", "[set]"},
                              {"PUSH", "true"},
                              {"JOBS", "8"},
                              {"NOTHING", "now"},
                              {"TOP", "top-level"},
                              {"DOLLAR", "$TAG costs $5"}}));
  }
}

TEST_F(BakeLoaderTest, EnvironmentLookupCanBeDisabled) {
  Write("docker-bake.json", R"json({
  "variable": {"TAG": {"default": "latest"}},
  "target": {"app": {"tags": ["app:${TAG}"]}}
}
)json");
  Project project = LoadClean({}, {{"TAG", "v2"}, {"BUILDX_BAKE_DISABLE_VARS_ENV_LOOKUP", "1"}});
  EXPECT_EQ(Get(project, "app").tags, (Names{"app:latest"}));
}

TEST_F(BakeLoaderTest, BuiltInVariables) {
  Write("docker-bake.json", R"json({
  "target": {"app": {"context": "${BAKE_CMD_CONTEXT}sub", "args": {"P": "${BAKE_LOCAL_PLATFORM}"}}}
}
)json");
  Project project = LoadClean();
  EXPECT_EQ(Get(project, "app").context, "/p/demo/sub");
  ASSERT_EQ(Get(project, "app").args.size(), 1u);
  EXPECT_EQ(Get(project, "app").args[0].second.value_or("").rfind("linux/", 0), 0u);
}

TEST_F(BakeLoaderTest, UnknownVariableSuggestsAndPointsAtTheReference) {
  Write("docker-bake.json", R"json({
  "variable": {"TAG": {"default": "latest"}},
  "target": {
    "app": {"tags": ["acme/app:${TAGG}"]}
  }
}
)json");
  EXPECT_EQ(LoadErrors(),
            "/p/demo/docker-bake.json:4:32: error: unknown variable \"TAGG\"; did you mean "
            "\"TAG\"?\n"
            "    \"app\": {\"tags\": [\"acme/app:${TAGG}\"]}\n"
            "                               ^~~~~~~\n");
}

TEST_F(BakeLoaderTest, TemplateErrors) {
  Write("docker-bake.json", R"json({
  "variable": {
    "A": {"default": "${B}"},
    "B": {"default": "x-${A}"},
    "LIST": {"default": ["a"]}
  },
  "target": {
    "app": {
      "name": "app-${item.k}",
      "matrix": {"item": [{"k": "v"}]},
      "args": {"X": "${upper(TAG)}", "Y": "pre-${item}", "Z": "${A}"}
    },
    "bad": {
      "name": "bad-${item}",
      "matrix": {"item": [{"k": "v"}]}
    }
  }
}
)json");
  // Variables resolve in name order, so the cycle is reported where B refers back to A; the
  // failed A then fails "Z" silently. A target whose name fails is not evaluated further.
  EXPECT_EQ(
      LoadErrors(),
      "/p/demo/docker-bake.json:4:25: error: variable cycle: A -> B -> A\n"
      "    \"B\": {\"default\": \"x-${A}\"},\n"
      "                        ^~~~\n"
      "/p/demo/docker-bake.json:5:25: error: variable \"LIST\" has a list value; drydock "
      "supports string, number, bool and null variables\n"
      "    \"LIST\": {\"default\": [\"a\"]}\n"
      "                        ^\n"
      "/p/demo/docker-bake.json:11:22: error: unsupported expression \"${upper(TAG)}\"; "
      "drydock evaluates only references such as \"${NAME}\" and \"${item.field}\"\n"
      "      \"args\": {\"X\": \"${upper(TAG)}\", \"Y\": \"pre-${item}\", \"Z\": \"${A}\"}\n"
      "                     ^~~~~~~~~~~~~\n"
      "/p/demo/docker-bake.json:11:48: error: \"item\" is an object and cannot be part of a "
      "string\n"
      "      \"args\": {\"X\": \"${upper(TAG)}\", \"Y\": \"pre-${item}\", \"Z\": \"${A}\"}\n"
      "                                               ^~~~~~~\n"
      "/p/demo/docker-bake.json:14:20: error: \"item\" is an object and cannot be part of a "
      "string\n"
      "      \"name\": \"bad-${item}\",\n"
      "                   ^~~~~~~\n");
}

TEST_F(BakeLoaderTest, TemplateErrorsInsideStrings) {
  Write("docker-bake.json", R"json({
  "target": {
    "app": {
      "name": "app-${item.k}",
      "matrix": {"item": [{"k": "v"}]},
      "args": {"Y": "%{if true}y", "Z": "${item.nope}", "W": "open ${",
               "V": "\u00e9${item.k.deeper}"}
    }
  }
}
)json");
  EXPECT_EQ(
      LoadErrors(),
      "/p/demo/docker-bake.json:6:22: error: template directives (\"%{...}\") are not "
      "supported; write \"%%{\" for a literal \"%{\"\n"
      "      \"args\": {\"Y\": \"%{if true}y\", \"Z\": \"${item.nope}\", \"W\": \"open ${\",\n"
      "                     ^~~~~~~~~~\n"
      "/p/demo/docker-bake.json:6:42: error: \"item\" has no field \"nope\"\n"
      "      \"args\": {\"Y\": \"%{if true}y\", \"Z\": \"${item.nope}\", \"W\": \"open ${\",\n"
      "                                         ^~~~~~~~~~~~\n"
      "/p/demo/docker-bake.json:6:68: error: \"${\" has no closing \"}\"\n"
      "      \"args\": {\"Y\": \"%{if true}y\", \"Z\": \"${item.nope}\", \"W\": \"open ${\",\n"
      "                                                                   ^~\n"
      "/p/demo/docker-bake.json:7:28: error: \"item.k\" is a string, not an object with field "
      "\"deeper\"\n"
      "               \"V\": \"\\u00e9${item.k.deeper}\"}\n"
      "                           ^~~~~~~~~~~~~~~~\n");
}

TEST_F(BakeLoaderTest, EnvironmentValueMustMatchDefaultType) {
  Write("docker-bake.json", R"json({
  "variable": {"PUSH": {"default": true}, "JOBS": {"default": 2}},
  "target": {"app": {}}
}
)json");
  EXPECT_EQ(LoadErrors({}, {{"PUSH", "maybe"}, {"JOBS", "many"}}),
            "/p/demo/docker-bake.json:2:16: error: failed to parse PUSH as bool: the "
            "environment sets it to \"maybe\"\n"
            "  \"variable\": {\"PUSH\": {\"default\": true}, \"JOBS\": {\"default\": 2}},\n"
            "               ^~~~~~\n"
            "/p/demo/docker-bake.json:2:43: error: failed to parse JOBS as number: the "
            "environment sets it to \"many\"\n"
            "  \"variable\": {\"PUSH\": {\"default\": true}, \"JOBS\": {\"default\": 2}},\n"
            "                                          ^~~~~~\n");
}

TEST_F(BakeLoaderTest, OverrideFileMergesTargetsGroupsAndVariables) {
  Write("docker-bake.json", R"json({
  "variable": {"TAG": {"default": "latest"}},
  "group": {"default": {"targets": ["asr", "tts"]}},
  "target": {
    "asr": {
      "context": "services/asr",
      "args": {"PYTHON": "3.10", "MODEL": "small"},
      "labels": {"team": "speech"},
      "tags": ["asr:${TAG}"],
      "platforms": ["linux/amd64"],
      "cache-from": ["type=gha"]
    },
    "tts": {}
  }
}
)json");
  Write("docker-bake.override.json", R"json({
  "variable": {"TAG": {"default": "ci"}},
  "group": {"default": {"targets": ["asr", "mux"]}},
  "target": {
    "asr": {
      "args": {"MODEL": "large", "EXTRA": "1"},
      "labels": {"ci": "true"},
      "tags": ["asr:${TAG}", "asr:edge"],
      "cache-from": ["type=registry,ref=r/asr"]
    },
    "mux": {"dockerfile": "mux.Dockerfile"}
  }
}
)json");
  Project project = LoadClean();
  EXPECT_EQ(project.files,
            (Names{"/p/demo/docker-bake.json", "/p/demo/docker-bake.override.json"}));
  EXPECT_EQ(TargetNames(project), (Names{"asr", "mux", "tts"}));
  // A later group replaces the earlier one whole (buildx's HCL parser has no Group.Merge).
  EXPECT_EQ(project.default_targets, (Names{"asr", "mux"}));
  const Target& asr = Get(project, "asr");
  EXPECT_EQ(asr.context, "/p/demo/services/asr");
  EXPECT_EQ(asr.args, (Args{{"PYTHON", "3.10"}, {"MODEL", "large"}, {"EXTRA", "1"}}));
  EXPECT_EQ(asr.labels, (Pairs{{"team", "speech"}, {"ci", "true"}}));
  EXPECT_EQ(asr.tags, (Names{"asr:ci", "asr:edge"}));
  EXPECT_EQ(asr.platforms, (Names{"linux/amd64"}));
  EXPECT_EQ(asr.cache_from, (Names{"type=gha", "type=registry,ref=r/asr"}));
  EXPECT_EQ(asr.location.path, "/p/demo/docker-bake.json");
  EXPECT_EQ(Get(project, "mux").dockerfile, "/p/demo/mux.Dockerfile");
}

TEST_F(BakeLoaderTest, ExplicitFilesInOrderResolvePathsAgainstWorkingDir) {
  fs_.Write("/p/demo/ci/bake.json", R"json({
  "target": {"app": {"context": "app", "contexts": {"data": "data"}, "tags": ["a"]}}
}
)json");
  fs_.Write("/p/extra.json", R"json({"target": {"app": {"tags": ["b"]}}})json");
  Write("docker-bake.json", R"json({"target": {"unused": {}}})json");
  Project project = LoadClean({"ci/bake.json", "../extra.json"});
  EXPECT_EQ(project.files, (Names{"/p/demo/ci/bake.json", "/p/extra.json"}));
  EXPECT_EQ(TargetNames(project), (Names{"app"}));
  const Target& app = Get(project, "app");
  EXPECT_EQ(app.context, "/p/demo/app");
  EXPECT_EQ(app.additional_contexts, (Pairs{{"data", "/p/demo/data"}}));
  EXPECT_EQ(app.tags, (Names{"b"}));
}

TEST_F(BakeLoaderTest, FileRelativePathsOptIn) {
  fs_.Write("/p/demo/ci/bake.json", R"json({
  "target": {
    "app": {"context": "app", "contexts": {"data": "../data", "here": "cwd://x"}},
    "bare": {}
  }
}
)json");
  Project project = LoadClean({"ci/bake.json"}, {{"BUILDX_BAKE_FILE_RELATIVE_PATHS", "1"}});
  const Target& app = Get(project, "app");
  EXPECT_EQ(app.context, "/p/demo/ci/app");
  EXPECT_EQ(app.dockerfile, "/p/demo/ci/app/Dockerfile");
  EXPECT_EQ(app.additional_contexts, (Pairs{{"data", "/p/demo/data"}, {"here", "/p/demo/x"}}));
  EXPECT_EQ(Get(project, "bare").context, "/p/demo/ci");

  Result<Project> bad = Load({"ci/bake.json"}, {{"BUILDX_BAKE_FILE_RELATIVE_PATHS", "sure"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message,
            "failed to parse BUILDX_BAKE_FILE_RELATIVE_PATHS value \"sure\": invalid syntax");
}

TEST_F(BakeLoaderTest, NoBakeFile) {
  fs_.Write("/p/demo/docker-bake.hcl", "target \"app\" {}\n");
  Result<Project> project = Load();
  ASSERT_FALSE(project.ok());
  EXPECT_EQ(project.error().message,
            "couldn't find a bake definition in /p/demo (looked for docker-bake.json, "
            "docker-bake.override.json)");
  EXPECT_EQ(Diagnostics(),
            "drydock: warning: docker-bake.hcl is ignored: drydock reads JSON bake files only\n");
}

TEST_F(BakeLoaderTest, UnreadableExplicitFile) {
  Result<Project> project = Load({"missing.json"});
  ASSERT_FALSE(project.ok());
  EXPECT_EQ(project.error().message, "/p/demo/missing.json: No such file or directory");
}

TEST_F(BakeLoaderTest, UnknownAttributesWarnWithSuggestions) {
  Write("docker-bake.json", R"json({
  "target": {
    "app": {
      "dockerfil": "app.Dockerfile",
      "output": ["type=docker"],
      "secret": ["id=token"],
      "x-drydock": {"cots": 3}
    }
  },
  "groups": {"default": {"targets": ["app"]}},
  "group": {"all": {"targets": ["app"], "target": ["app"]}},
  "variable": {"V": {"defualt": "1"}, "T": {"type": "string"}}
}
)json");
  Result<Project> project = Load();
  ASSERT_TRUE(project.ok());
  EXPECT_EQ(Get(*project, "app").dockerfile, "/p/demo/Dockerfile");
  EXPECT_EQ(Get(*project, "app").drydock.extra,
            (std::map<std::string, std::string>{{"cots", "3"}}));
  EXPECT_EQ(
      Diagnostics(),
      "/p/demo/docker-bake.json:4:7: warning: unknown attribute \"dockerfil\" in target "
      "\"app\"; did you mean \"dockerfile\"?\n"
      "      \"dockerfil\": \"app.Dockerfile\",\n"
      "      ^~~~~~~~~~~\n"
      "/p/demo/docker-bake.json:6:7: warning: attribute \"secret\" of target \"app\" is not "
      "supported by drydock and is ignored\n"
      "      \"secret\": [\"id=token\"],\n"
      "      ^~~~~~~~\n"
      "/p/demo/docker-bake.json:7:21: warning: unknown x-drydock key \"cots\" is kept as "
      "extra; did you mean \"cost\"?\n"
      "      \"x-drydock\": {\"cots\": 3}\n"
      "                    ^~~~~~\n"
      "/p/demo/docker-bake.json:10:3: warning: unknown block type \"groups\"; did you mean "
      "\"group\"?\n"
      "  \"groups\": {\"default\": {\"targets\": [\"app\"]}},\n"
      "  ^~~~~~~~\n"
      "/p/demo/docker-bake.json:11:41: warning: unknown attribute \"target\" in group "
      "\"all\"; did you mean \"targets\"?\n"
      "  \"group\": {\"all\": {\"targets\": [\"app\"], \"target\": [\"app\"]}},\n"
      "                                        ^~~~~~~~\n"
      "/p/demo/docker-bake.json:12:22: warning: unknown attribute \"defualt\" in variable "
      "\"V\"; did you mean \"default\"?\n"
      "  \"variable\": {\"V\": {\"defualt\": \"1\"}, \"T\": {\"type\": \"string\"}}\n"
      "                     ^~~~~~~~~\n"
      "/p/demo/docker-bake.json:12:45: warning: \"type\" of variable \"T\" is not supported "
      "by drydock and is ignored\n"
      "  \"variable\": {\"V\": {\"defualt\": \"1\"}, \"T\": {\"type\": \"string\"}}\n"
      "                                            ^~~~~~\n");
}

TEST_F(BakeLoaderTest, WrongTypesAreErrors) {
  Write("docker-bake.json", R"json({
  "target": {
    "app": {
      "tags": "app:latest",
      "args": {"A": ["x"]},
      "platforms": ["linux/amd64", null],
      "context": {"path": "."},
      "shm-size": "lots",
      "x-drydock": {"cost": "high", "check": "yes", "note": [1]}
    },
    "list": [1]
  }
}
)json");
  EXPECT_EQ(
      LoadErrors(),
      "/p/demo/docker-bake.json:4:15: error: \"tags\" must be a list of strings, not a "
      "string\n"
      "      \"tags\": \"app:latest\",\n"
      "              ^~~~~~~~~~~~\n"
      "/p/demo/docker-bake.json:5:21: error: each value of \"args\" must be a string, not a "
      "list\n"
      "      \"args\": {\"A\": [\"x\"]},\n"
      "                    ^\n"
      "/p/demo/docker-bake.json:6:36: error: each element of \"platforms\" must be a string, "
      "not null\n"
      "      \"platforms\": [\"linux/amd64\", null],\n"
      "                                   ^~~~\n"
      "/p/demo/docker-bake.json:7:18: error: \"context\" must be a string, not an object\n"
      "      \"context\": {\"path\": \".\"},\n"
      "                 ^\n"
      "/p/demo/docker-bake.json:8:19: error: invalid \"shm-size\" \"lots\": expected a size "
      "such as \"128m\" (units b, k, m, g, t, p)\n"
      "      \"shm-size\": \"lots\",\n"
      "                  ^~~~~~\n"
      "/p/demo/docker-bake.json:9:29: error: \"x-drydock.cost\" must be a number, not a "
      "string \"high\"\n"
      "      \"x-drydock\": {\"cost\": \"high\", \"check\": \"yes\", \"note\": [1]}\n"
      "                            ^~~~~~\n"
      "/p/demo/docker-bake.json:9:46: error: \"x-drydock.check\" must be a bool, not a "
      "string \"yes\"\n"
      "      \"x-drydock\": {\"cost\": \"high\", \"check\": \"yes\", \"note\": [1]}\n"
      "                                             ^~~~~\n"
      "/p/demo/docker-bake.json:9:61: error: \"x-drydock.note\" must be a string, number or "
      "bool, not a list\n"
      "      \"x-drydock\": {\"cost\": \"high\", \"check\": \"yes\", \"note\": [1]}\n"
      "                                                            ^\n"
      "/p/demo/docker-bake.json:11:14: error: target \"list\" must be an object, not a "
      "number\n"
      "    \"list\": [1]\n"
      "             ^\n");
}

TEST_F(BakeLoaderTest, DrydockSettingsFromVariables) {
  Write("docker-bake.json", R"json({
  "variable": {"COST": {"default": "2.5"}, "CHECK": {"default": "false"}},
  "target": {"app": {"x-drydock": {"cost": "${COST}", "check": "${CHECK}"}}}
}
)json");
  Project project = LoadClean({}, {{"CHECK", "true"}});
  EXPECT_EQ(Get(project, "app").drydock.cost, 2.5);
  EXPECT_EQ(Get(project, "app").drydock.check, true);
}

TEST_F(BakeLoaderTest, TargetLinksMustNameTargets) {
  Write("docker-bake.json", R"json({
  "group": {"bases": {"targets": ["base"]}},
  "target": {
    "base": {},
    "app": {"contexts": {"base": "target:bsae", "grp": "target:bases", "ok": "target:base"}}
  }
}
)json");
  EXPECT_EQ(LoadErrors(),
            "/p/demo/docker-bake.json:5:34: error: context \"base\" of target \"app\" names "
            "unknown target \"bsae\"; did you mean \"base\"?\n"
            "    \"app\": {\"contexts\": {\"base\": \"target:bsae\", \"grp\": \"target:bases\", "
            "\"ok\": \"target:base\"}}\n"
            "                                 ^~~~~~~~~~~~~\n"
            "/p/demo/docker-bake.json:5:56: error: context \"grp\" of target \"app\" names "
            "\"bases\", which is a group, not a target\n"
            "    \"app\": {\"contexts\": {\"base\": \"target:bsae\", \"grp\": \"target:bases\", "
            "\"ok\": \"target:base\"}}\n"
            "                                                       ^~~~~~~~~~~~~~\n");
}

TEST_F(BakeLoaderTest, InvalidJson) {
  Write("docker-bake.json", R"json({
  "target": {
    "app": {"context": .}
  }
}
)json");
  Write("docker-bake.override.json", R"json({
  "target": {"app": {"tags": [latest]}},
  unquoted: 1
}
)json");
  EXPECT_EQ(LoadErrors(),
            "/p/demo/docker-bake.json:3:24: error: invalid JSON value .; strings must be "
            "quoted\n"
            "    \"app\": {\"context\": .}\n"
            "                       ^\n"
            "/p/demo/docker-bake.override.json:2:31: error: invalid JSON value latest; strings "
            "must be quoted\n"
            "  \"target\": {\"app\": {\"tags\": [latest]}},\n"
            "                              ^~~~~~\n"
            "/p/demo/docker-bake.override.json:3:3: error: invalid JSON: object keys must be "
            "quoted strings\n"
            "  unquoted: 1\n"
            "  ^~~~~~~~\n");
}

TEST_F(BakeLoaderTest, SyntaxErrorsAreLocated) {
  Write("docker-bake.json", "{\n  \"target\": {\"app\": {}\n");
  Write("docker-bake.override.json",
        "{\n  \"target\": {\n    \"app\": {},\n    \"app\": {}\n  }\n}\n");
  Result<Project> project = Load();
  ASSERT_FALSE(project.ok());
  EXPECT_EQ(project.error().message, "the bake definition has 2 errors");
  EXPECT_EQ(Diagnostics(),
            "/p/demo/docker-bake.json:2:24: error: invalid JSON: end of map flow not found\n"
            "  \"target\": {\"app\": {}\n"
            "                      ^\n"
            "/p/demo/docker-bake.override.json:4:5: error: invalid JSON: mapping key \"app\" "
            "already defined at line 3\n"
            "    \"app\": {}\n"
            "    ^\n");
}

TEST_F(BakeLoaderTest, TopLevelShapeErrors) {
  Write("docker-bake.json", R"json(["not", "an", "object"])json");
  Write("docker-bake.override.json", R"json({"target": ["app"], "function": {}})json");
  EXPECT_EQ(LoadErrors(),
            "/p/demo/docker-bake.json:1:1: error: a bake file must be a JSON object, not a "
            "list\n"
            "[\"not\", \"an\", \"object\"]\n"
            "^\n"
            "/p/demo/docker-bake.override.json:1:12: error: \"target\" must be an object of "
            "target blocks by name, not a list\n"
            "{\"target\": [\"app\"], \"function\": {}}\n"
            "           ^\n"
            "/p/demo/docker-bake.override.json:1:21: warning: \"function\" blocks are not "
            "supported by drydock and are ignored\n"
            "{\"target\": [\"app\"], \"function\": {}}\n"
            "                    ^~~~~~~~~~\n");
}

TEST_F(BakeLoaderTest, NameValidationAndGroupRules) {
  Write("docker-bake.json", R"json({
  "group": {
    "g.1": {"targets": []},
    "g2": {"matrix": {"a": ["b"]}, "targets": []},
    "g3": {"description": "no targets"}
  },
  "target": {"app.v1": {}}
}
)json");
  EXPECT_EQ(LoadErrors(),
            "/p/demo/docker-bake.json:3:5: error: invalid group name \"g.1\": only letters, "
            "digits, \"_\" and \"-\" are allowed\n"
            "    \"g.1\": {\"targets\": []},\n"
            "    ^~~~~\n"
            "/p/demo/docker-bake.json:4:12: error: \"matrix\" is not supported for groups\n"
            "    \"g2\": {\"matrix\": {\"a\": [\"b\"]}, \"targets\": []},\n"
            "           ^~~~~~~~\n"
            "/p/demo/docker-bake.json:5:5: error: group \"g3\" needs a \"targets\" list\n"
            "    \"g3\": {\"description\": \"no targets\"}\n"
            "    ^~~~\n"
            "/p/demo/docker-bake.json:7:14: error: invalid target name \"app.v1\": only "
            "letters, digits, \"_\" and \"-\" are allowed\n"
            "  \"target\": {\"app.v1\": {}}\n"
            "             ^~~~~~~~\n");
}

TEST_F(BakeLoaderTest, ContextAndDockerfileFromStdinAreRejected) {
  Write("docker-bake.json", R"json({"target": {"app": {"context": "-"}}})json");
  EXPECT_EQ(LoadErrors(),
            "/p/demo/docker-bake.json:1:32: error: context from standard input is not allowed "
            "in bake\n"
            "{\"target\": {\"app\": {\"context\": \"-\"}}}\n"
            "                               ^~~\n");
}

TEST_F(BakeLoaderTest, BlocksMayBeListsOfBodies) {
  // HCL's JSON syntax: a list of bodies is several blocks with the same label, merged.
  Write("docker-bake.json", R"json({
  "target": {"app": [{"tags": ["a"], "args": {"X": "1"}}, {"args": {"Y": "2"}}]}
}
)json");
  Project project = LoadClean();
  EXPECT_EQ(Get(project, "app").tags, (Names{"a"}));
  EXPECT_EQ(Get(project, "app").args, (Args{{"X", "1"}, {"Y", "2"}}));
}

}  // namespace
}  // namespace drydock::project
