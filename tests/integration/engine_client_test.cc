// The engine client against the real Docker engine (CTest label `integration`): ping and
// version, classic and BuildKit builds with a streamed context, inspect, tag, save, events,
// and cancelling a running build. Every image is named drydock-test-engine/it-<pid>-... and
// removed at the end. Skipped, with the reason, only when no engine answers.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "base/file_system.h"
#include "engine/client.h"
#include "engine/curl_transport.h"
#include "testing/engine_proxy.h"
#include "testing/recording_observer.h"

extern char** environ;

namespace drydock::engine {
namespace {

// A minimal ustar writer: regular files and symlinks, enough for contexts and a rootfs.
class TarWriter {
 public:
  void File(const std::string& name, const std::string& content, int mode = 0644) {
    Header(name, content.size(), mode, '0', "");
    out_ += content;
    out_.append((512 - content.size() % 512) % 512, '\0');
  }
  void Symlink(const std::string& name, const std::string& target) {
    Header(name, 0, 0777, '2', target);
  }
  void Directory(const std::string& name) { Header(name, 0, 0755, '5', ""); }
  std::string Finish() {
    out_.append(1024, '\0');
    return out_;
  }

 private:
  void Header(const std::string& name, size_t size, int mode, char type,
              const std::string& link) {
    char h[512] = {0};
    std::snprintf(h, 100, "%s", name.c_str());
    std::snprintf(h + 100, 8, "%07o", mode);
    std::snprintf(h + 108, 8, "%07o", 0);
    std::snprintf(h + 116, 8, "%07o", 0);
    std::snprintf(h + 124, 12, "%011zo", size);
    std::snprintf(h + 136, 12, "%011o", 1700000000);
    std::memset(h + 148, ' ', 8);
    h[156] = type;
    std::snprintf(h + 157, 100, "%s", link.c_str());
    std::memcpy(h + 257, "ustar\0" "00", 8);
    unsigned sum = 0;
    for (unsigned char c : h) sum += c;
    std::snprintf(h + 148, 8, "%06o", sum);
    out_.append(h, 512);
  }
  std::string out_;
};

// Hands the body out in small pieces, so the context really is streamed in many reads.
class TrickleBody final : public BodySource {
 public:
  explicit TrickleBody(std::string data) : data_(std::move(data)) {}
  Result<size_t> Read(char* buffer, size_t size) override {
    size_t n = std::min({size, data_.size() - offset_, size_t{1000}});
    std::memcpy(buffer, data_.data() + offset_, n);
    offset_ += n;
    ++reads;
    return n;
  }
  int reads = 0;

 private:
  std::string data_;
  size_t offset_ = 0;
};

Environment ProcessEnvironment() {
  Environment env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string kv = *e;
    size_t eq = kv.find('=');
    if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return env;
}

std::string ReadBusybox() {
  std::ifstream in("/bin/busybox", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// True once no process on this machine has `marker` in its command line (the build's RUN
// shell runs in the host's process table under the engine), polling for up to 20 s.
bool NoProcessMentions(const std::string& marker) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    bool found = false;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
      const std::string name = entry.path().filename();
      if (name.empty() || name[0] < '0' || name[0] > '9') continue;
      std::ifstream in(entry.path() / "cmdline", std::ios::binary);
      std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (cmdline.find(marker) != std::string::npos && std::to_string(getpid()) != name) {
        found = true;
        break;
      }
    }
    if (!found) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

class EngineIntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    RealFileSystem fs;
    Result<EngineEndpoint> ep = ResolveEngineEndpoint(ProcessEnvironment(), fs);
    if (!ep.ok()) {
      skip_reason_ = new std::string("no engine endpoint: " + ep.error().message);
      return;
    }
    Result<std::unique_ptr<Client>> c = Client::Connect(MakeCurlTransport(*ep));
    if (!c.ok()) {
      skip_reason_ = new std::string("no Docker engine answers: " + c.error().message);
      return;
    }
    client_ = c->release();
    endpoint_ = new EngineEndpoint(*ep);
    prefix_ = new std::string("drydock-test-engine/it-" + std::to_string(getpid()));
    std::string busybox = ReadBusybox();
    if (busybox.size() < 100000) {  // A dynamic busybox would need its libraries.
      skip_reason_ = new std::string("/bin/busybox (busybox-static) is missing");
      return;
    }
    TarWriter rootfs;
    rootfs.Directory("bin/");
    rootfs.Directory("tmp/");
    rootfs.File("bin/busybox", busybox, 0755);
    for (const char* tool : {"sh", "cat", "echo", "sleep", "true", "false"}) {
      rootfs.Symlink(std::string("bin/") + tool, "busybox");
    }
    StringBodySource body(rootfs.Finish());
    Result<std::string> id = client_->ImportImage(body, *prefix_ + "-busybox", "latest");
    ASSERT_TRUE(id.ok()) << id.error().message;
  }

  static void TearDownTestSuite() {
    if (client_ != nullptr) {
      for (const char* suffix : {"-busybox:latest", "-classic:1", "-classic:tagged",
                                 "-buildkit:1", "-fail:1", "-cancel:1", "-lost:1",
                                 "-counted:1"}) {
        (void)client_->RemoveImage(*prefix_ + suffix, /*force=*/true, /*missing_ok=*/true);
      }
    }
    delete client_;
    client_ = nullptr;
  }

  void SetUp() override {
    if (skip_reason_ != nullptr) GTEST_SKIP() << *skip_reason_;
  }

  static std::string Context(const std::string& dockerfile) {
    TarWriter tar;
    tar.File("Dockerfile", dockerfile);
    tar.File("hello.txt", "hello from the context\n");
    tar.File("big.bin", std::string(200000, 'z'));  // Makes the upload take many reads.
    return tar.Finish();
  }

  // A client whose every request goes through `proxy`.
  static Result<std::unique_ptr<Client>> ConnectThrough(const testing::EngineProxy& proxy) {
    Result<EngineEndpoint> via = ParseEngineAddress(proxy.address(), std::nullopt);
    if (!via.ok()) return via.error();
    return Client::Connect(MakeCurlTransport(*via));
  }

  static Client* client_;
  static EngineEndpoint* endpoint_;
  static std::string* prefix_;
  static std::string* skip_reason_;
};

Client* EngineIntegrationTest::client_ = nullptr;
EngineEndpoint* EngineIntegrationTest::endpoint_ = nullptr;
std::string* EngineIntegrationTest::prefix_ = nullptr;
std::string* EngineIntegrationTest::skip_reason_ = nullptr;

TEST_F(EngineIntegrationTest, PingAndVersion) {
  Result<VersionInfo> v = client_->Version();
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_FALSE(v->version.empty());
  EXPECT_EQ(v->os, "linux");
  EXPECT_FALSE(client_->ping().api_version.empty());
  EXPECT_EQ(client_->api_version(), v->api_version < std::string(kMaxApiVersion)
                                        ? v->api_version
                                        : std::string(kMaxApiVersion));
}

TEST_F(EngineIntegrationTest, ClassicBuildInspectTagSaveEvents) {
  const std::string since = std::to_string(std::time(nullptr) - 1);
  const std::string tag = *prefix_ + "-classic:1";
  BuildRequest req;
  req.tags = {tag};
  req.labels = {{"org.drydock.input-hash", "feedface"}};
  req.build_args = {{"GREETING", "hi"}};
  req.builder = BuilderChoice::kClassic;
  req.no_cache = true;
  TrickleBody body(Context("FROM " + *prefix_ + "-busybox\nARG GREETING\nCOPY hello.txt /\n"
                           "RUN cat /hello.txt && echo $GREETING >&2\n"));
  testing::RecordingObserver observer;
  CancelToken cancel;
  Result<BuildResult> r = client_->Build(req, body, observer, cancel);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->status, BuildResult::Status::kBuilt) << r->failure.message;
  EXPECT_EQ(r->builder, BuilderKind::kClassic);
  EXPECT_TRUE(r->image_id.starts_with("sha256:")) << r->image_id;
  EXPECT_GT(body.reads, 100);
  const std::string events = observer.Text();
  EXPECT_NE(events.find("step completed step-4 Step 4/5 : RUN cat /hello.txt && echo $GREETING"),
            std::string::npos)
      << events;
  EXPECT_NE(events.find("log step-4 1 \"hello from the context\\n\""), std::string::npos)
      << events;
  EXPECT_NE(events.find("log step-4 2 \"hi\\n\""), std::string::npos) << events;
  // The classic builder applies labels as one extra LABEL step at the end.
  EXPECT_NE(events.find("step completed step-5 Step 5/5 : LABEL org.drydock.input-hash=feedface"),
            std::string::npos)
      << events;

  Result<std::optional<ImageInfo>> info = client_->InspectImage(tag);
  ASSERT_TRUE(info.ok()) << info.error().message;
  ASSERT_TRUE(info->has_value());
  EXPECT_EQ((*info)->id, r->image_id);
  EXPECT_EQ((*info)->labels.at("org.drydock.input-hash"), "feedface");
  EXPECT_GT((*info)->size, 100000);

  Result<std::optional<ImageInfo>> missing = client_->InspectImage(*prefix_ + "-nothing:here");
  ASSERT_TRUE(missing.ok()) << missing.error().message;
  EXPECT_FALSE(missing->has_value());

  const std::string tagged = *prefix_ + "-classic:tagged";
  Result<void> t = client_->TagImage(r->image_id, tagged);
  ASSERT_TRUE(t.ok()) << t.error().message;
  Result<std::optional<ImageInfo>> again = client_->InspectImage(tagged);
  ASSERT_TRUE(again.ok() && again->has_value());
  EXPECT_EQ((*again)->id, r->image_id);

  std::string saved;
  Result<void> s = client_->SaveImage(tagged, [&](std::string_view data) {
    saved.append(data);
    return true;
  });
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_NE(saved.find("manifest.json"), std::string::npos);
  EXPECT_GT(saved.size(), 100000u);

  EventsQuery q;
  q.since = since;
  q.until = std::to_string(std::time(nullptr) + 1);
  q.filters = {{"type", {"image"}}, {"event", {"tag"}}};
  int tags_seen = 0;
  Result<void> e = client_->Events(q, [&](const EngineEvent& ev) {
    if (ev.attributes.count("name") && ev.attributes.at("name") == tagged) ++tags_seen;
    return true;
  });
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(tags_seen, 1);
}

TEST_F(EngineIntegrationTest, BuildKitBuildAndFailure) {
  BuildRequest req;
  req.tags = {*prefix_ + "-buildkit:1"};
  req.builder = BuilderChoice::kBuildKit;
  req.no_cache = true;  // An earlier run's cache would skip the RUN and its output.
  TrickleBody body(Context("FROM " + *prefix_ + "-busybox\nCOPY hello.txt /\nRUN cat /hello.txt\n"));
  testing::RecordingObserver observer;
  CancelToken cancel;
  Result<BuildResult> r = client_->Build(req, body, observer, cancel);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->status, BuildResult::Status::kBuilt) << r->failure.message;
  EXPECT_EQ(r->builder, BuilderKind::kBuildKit);
  EXPECT_TRUE(r->image_id.starts_with("sha256:"));
  EXPECT_NE(observer.Text().find("1 \"hello from the context\\n\""), std::string::npos)
      << observer.Text();

  BuildRequest fail;
  fail.tags = {*prefix_ + "-fail:1"};
  fail.builder = BuilderChoice::kBuildKit;
  TrickleBody fail_body(Context("FROM " + *prefix_ + "-busybox\nRUN echo before\n"
                                "RUN echo failing >&2 && exit 7\n"));
  testing::RecordingObserver fail_observer;
  Result<BuildResult> f = client_->Build(fail, fail_body, fail_observer, cancel);
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->status, BuildResult::Status::kFailed);
  EXPECT_EQ(f->failure.step_name, "[3/3] RUN echo failing >&2 && exit 7");
  EXPECT_EQ(f->failure.exit_code, 7);
  EXPECT_NE(f->failure.message.find("exit code: 7"), std::string::npos) << f->failure.message;
}

TEST_F(EngineIntegrationTest, CancelARunningBuild) {
  BuildRequest req;
  req.tags = {*prefix_ + "-cancel:1"};
  req.builder = BuilderChoice::kBuildKit;
  req.no_cache = true;
  // A RUN text of its own: BuildKit merges identical steps of concurrent builds (ctest runs
  // these tests in parallel) and streams the shared step's output to one of them only.
  StringBodySource body(Context("FROM " + *prefix_ + "-busybox\nRUN echo started cancel " +
                                *prefix_ + " && sleep 60\n"));
  class CancelOnLog final : public testing::RecordingObserver {
   public:
    explicit CancelOnLog(CancelToken& c) : cancel_(c) {}
    void OnLog(const LogEvent& e) override {
      if (e.data.find("started") != std::string::npos) cancel_.Cancel();
    }
    CancelToken& cancel_;
  };
  CancelToken cancel;
  CancelOnLog observer(cancel);
  auto start = std::chrono::steady_clock::now();
  Result<BuildResult> r = client_->Build(req, body, observer, cancel);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, BuildResult::Status::kCancelled);
  EXPECT_LT(seconds, 30.0);  // Not a speed check: without cancellation this takes 60 s.
  Result<std::optional<ImageInfo>> info = client_->InspectImage(*prefix_ + "-cancel:1");
  ASSERT_TRUE(info.ok());
  EXPECT_FALSE(info->has_value());
  // The engine took the closed connection as the cancellation: the RUN is gone.
  EXPECT_TRUE(NoProcessMentions("started cancel " + *prefix_));
}

// The engine vanishing mid-build (here: a proxy in front of it cutting every connection, which
// is what the client sees when dockerd dies) is an Error within seconds, not a hang.
TEST_F(EngineIntegrationTest, LostEngineMidBuildIsAnError) {
  if (endpoint_->kind != EngineEndpoint::Kind::kUnix) GTEST_SKIP() << "needs a unix-socket engine";
  testing::EngineProxy proxy(endpoint_->unix_path);
  Result<std::unique_ptr<Client>> c = ConnectThrough(proxy);
  ASSERT_TRUE(c.ok()) << c.error().message;
  BuildRequest req;
  req.tags = {*prefix_ + "-lost:1"};
  req.builder = BuilderChoice::kBuildKit;
  req.no_cache = true;
  StringBodySource body(Context("FROM " + *prefix_ + "-busybox\nRUN echo started lost " +
                                *prefix_ + " && sleep 60\n"));
  class SeverOnLog final : public BuildObserver {
   public:
    explicit SeverOnLog(testing::EngineProxy& p) : proxy_(p) {}
    void OnLog(const LogEvent& e) override {
      if (e.data.find("started") != std::string::npos) proxy_.Sever();
    }
    testing::EngineProxy& proxy_;
  } observer(proxy);
  CancelToken cancel;
  auto start = std::chrono::steady_clock::now();
  Result<BuildResult> r = (*c)->Build(req, body, observer, cancel);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "lost the connection to the engine at " + proxy.address() +
                                   ": transfer closed with outstanding read data remaining");
  EXPECT_LT(seconds, 30.0);  // Not a speed check: a hang would take the full 60 s or forever.
  EXPECT_TRUE(NoProcessMentions("started lost " + *prefix_));
  // Later requests find nothing listening.
  Result<PingInfo> ping = (*c)->Ping();
  ASSERT_FALSE(ping.ok());
  EXPECT_EQ(ping.error().message,
            "cannot reach the engine at " + proxy.address() + ": No such file or directory");
}

// The counting proxy sees exactly the requests the client sends.
TEST_F(EngineIntegrationTest, ProxyCountsRequests) {
  if (endpoint_->kind != EngineEndpoint::Kind::kUnix) GTEST_SKIP() << "needs a unix-socket engine";
  testing::EngineProxy proxy(endpoint_->unix_path);
  Result<std::unique_ptr<Client>> c = ConnectThrough(proxy);
  ASSERT_TRUE(c.ok()) << c.error().message;
  Result<std::optional<ImageInfo>> info = (*c)->InspectImage(*prefix_ + "-busybox");
  ASSERT_TRUE(info.ok() && info->has_value());
  EXPECT_EQ(proxy.CountRequests("POST", "/build"), 0);
  BuildRequest req;
  req.tags = {*prefix_ + "-counted:1"};
  StringBodySource body(Context("FROM " + *prefix_ + "-busybox\n"));
  testing::RecordingObserver observer;
  CancelToken cancel;
  Result<BuildResult> r = (*c)->Build(req, body, observer, cancel);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, BuildResult::Status::kBuilt) << r->failure.message;
  EXPECT_EQ(proxy.CountRequests("POST", "/build"), 1);
  EXPECT_EQ(proxy.CountRequests("HEAD", "/_ping"), 1);
  std::vector<std::string> lines = proxy.request_lines();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1], "GET /v" + (*c)->api_version() + "/images/" + *prefix_ + "-busybox/json");
}

}  // namespace
}  // namespace drydock::engine
