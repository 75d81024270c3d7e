// The Client through the real libcurl transport against FakeEngine, a scripted peer on a unix
// socket: negotiation, query parameters, streamed bodies both ways, chunks cut at awkward
// places, errors before and inside the stream, a dropped connection and cancellation.
#include "engine/client.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "engine/curl_transport.h"
#include "testing/corpus.h"
#include "testing/fake_engine.h"
#include "testing/recording_observer.h"

namespace drydock::engine {
namespace {

using testing::FakeConnection;
using testing::FakeEngine;
using testing::FakeRequest;
using testing::RecordingObserver;

std::unique_ptr<Transport> TransportTo(const FakeEngine& engine) {
  Result<EngineEndpoint> ep = ParseEngineAddress(engine.address(), std::nullopt);
  EXPECT_TRUE(ep.ok());
  return MakeCurlTransport(*ep);
}

std::unique_ptr<Client> ConnectOrDie(const FakeEngine& engine) {
  Result<std::unique_ptr<Client>> c = Client::Connect(TransportTo(engine));
  EXPECT_TRUE(c.ok()) << c.error().message;
  return c.ok() ? std::move(*c) : nullptr;
}

std::string Testdata(const std::string& name) {
  return testing::ReadFileOrDie(testing::SourcePath("tests/engine/testdata/" + name));
}

// Sends `body` in chunks of `piece` bytes: JSON objects end up split at arbitrary points.
void StreamInPieces(FakeConnection& conn, const std::string& body, size_t piece) {
  conn.WriteHead(200, {{"Content-Type", "application/json"}});
  for (size_t i = 0; i < body.size(); i += piece) conn.WriteChunk(body.substr(i, piece));
  conn.EndChunks();
}

// Answers POST /v1.41/build with the recorded stream `name`, after reading the whole context.
void RouteRecordedBuild(FakeEngine& engine, const std::string& name, size_t piece) {
  engine.Route("POST", "/v1.41/build",
               [stream = Testdata(name), piece](FakeRequest& req, FakeConnection& conn) {
                 ASSERT_TRUE(conn.ReadBody(req));
                 StreamInPieces(conn, stream, piece);
               });
}

std::string QueryText(const FakeRequest& req) {
  std::string out;
  for (const auto& [k, v] : req.Query()) out += k + "=" + v + "\n";
  return out;
}

const FakeRequest* FindRequest(const std::vector<FakeRequest>& all, std::string_view path) {
  for (const FakeRequest& r : all) {
    if (r.path == path) return &r;
  }
  return nullptr;
}

TEST(ClientConnectTest, NegotiatesTheLowerVersion) {
  FakeEngine engine;
  engine.RoutePing("1.41");
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(client->api_version(), "1.41");
  EXPECT_EQ(client->ping().os_type, "linux");
  EXPECT_EQ(client->ping().builder_version, "");
  EXPECT_EQ(client->ResolveBuilder(BuilderChoice::kAuto), BuilderKind::kClassic);
  EXPECT_EQ(client->ResolveBuilder(BuilderChoice::kBuildKit), BuilderKind::kBuildKit);
  EXPECT_EQ(engine.requests().at(0).method, "HEAD");

  FakeEngine newer;
  newer.RoutePing("1.99", "2");
  client = ConnectOrDie(newer);
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(client->api_version(), std::string(kMaxApiVersion));
  EXPECT_EQ(client->ResolveBuilder(BuilderChoice::kAuto), BuilderKind::kBuildKit);
  EXPECT_EQ(client->ResolveBuilder(BuilderChoice::kClassic), BuilderKind::kClassic);
}

TEST(ClientConnectTest, PingAgainAfterTheEngineWentAway) {
  auto engine = std::make_unique<FakeEngine>();
  engine->RoutePing("1.41", "2");
  std::unique_ptr<Client> client = ConnectOrDie(*engine);
  ASSERT_NE(client, nullptr);
  Result<PingInfo> again = client->Ping();
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->builder_version, "2");
  const std::string address = engine->address();
  engine.reset();
  Result<PingInfo> gone = client->Ping();
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().message,
            "cannot reach the engine at " + address + ": No such file or directory");
}

TEST(ClientConnectTest, OverTcp) {
  FakeEngine engine(FakeEngine::Listen::kTcp);
  engine.RoutePing("1.41");
  engine.Route("GET", "/v1.41/images/app/json", [](FakeRequest&, FakeConnection& c) {
    c.Respond(200, "application/json", R"({"Id":"sha256:cc"})");
  });
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  Result<std::optional<ImageInfo>> info = client->InspectImage("app");
  ASSERT_TRUE(info.ok()) << info.error().message;
  ASSERT_TRUE(info->has_value());
  EXPECT_EQ((*info)->id, "sha256:cc");
  EXPECT_EQ(engine.requests().at(1).Header("Host"), engine.address().substr(6));
}

TEST(ClientConnectTest, TooOldIsAnError) {
  FakeEngine engine;
  engine.RoutePing("1.24");
  Result<std::unique_ptr<Client>> c = Client::Connect(TransportTo(engine));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().message, "engine: API version 1.24 is too old (drydock needs 1.30 or newer)");
}

TEST(ClientConnectTest, FallsBackToGetAndToVersion) {
  FakeEngine engine;
  engine.Route("HEAD", "/_ping", [](FakeRequest&, FakeConnection& conn) {
    conn.WriteHead(405, {{"Content-Length", "0"}}, false);
  });
  engine.Route("GET", "/_ping", [](FakeRequest&, FakeConnection& conn) {
    conn.Respond(200, "text/plain", "OK");  // No Api-Version header.
  });
  engine.Route("GET", "/version", [](FakeRequest&, FakeConnection& conn) {
    conn.Respond(200, "application/json", R"({"Version":"20.10.24","ApiVersion":"1.40"})");
  });
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(client->api_version(), "1.40");
  std::vector<FakeRequest> reqs = engine.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(reqs[0].method + " " + reqs[0].target, "HEAD /_ping");
  EXPECT_EQ(reqs[1].method + " " + reqs[1].target, "GET /_ping");
  EXPECT_EQ(reqs[2].method + " " + reqs[2].target, "GET /version");
}

TEST(ClientConnectTest, NothingListening) {
  EngineEndpoint ep;
  ep.unix_path = "/tmp/drydock-no-such-engine.sock";
  Result<std::unique_ptr<Client>> c = Client::Connect(MakeCurlTransport(ep));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().message,
            "cannot reach the engine at unix:///tmp/drydock-no-such-engine.sock: No such file or "
            "directory");
}

TEST(ClientTest, Version) {
  FakeEngine engine;
  engine.RoutePing("1.41");
  engine.Route("GET", "/v1.41/version", [](FakeRequest&, FakeConnection& conn) {
    conn.Respond(200, "application/json",
                 R"({"Version":"20.10.24+dfsg1","ApiVersion":"1.41","MinAPIVersion":"1.12",)"
                 R"("Os":"linux","Arch":"amd64","KernelVersion":"6.1.0"})");
  });
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  Result<VersionInfo> v = client->Version();
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->version, "20.10.24+dfsg1");
  EXPECT_EQ(v->api_version, "1.41");
  EXPECT_EQ(v->min_api_version, "1.12");
  EXPECT_EQ(v->os + "/" + v->arch + " " + v->kernel_version, "linux/amd64 6.1.0");
}

TEST(ClientBuildTest, ClassicStreamedBothWays) {
  FakeEngine engine;
  engine.RoutePing("1.41");
  RouteRecordedBuild(engine, "classic-ok.stream", 5);
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);

  BuildRequest req;
  req.tags = {"drydock/app:1", "drydock/app:latest"};
  req.dockerfile = "docker/App.Dockerfile";
  req.target = "runtime";
  req.build_args = {{"PY", "3.11"}, {"A B", "x&y"}};
  req.labels = {{"org.drydock.input-hash", "abc"}};
  req.platform = "linux/amd64";
  req.network_mode = "host";
  req.cache_from = {"drydock/app:cache"};
  req.builder = BuilderChoice::kClassic;
  std::string tar(300000, 'x');  // Larger than one socket buffer: sent in many pieces.
  StringBodySource body(tar);
  RecordingObserver observer;
  CancelToken cancel;
  Result<BuildResult> r = client->Build(req, body, observer, cancel);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, BuildResult::Status::kBuilt);
  EXPECT_EQ(r->builder, BuilderKind::kClassic);
  EXPECT_EQ(r->image_id,
            "sha256:7c0ade6313484f99b4db9cbe3aa2b22d1b83137ab40ec4276b6ea4993a1db904");
  EXPECT_EQ(observer.last_upload(), tar.size());

  const std::vector<FakeRequest> all_sent = engine.requests();
  const FakeRequest* sent = FindRequest(all_sent, "/v1.41/build");
  ASSERT_NE(sent, nullptr);
  EXPECT_EQ(QueryText(*sent),
            "t=drydock/app:1\n"
            "t=drydock/app:latest\n"
            "dockerfile=docker/App.Dockerfile\n"
            "target=runtime\n"
            "buildargs={\"A B\":\"x&y\",\"PY\":\"3.11\"}\n"
            "labels={\"org.drydock.input-hash\":\"abc\"}\n"
            "platform=linux/amd64\n"
            "networkmode=host\n"
            "cachefrom=[\"drydock/app:cache\"]\n"
            "forcerm=1\n"
            "version=1\n");
  EXPECT_EQ(sent->Header("Content-Type"), "application/x-tar");
  EXPECT_EQ(sent->Header("Transfer-Encoding"), "chunked");
  EXPECT_EQ(sent->body, tar);
  // The events are those of the recorded stream, decoded whole.
  EXPECT_NE(observer.Text().find("step completed step-5 Step 5/5 : LABEL org.example.kind=test"),
            std::string::npos);
}

TEST(ClientBuildTest, ConcurrentBuildsShareOneClient) {
  FakeEngine engine;
  engine.RoutePing("1.41", "2");
  RouteRecordedBuild(engine, "buildkit-ok.stream", 101);
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  std::vector<std::thread> threads;
  std::vector<std::string> ids(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      StringBodySource body("tar " + std::to_string(i));
      RecordingObserver observer;
      CancelToken cancel;
      BuildRequest req;
      req.tags = {"t" + std::to_string(i)};
      Result<BuildResult> r = client->Build(req, body, observer, cancel);
      if (r.ok() && r->status == BuildResult::Status::kBuilt) ids[i] = r->image_id;
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& id : ids) {
    EXPECT_EQ(id, "sha256:7e7d66491b6bc0be09500c1b2b94c821349acc9a7f6e7ff9cee566358a719f5f");
  }
  std::vector<std::string> bodies;
  for (const FakeRequest& r : engine.requests()) {
    if (r.path == "/v1.41/build") bodies.push_back(r.body);
  }
  std::sort(bodies.begin(), bodies.end());
  EXPECT_EQ(bodies, (std::vector<std::string>{"tar 0", "tar 1", "tar 2", "tar 3"}));
}

TEST(ClientBuildTest, BuildKitFailureWithStepAndExitCode) {
  FakeEngine engine;
  engine.RoutePing("1.41", "2");
  RouteRecordedBuild(engine, "buildkit-fail.stream", 333);
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  BuildRequest req;
  req.force_rm = false;
  req.pull = true;
  req.no_cache = true;
  StringBodySource body("tar");
  RecordingObserver observer;
  CancelToken cancel;
  Result<BuildResult> r = client->Build(req, body, observer, cancel);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, BuildResult::Status::kFailed);
  EXPECT_EQ(r->builder, BuilderKind::kBuildKit);
  EXPECT_EQ(r->failure.message,
            "executor failed running [/bin/sh -c echo failing >&2 && exit 3]: exit code: 3");
  EXPECT_EQ(r->failure.step_name, "[3/3] RUN echo failing >&2 && exit 3");
  EXPECT_EQ(r->failure.step.index, 3);
  EXPECT_EQ(r->failure.step.instruction, "RUN echo failing >&2 && exit 3");
  EXPECT_EQ(r->failure.exit_code, 3);
  const std::vector<FakeRequest> all_sent = engine.requests();
  const FakeRequest* sent = FindRequest(all_sent, "/v1.41/build");
  ASSERT_NE(sent, nullptr);
  EXPECT_EQ(QueryText(*sent), "pull=1\nnocache=1\nversion=2\n");
}

TEST(ClientBuildTest, HttpErrorBeforeTheStream) {
  FakeEngine engine;
  engine.RoutePing("1.41");
  engine.Route("POST", "/v1.41/build", [](FakeRequest& req, FakeConnection& conn) {
    conn.ReadBody(req);
    conn.Respond(500, "application/json",
                 "{\"message\":\"Cannot locate specified Dockerfile: Missing.Dockerfile\"}\n");
  });
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  StringBodySource body("tar");
  RecordingObserver observer;
  CancelToken cancel;
  Result<BuildResult> r = client->Build({}, body, observer, cancel);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, BuildResult::Status::kFailed);
  EXPECT_EQ(r->failure.message, "Cannot locate specified Dockerfile: Missing.Dockerfile");
  EXPECT_EQ(r->failure.step_name, "");
  EXPECT_EQ(observer.Text(), "");
}

TEST(ClientBuildTest, ErrorAnsweredBeforeTheUploadEnds) {
  // The engine rejects the request at once (a bad parameter) and closes without reading the
  // context: the answer counts, not the broken upload.
  FakeEngine engine;
  engine.RoutePing("1.41");
  engine.Route("POST", "/v1.41/build", [](FakeRequest& req, FakeConnection& conn) {
    conn.ReadSomeBody(req, 10);
    conn.Respond(400, "application/json", "{\"message\":\"invalid platform: nope\"}\n");
    conn.Drop();
  });
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  StringBodySource body(std::string(20 << 20, 'x'));
  RecordingObserver observer;
  CancelToken cancel;
  BuildRequest req;
  req.platform = "nope";
  Result<BuildResult> r = client->Build(req, body, observer, cancel);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, BuildResult::Status::kFailed);
  EXPECT_EQ(r->failure.message, "invalid platform: nope");
}

TEST(ClientBuildTest, ErrorInsideTheStreamAfterStatus200) {
  FakeEngine engine;
  engine.RoutePing("1.41");
  engine.Route("POST", "/v1.41/build", [](FakeRequest& req, FakeConnection& conn) {
    conn.ReadBody(req);
    StreamInPieces(conn,
                   "{\"stream\":\"Step 1/1 : FROM nope\"}\r\n{\"stream\":\"\\n\"}\r\n"
                   "{\"errorDetail\":{\"message\":\"pull access denied for nope\"},"
                   "\"error\":\"pull access denied for nope\"}\r\n",
                   17);
  });
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  StringBodySource body("tar");
  RecordingObserver observer;
  CancelToken cancel;
  Result<BuildResult> r = client->Build({}, body, observer, cancel);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, BuildResult::Status::kFailed);
  EXPECT_EQ(r->failure.message, "pull access denied for nope");
  EXPECT_EQ(r->failure.step_name, "Step 1/1 : FROM nope");
  EXPECT_EQ(r->failure.exit_code, std::nullopt);
  EXPECT_EQ(observer.Text(),
            "step started step-1 Step 1/1 : FROM nope (stage= index=1 total=1)\n"
            "log step-1 1 \"Step 1/1 : FROM nope\"\n"
            "log step-1 1 \"\\n\"\n"
            "step failed step-1 Step 1/1 : FROM nope (stage= index=1 total=1) "
            "error=\"pull access denied for nope\"\n");
}

TEST(ClientBuildTest, DroppedConnectionMidStreamIsAnError) {
  FakeEngine engine;
  engine.RoutePing("1.41");
  engine.Route("POST", "/v1.41/build", [](FakeRequest& req, FakeConnection& conn) {
    conn.ReadBody(req);
    conn.WriteHead(200, {{"Content-Type", "application/json"}});
    conn.WriteChunk("{\"stream\":\"Step 1/2 : FROM x\"}\r\n{\"stre");
    conn.Drop();  // The engine dies here.
  });
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  StringBodySource body("tar");
  RecordingObserver observer;
  CancelToken cancel;
  Result<BuildResult> r = client->Build({}, body, observer, cancel);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "lost the connection to the engine at " + engine.address() +
                                   ": transfer closed with outstanding read data remaining");
}

TEST(ClientBuildTest, StreamEndingWithoutResultIsAnError) {
  FakeEngine engine;
  engine.RoutePing("1.41");
  engine.Route("POST", "/v1.41/build", [](FakeRequest& req, FakeConnection& conn) {
    conn.ReadBody(req);
    StreamInPieces(conn, "{\"stream\":\"Step 1/1 : FROM x\\n\"}", 100);
  });
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  StringBodySource body("tar");
  RecordingObserver observer;
  CancelToken cancel;
  Result<BuildResult> r = client->Build({}, body, observer, cancel);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "engine: the build stream ended without an image ID or an error");
}

// A body source that yields a little, then trickles forever (until cancelled), and reports
// when its first bytes were taken.
class SlowBody final : public BodySource {
 public:
  Result<size_t> Read(char* buffer, size_t size) override {
    if (reads_++ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (reads_ > 3000) return MakeError("slow body: gave up (the test would have hung)");
    size_t n = std::min<size_t>(size, 100);
    std::fill(buffer, buffer + n, 'x');
    return n;
  }

 private:
  int reads_ = 0;
};

TEST(ClientBuildTest, CancelDuringSlowUploadClosesTheConnection) {
  FakeEngine engine;
  engine.RoutePing("1.41");
  std::atomic<bool> got_bytes{false};
  std::atomic<bool> saw_close{false};
  std::atomic<bool> route_done{false};
  engine.Route("POST", "/v1.41/build", [&](FakeRequest& req, FakeConnection& conn) {
    if (conn.ReadSomeBody(req, 100)) got_bytes = true;
    saw_close = conn.WaitForClientClose(20000);
    route_done = true;
  });
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  SlowBody body;
  RecordingObserver observer;
  CancelToken cancel;
  std::thread canceller([&] {
    while (!got_bytes) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    cancel.Cancel();
  });
  Result<BuildResult> r = client->Build({}, body, observer, cancel);
  canceller.join();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, BuildResult::Status::kCancelled);
  while (!route_done) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_TRUE(saw_close);
}

TEST(ClientBuildTest, CancelWhileTheEngineIsSilent) {
  FakeEngine engine;
  engine.RoutePing("1.41");
  std::atomic<bool> streaming{false};
  std::atomic<bool> saw_close{false};
  engine.Route("POST", "/v1.41/build", [&](FakeRequest& req, FakeConnection& conn) {
    conn.ReadBody(req);
    conn.WriteHead(200, {{"Content-Type", "application/json"}});
    conn.WriteChunk("{\"stream\":\"Step 1/2 : RUN sleep 3600\"}\r\n");
    streaming = true;
    saw_close = conn.WaitForClientClose(20000);  // A long, silent build step.
  });
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  StringBodySource body("tar");
  RecordingObserver observer;
  CancelToken cancel;
  std::thread canceller([&] {
    while (!streaming) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    cancel.Cancel();
  });
  Result<BuildResult> r = client->Build({}, body, observer, cancel);
  canceller.join();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, BuildResult::Status::kCancelled);
}

TEST(ClientBuildTest, BodySourceErrorAbortsTheRequest) {
  class FailingBody final : public BodySource {
   public:
    Result<size_t> Read(char*, size_t) override { return MakeError("context/a.txt: vanished"); }
  };
  FakeEngine engine;
  engine.RoutePing("1.41");
  engine.Route("POST", "/v1.41/build", [](FakeRequest& req, FakeConnection& conn) {
    conn.WaitForClientClose(20000);
  });
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  FailingBody body;
  RecordingObserver observer;
  CancelToken cancel;
  Result<BuildResult> r = client->Build({}, body, observer, cancel);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "request body: context/a.txt: vanished");
}

TEST(ClientImageTest, InspectTagRemove) {
  FakeEngine engine;
  engine.RoutePing("1.41");
  engine.Route("GET", "/v1.41/images/drydock/app:1/json", [](FakeRequest&, FakeConnection& c) {
    c.Respond(200, "application/json",
              R"({"Id":"sha256:aa","RepoTags":["drydock/app:1"],"RepoDigests":[],)"
              R"("Created":"2026-12-07T11:55:00.1Z","Size":2048,"Os":"linux",)"
              R"("Architecture":"amd64","Config":{"Labels":{"org.drydock.input-hash":"h"},)"
              R"("Env":["PATH=/bin"],"Cmd":["sh"],"Entrypoint":null,"User":"app",)"
              R"("WorkingDir":"/srv"},"RootFS":{"Type":"layers","Layers":["sha256:l1"]}})");
  });
  engine.Route("GET", "/v1.41/images/missing/json", [](FakeRequest&, FakeConnection& c) {
    c.Respond(404, "application/json", "{\"message\":\"No such image: missing:latest\"}\n");
  });
  engine.Route("GET", "/v1.41/images/broken/json", [](FakeRequest&, FakeConnection& c) {
    c.Respond(500, "application/json", "{\"message\":\"disk on fire\"}\n");
  });
  engine.Route("POST", "/v1.41/images/sha256:aa/tag", [](FakeRequest&, FakeConnection& c) {
    c.WriteHead(201, {{"Content-Length", "0"}}, false);
  });
  engine.Route("DELETE", "/v1.41/images/drydock/app:1", [](FakeRequest&, FakeConnection& c) {
    c.Respond(200, "application/json", "[{\"Untagged\":\"drydock/app:1\"}]");
  });
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);

  Result<std::optional<ImageInfo>> info = client->InspectImage("drydock/app:1");
  ASSERT_TRUE(info.ok()) << info.error().message;
  ASSERT_TRUE(info->has_value());
  const ImageInfo& i = **info;
  EXPECT_EQ(i.id, "sha256:aa");
  EXPECT_EQ(i.repo_tags, std::vector<std::string>{"drydock/app:1"});
  EXPECT_EQ(i.size, 2048);
  EXPECT_EQ(i.created, "2026-12-07T11:55:00.1Z");
  EXPECT_EQ(i.labels.at("org.drydock.input-hash"), "h");
  EXPECT_EQ(i.env, std::vector<std::string>{"PATH=/bin"});
  EXPECT_EQ(i.cmd, std::vector<std::string>{"sh"});
  EXPECT_TRUE(i.entrypoint.empty());
  EXPECT_EQ(i.user + " " + i.working_dir + " " + i.os + "/" + i.architecture,
            "app /srv linux/amd64");
  EXPECT_EQ(i.layers, std::vector<std::string>{"sha256:l1"});

  Result<std::optional<ImageInfo>> missing = client->InspectImage("missing");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  Result<std::optional<ImageInfo>> broken = client->InspectImage("broken");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().message, "engine: disk on fire (HTTP 500)");

  Result<void> tag = client->TagImage("sha256:aa", "registry:5000/team/app:v2");
  EXPECT_TRUE(tag.ok()) << tag.error().message;
  const std::vector<FakeRequest> all_t = engine.requests();
  const FakeRequest* t = FindRequest(all_t, "/v1.41/images/sha256:aa/tag");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(QueryText(*t), "repo=registry:5000/team/app\ntag=v2\n");
  Result<void> bad_tag = client->TagImage("nope", "x");
  ASSERT_FALSE(bad_tag.ok());
  EXPECT_EQ(bad_tag.error().message, "engine: page not found (HTTP 404)");

  EXPECT_TRUE(client->RemoveImage("drydock/app:1", true, false).ok());
  EXPECT_TRUE(client->RemoveImage("gone", false, true).ok());
  Result<void> gone = client->RemoveImage("gone", false, false);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().message, "engine: page not found (HTTP 404)");
}

TEST(ClientImageTest, SaveStreamsIntoTheSink) {
  FakeEngine engine;
  engine.RoutePing("1.41");
  std::string tar;
  for (int i = 0; i < 50000; ++i) tar += static_cast<char>(i * 7);
  engine.Route("GET", "/v1.41/images/app/get", [&](FakeRequest&, FakeConnection& c) {
    c.WriteHead(200, {{"Content-Type", "application/x-tar"}});
    for (size_t i = 0; i < tar.size(); i += 4099) c.WriteChunk(tar.substr(i, 4099));
    c.EndChunks();
  });
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  std::string got;
  int pieces = 0;
  Result<void> r = client->SaveImage("app", [&](std::string_view data) {
    got.append(data);
    ++pieces;
    return true;
  });
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(got, tar);
  EXPECT_GT(pieces, 1);

  Result<void> stopped = client->SaveImage("app", [](std::string_view) { return false; });
  ASSERT_FALSE(stopped.ok());
  EXPECT_EQ(stopped.error().message, "image save of app stopped by the reader");
  Result<void> missing = client->SaveImage("nope", [](std::string_view) { return true; });
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "engine: page not found (HTTP 404)");
}

TEST(ClientEventsTest, StreamsAWindow) {
  FakeEngine engine;
  engine.RoutePing("1.41");
  engine.Route("GET", "/v1.41/events", [](FakeRequest&, FakeConnection& c) {
    StreamInPieces(c,
                   R"({"status":"tag","id":"sha256:aa","Type":"image","Action":"tag",)"
                   R"("Actor":{"ID":"sha256:aa","Attributes":{"name":"app:1"}},"scope":"local",)"
                   R"("time":1,"timeNano":1000000001})"
                   "\n"
                   R"({"Type":"container","Action":"create","Actor":{"ID":"c1"},"timeNano":2})"
                   "\n",
                   9);
  });
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  EventsQuery q;
  q.since = "1700000000";
  q.until = "1700000100";
  q.filters = {{"type", {"image"}}};
  std::string seen;
  Result<void> r = client->Events(q, [&](const EngineEvent& e) {
    seen += e.type + " " + e.action + " " + e.actor_id + " " + std::to_string(e.time_nano);
    for (const auto& [k, v] : e.attributes) seen += " " + k + "=" + v;
    seen += "\n";
    return true;
  });
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(seen, "image tag sha256:aa 1000000001 name=app:1\ncontainer create c1 2\n");
  const std::vector<FakeRequest> all_sent = engine.requests();
  const FakeRequest* sent = FindRequest(all_sent, "/v1.41/events");
  ASSERT_NE(sent, nullptr);
  EXPECT_EQ(QueryText(*sent),
            "since=1700000000\nuntil=1700000100\nfilters={\"type\":[\"image\"]}\n");
}

TEST(ClientImageTest, Push) {
  FakeEngine engine;
  engine.RoutePing("1.41");
  engine.Route("POST", "/v1.41/images/localhost:5000/team/app/push",
               [](FakeRequest& req, FakeConnection& c) {
    if (req.Query().at(0).second == "denied") {
      StreamInPieces(c,
                     "{\"status\":\"The push refers to repository [localhost:5000/team/app]\"}\r\n"
                     "{\"errorDetail\":{\"message\":\"denied: requested access to the resource "
                     "is denied\"},\"error\":\"denied: requested access to the resource is "
                     "denied\"}\r\n",
                     13);
      return;
    }
    StreamInPieces(c,
                   "{\"status\":\"The push refers to repository [localhost:5000/team/app]\"}\r\n"
                   "{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"5f70bf18a086\"}\r\n"
                   "{\"status\":\"Pushing\",\"progressDetail\":{\"current\":512,\"total\":"
                   "1024},\"progress\":\"[==>  ]\",\"id\":\"5f70bf18a086\"}\r\n"
                   "{\"status\":\"Pushed\",\"progressDetail\":{},\"id\":\"5f70bf18a086\"}\r\n"
                   "{\"status\":\"v2: digest: sha256:0123abcd size: 527\"}\r\n"
                   "{\"progressDetail\":{},\"aux\":{\"Tag\":\"v2\",\"Digest\":"
                   "\"sha256:0123abcd\",\"Size\":527}}\r\n",
                   11);
  });
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  std::string lines;
  Result<std::string> digest =
      client->PushImage("localhost:5000/team/app:v2", R"({"username":"u","password":"p"})",
                        [&](std::string_view line) { lines += std::string(line) + "\n"; });
  ASSERT_TRUE(digest.ok()) << digest.error().message;
  EXPECT_EQ(*digest, "sha256:0123abcd");
  EXPECT_EQ(lines,
            "The push refers to repository [localhost:5000/team/app]\n"
            "5f70bf18a086: Preparing\n"
            "5f70bf18a086: Pushed\n"
            "v2: digest: sha256:0123abcd size: 527\n");
  const std::vector<FakeRequest> all = engine.requests();
  const FakeRequest* sent = FindRequest(all, "/v1.41/images/localhost:5000/team/app/push");
  ASSERT_NE(sent, nullptr);
  EXPECT_EQ(QueryText(*sent), "tag=v2\n");
  // base64url of {"username":"u","password":"p"}, with padding.
  EXPECT_EQ(sent->Header("X-Registry-Auth"), "eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6InAifQ==");

  Result<std::string> denied = client->PushImage("localhost:5000/team/app:denied", "");
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().message,
            "push of localhost:5000/team/app:denied: denied: requested access to the resource "
            "is denied");
}

TEST(ClientImageTest, ImportImage) {
  FakeEngine engine;
  engine.RoutePing("1.41");
  engine.Route("POST", "/v1.41/images/create", [](FakeRequest& req, FakeConnection& c) {
    c.ReadBody(req);
    StreamInPieces(c, "{\"status\":\"sha256:bb\"}\r\n", 4);
  });
  std::unique_ptr<Client> client = ConnectOrDie(engine);
  ASSERT_NE(client, nullptr);
  StringBodySource body("rootfs");
  Result<std::string> id = client->ImportImage(body, "drydock-test/bb", "latest");
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(*id, "sha256:bb");
  const std::vector<FakeRequest> all_sent = engine.requests();
  const FakeRequest* sent = FindRequest(all_sent, "/v1.41/images/create");
  ASSERT_NE(sent, nullptr);
  EXPECT_EQ(QueryText(*sent), "fromSrc=-\nrepo=drydock-test/bb\ntag=latest\n");
  EXPECT_EQ(sent->body, "rootfs");
}

}  // namespace
}  // namespace drydock::engine
