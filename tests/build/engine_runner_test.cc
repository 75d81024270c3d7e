#include "build/engine_runner.h"

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/curl_transport.h"
#include "testing/fake_engine.h"

namespace drydock::build {
namespace {

using testing::FakeConnection;
using testing::FakeEngine;
using testing::FakeRequest;

constexpr const char* kTag = "drydock-test-build/app:latest";
const std::string kImageId = "sha256:" + std::string(64, 'c');

class NullObserver final : public RunObserver {};

// A project of one target whose context is /p/app, and an engine that builds it with the
// classic builder and remembers the input-hash label it was asked for.
struct Fixture {
  MemoryFileSystem fs;
  project::Project project;
  std::optional<graph::BuildGraph> graph;
  FakeEngine engine;
  std::unique_ptr<engine::Client> client;
  HashCache cache;
  std::mutex mu;
  std::string stored_label;  // Of the image under kTag; empty: no such image.
  std::string build_stream = "{\"stream\":\"Step 1/2 : FROM busybox\"}\r\n{\"stream\":\"\\n\"}\r\n"
                             "{\"aux\":{\"ID\":\"" + kImageId + "\"}}\r\n"
                             "{\"stream\":\"Successfully built cccccccccccc\\n\"}\r\n";
  bool drop_build = false;
  std::string base_id;  // Of the external base image busybox; empty: not in the engine.

  Fixture() {
    fs.Write("/p/app/Dockerfile", "FROM busybox\nCOPY app.py /\nRUN false\n");
    fs.Write("/p/app/app.py", "print(1)\n");
    project.name = "p";
    project.directory = "/p";
    project.files = {"/p/compose.yaml"};
    project::Target t;
    t.name = "app";
    t.context = "/p/app";
    t.dockerfile = "/p/app/Dockerfile";
    t.tags = {kTag};
    project.targets.push_back(t);
    project.default_targets = {"app"};
    SourceFileSet sources;
    DiagSink sink;
    Result<graph::BuildGraph> g = graph::BuildGraphFromProject(project, fs, sources, sink);
    EXPECT_TRUE(g.ok());
    graph.emplace(std::move(*g));

    engine.RoutePing("1.41");
    engine.Route("GET", std::string("/v1.41/images/") + kTag + "/json",
                 [this](FakeRequest&, FakeConnection& c) {
                   std::lock_guard<std::mutex> lock(mu);
                   if (stored_label.empty()) {
                     c.Respond(404, "application/json", R"({"message":"No such image"})");
                     return;
                   }
                   c.Respond(200, "application/json",
                             "{\"Id\":\"sha256:" + std::string(64, 'e') + "\",\"Size\":77,"
                             "\"Config\":{\"Labels\":{\"org.drydock.input-hash\":\"" +
                                 stored_label + "\"}}}");
                 });
    engine.Route("GET", "/v1.41/images/busybox/json", [this](FakeRequest&, FakeConnection& c) {
      std::lock_guard<std::mutex> lock(mu);
      if (base_id.empty()) {
        c.Respond(404, "application/json", R"({"message":"No such image"})");
      } else {
        c.Respond(200, "application/json", "{\"Id\":\"" + base_id + "\",\"Size\":5}");
      }
    });
    engine.Route("GET", "/v1.41/images/" + kImageId + "/json", [](FakeRequest&, FakeConnection& c) {
      c.Respond(200, "application/json", "{\"Id\":\"" + kImageId + "\",\"Size\":1234}");
    });
    engine.Route("POST", "/v1.41/build", [this](FakeRequest& r, FakeConnection& c) {
      c.ReadBody(r);
      if (drop_build) {
        c.Drop();
        return;
      }
      for (const auto& [key, value] : r.Query()) {
        if (key == "labels") {
          std::lock_guard<std::mutex> lock(mu);
          stored_label = nlohmann::json::parse(value)["org.drydock.input-hash"];
        }
      }
      c.WriteHead(200, {{"Content-Type", "application/json"}});
      c.WriteChunk(build_stream);
      c.EndChunks();
    });
    engine::EngineEndpoint endpoint = *engine::ParseEngineAddress(engine.address(), std::nullopt);
    Result<std::unique_ptr<engine::Client>> c = engine::Client::Connect(engine::MakeCurlTransport(endpoint));
    EXPECT_TRUE(c.ok()) << c.error().message;
    client = std::move(*c);
  }

  RunResult Run(bool force = false) {
    EngineRunnerOptions options;
    options.force = force;
    EngineRunner runner(*client, *graph, {0}, fs, cache, options);
    BuildJob job;
    job.index = 0;
    job.target = "app";
    NullObserver observer;
    CancelToken cancel;
    return runner.Run(job, observer, cancel);
  }

  int BuildRequests() {
    int n = 0;
    for (const FakeRequest& r : engine.requests()) n += r.path == "/v1.41/build" ? 1 : 0;
    return n;
  }
};

TEST(EngineRunnerTest, BuildsWithTheHashLabelThenFindsItUpToDateWithoutABuildRequest) {
  Fixture f;
  RunResult first = f.Run();
  ASSERT_EQ(first.status, RunResult::Status::kBuilt) << first.message;
  EXPECT_EQ(first.image_id, kImageId);
  EXPECT_EQ(first.size, 1234);
  ASSERT_EQ(f.BuildRequests(), 1);
  FakeRequest build;
  for (const FakeRequest& r : f.engine.requests()) {
    if (r.path == "/v1.41/build") build = r;
  }
  std::string query;
  for (const auto& [key, value] : build.Query()) {
    query += key + "=" + (key == "labels" ? "<labels>" : value) + "\n";
  }
  EXPECT_EQ(query, std::string("t=") + kTag + "\ndockerfile=Dockerfile\nlabels=<labels>\n"
                   "forcerm=1\nversion=1\n");
  {
    std::lock_guard<std::mutex> lock(f.mu);
    EXPECT_EQ(f.stored_label.size(), 64u);
  }
  // The body is the context tar: Dockerfile and app.py, whole blocks, two zero blocks last.
  EXPECT_EQ(build.body.size() % 512, 0u);
  EXPECT_NE(build.body.find("app.py"), std::string::npos);
  EXPECT_EQ(build.body.substr(build.body.size() - 1024), std::string(1024, '\0'));

  RunResult second = f.Run();
  EXPECT_EQ(second.status, RunResult::Status::kUpToDate);
  EXPECT_EQ(second.image_id, "sha256:" + std::string(64, 'e'));
  EXPECT_EQ(second.size, 77);
  EXPECT_EQ(f.BuildRequests(), 1);

  // --force builds anyway; a changed file changes the hash and builds too.
  EXPECT_EQ(f.Run(/*force=*/true).status, RunResult::Status::kBuilt);
  EXPECT_EQ(f.BuildRequests(), 2);
  f.fs.Write("/p/app/app.py", "print(2)\n");
  EXPECT_EQ(f.Run().status, RunResult::Status::kBuilt);
  EXPECT_EQ(f.BuildRequests(), 3);
}

// The external base is an input: importing it (absent -> present) or replacing it rebuilds; an
// unchanged base keeps the target up to date.
TEST(EngineRunnerTest, AChangedExternalBaseImageRebuilds) {
  Fixture f;
  ASSERT_EQ(f.Run().status, RunResult::Status::kBuilt);
  EXPECT_EQ(f.Run().status, RunResult::Status::kUpToDate);
  {
    std::lock_guard<std::mutex> lock(f.mu);
    f.base_id = "sha256:" + std::string(64, '1');
  }
  EXPECT_EQ(f.Run().status, RunResult::Status::kBuilt);
  EXPECT_EQ(f.Run().status, RunResult::Status::kUpToDate);
  {
    std::lock_guard<std::mutex> lock(f.mu);
    f.base_id = "sha256:" + std::string(64, '2');
  }
  EXPECT_EQ(f.Run().status, RunResult::Status::kBuilt);
  EXPECT_EQ(f.BuildRequests(), 3);
}

TEST(EngineRunnerTest, AFailedStepNamesItsDockerfileLineAndExitCode) {
  Fixture f;
  f.build_stream =
      "{\"stream\":\"Step 1/3 : FROM busybox\"}\r\n{\"stream\":\"\\n\"}\r\n"
      "{\"stream\":\"Step 2/3 : COPY app.py /\"}\r\n{\"stream\":\"\\n\"}\r\n"
      "{\"stream\":\"Step 3/3 : RUN false\"}\r\n{\"stream\":\"\\n\"}\r\n"
      "{\"errorDetail\":{\"code\":1,\"message\":\"The command '/bin/sh -c false' returned a "
      "non-zero code: 1\"},\"error\":\"The command '/bin/sh -c false' returned a non-zero code: "
      "1\"}\r\n";
  RunResult r = f.Run();
  ASSERT_EQ(r.status, RunResult::Status::kFailed);
  EXPECT_EQ(r.message, "The command '/bin/sh -c false' returned a non-zero code: 1");
  EXPECT_EQ(r.failing_step, "Step 3/3 : RUN false");
  EXPECT_EQ(r.step_location, "app/Dockerfile:3");
  EXPECT_EQ(r.exit_code, 1);
}

TEST(EngineRunnerTest, AnInlineDockerfileTravelsInTheTarUnderItsOwnName) {
  Fixture f;
  project::Target& t = f.project.targets[0];
  t.dockerfile.clear();
  t.dockerfile_inline = "FROM busybox\nCOPY app.py /\n";
  RunResult r = f.Run();
  ASSERT_EQ(r.status, RunResult::Status::kBuilt) << r.message;
  FakeRequest build;
  for (const FakeRequest& req : f.engine.requests()) {
    if (req.path == "/v1.41/build") build = req;
  }
  std::string dockerfile;
  for (const auto& [key, value] : build.Query()) {
    if (key == "dockerfile") dockerfile = value;
  }
  EXPECT_EQ(dockerfile.rfind(".drydock-dockerfile.", 0), 0u) << dockerfile;
  EXPECT_NE(build.body.find(dockerfile), std::string::npos);
  EXPECT_NE(build.body.find("FROM busybox\nCOPY app.py /\n"), std::string::npos);
}

TEST(EngineRunnerTest, AnEngineThatDropsTheBuildIsLost) {
  Fixture f;
  f.drop_build = true;
  RunResult r = f.Run();
  EXPECT_EQ(r.status, RunResult::Status::kEngineLost);
  EXPECT_FALSE(r.message.empty());
}

}  // namespace
}  // namespace drydock::build
