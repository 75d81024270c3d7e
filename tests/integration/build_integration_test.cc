// drydock build against a real engine: examples/pipeline cold, no-change (no build request
// reaches the engine, counted by a proxy), one stage changed, a base changed, a failing target
// with -k, the engine lost mid-build, and SIGINT mid-build. Each test works on its own copy of
// the example with its own image-name prefix, so tests can run side by side and never touch
// images they did not make. Skipped, with the reason, when no engine answers or the base image
// is missing (scripts/prepare-base.sh makes it).
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "integration/build_subprocess.h"
#include "integration/image_engine_helper.h"
#include "integration/pip_check_oracle.h"
#include "testing/engine_proxy.h"

namespace drydock::testing {
namespace {

namespace fs = std::filesystem;

const std::map<std::string, std::vector<std::string>>& PipelineParents() {
  static const std::map<std::string, std::vector<std::string>> parents = {
      {"base-cpu", {}},           {"base-cuda", {"base-cpu"}}, {"base-ml", {"base-cuda"}},
      {"demux", {"base-cpu"}},    {"tmdb", {"base-cpu"}},      {"pre-ner", {"base-cpu"}},
      {"post-ner", {"base-cpu"}}, {"subtitle-gen", {"base-cpu"}}, {"mux", {"base-cpu"}},
      {"vad", {"base-ml"}},       {"diarization", {"base-ml"}}, {"asr", {"base-ml"}},
  };
  return parents;
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteText(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

void AppendText(const fs::path& path, const std::string& text) {
  WriteText(path, ReadText(path) + text);
}

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// The json progress events of one run, by kind.
struct Events {
  std::vector<nlohmann::json> all;
  std::map<std::string, std::string> result;  // target -> result of its finished event
  int Position(const std::string& event, const std::string& target) const {
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].value("event", "") == event && all[i].value("target", "") == target) {
        return static_cast<int>(i);
      }
    }
    return -1;
  }
};

Events ParseEvents(const std::string& out) {
  Events events;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '{') continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) continue;
    events.all.push_back(j);
    if (j.value("event", "") == "finished") {
      events.result[j.value("target", "")] = j.value("result", "");
    }
  }
  return events;
}

std::map<std::string, std::string> AllWith(const std::string& result) {
  std::map<std::string, std::string> expected;
  for (const auto& [target, parents] : PipelineParents()) expected[target] = result;
  return expected;
}

class BuildIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    socket_ = FindEngine(&why);
    if (socket_.empty()) GTEST_SKIP() << "no Docker engine answers: " << why;
    if (Shell("docker image inspect debian:bookworm-slim >/dev/null 2>&1").status != 0) {
      GTEST_SKIP() << "the base image debian:bookworm-slim is missing: run scripts/prepare-base.sh";
    }
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::string lower;
    for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    prefix_ = "drydock-it/" + lower + "-";
    char tmpl[] = "/tmp/drydock-it-build-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    RemoveImages();
  }

  void TearDown() override {
    if (prefix_.empty()) return;
    RemoveImages();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void RemoveImages() {
    Shell("docker image ls --format '{{.Repository}}:{{.Tag}}' | grep '^" + prefix_ +
          "' | xargs -r docker rmi -f >/dev/null 2>&1");
  }

  // A copy of examples/pipeline whose image names all carry this test's prefix.
  fs::path CopyPipeline() {
    fs::path project = fs::path(dir_) / "pipeline";
    fs::copy(fs::path(DRYDOCK_SOURCE_DIR) / "examples/pipeline", project,
             fs::copy_options::recursive);
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(project)) {
      std::string file = entry.path().filename().string();
      if (file != "compose.yaml" && file != "Dockerfile") continue;
      std::string text = ReadText(entry.path());
      for (const char* image : {"base-cpu:latest", "base-cuda:latest", "base-ml:cuda"}) {
        ReplaceAll(text, image, prefix_ + image);
      }
      ReplaceAll(text, "image: pipeline/", "image: " + prefix_);
      WriteText(entry.path(), text);
    }
    return project;
  }

  // A one-target project whose RUN runs for a minute and prints `marker_`.
  fs::path SlowProject() {
    fs::path project = fs::path(dir_) / "slow";
    marker_ = "drydock-it-marker-" + std::to_string(::getpid()) + "-" + prefix_.substr(11);
    marker_.pop_back();
    WriteText(project / "compose.yaml", "name: slow\nservices:\n  slow:\n    image: " + prefix_ +
                                            "slow:latest\n    build: app\n");
    WriteText(project / "app/Dockerfile",
              "FROM debian:bookworm-slim\nRUN echo " + marker_ + " && sleep 60\n");
    return project;
  }

  bool MarkerRunning() const {
    return Shell("docker ps --no-trunc --format '{{.Command}}' | grep -q -- '" + marker_ + "'")
               .status == 0;
  }

  bool WaitFor(const std::function<bool()>& condition, double seconds) const {
    auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < end) {
      if (condition()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return condition();
  }

  std::vector<std::string> BuildArgs(const fs::path& project,
                                     std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {DRYDOCK_BINARY, "build", "-f",
                                     (project / "compose.yaml").string(), "--progress=json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }

  ProcessResult Build(const fs::path& project, const std::string& docker_host,
                      std::vector<std::string> extra = {}) const {
    std::map<std::string, std::string> env;
    if (!docker_host.empty()) env["DOCKER_HOST"] = docker_host;
    return RunProcess(BuildArgs(project, std::move(extra)), project.string(), env, 600);
  }

  std::string socket_;
  std::string prefix_;
  std::string dir_;
  std::string marker_;
};

// Every parent finished before its child started.
void ExpectParentsFirst(const Events& events) {
  for (const auto& [target, parents] : PipelineParents()) {
    for (const std::string& parent : parents) {
      int finished = events.Position("finished", parent);
      int started = events.Position("started", target);
      ASSERT_GE(finished, 0) << parent;
      ASSERT_GE(started, 0) << target;
      EXPECT_LT(finished, started) << target << " started before its parent " << parent
                                   << " finished";
    }
  }
}

TEST_F(BuildIntegrationTest, PipelineColdNoChangeAndEdits) {
  fs::path project = CopyPipeline();

  // Cold: every image is built, never before its parents.
  ProcessResult cold = Build(project, "");
  ASSERT_EQ(cold.exit_code, 0) << cold.out << cold.err;
  Events cold_events = ParseEvents(cold.out);
  EXPECT_EQ(cold_events.result, AllWith("built"));
  ExpectParentsFirst(cold_events);

  // Nothing changed: every target is up to date and no build request reaches the engine.
  {
    EngineProxy proxy(socket_);
    ProcessResult again = Build(project, proxy.address());
    ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
    EXPECT_EQ(ParseEvents(again.out).result, AllWith("up-to-date"));
    EXPECT_EQ(proxy.CountRequests("POST", "/build"), 0);
  }

  // --check on the family just built: every image is read back and checked, and every one is
  // clean (no finding at any severity: the bases are checked as bases, so running as root is
  // theirs to leave to their children).
  {
    ProcessResult checked = Build(project, "", {"--check"});
    ASSERT_EQ(checked.exit_code, 0) << checked.out << checked.err;
    EXPECT_EQ(ParseEvents(checked.out).result, AllWith("up-to-date"));
    for (const auto& [target, parents] : PipelineParents()) {
      std::string summary = target + ": 2 Python environments (python3.11 (/usr), venv /opt/venv)";
      EXPECT_NE(checked.out.find(summary), std::string::npos) << target << "\n" << checked.out;
    }
    size_t clean = 0;
    for (size_t at = checked.out.find("0 errors, 0 warnings, 0 infos"); at != std::string::npos;
         at = checked.out.find("0 errors, 0 warnings, 0 infos", at + 1)) {
      ++clean;
    }
    EXPECT_EQ(clean, PipelineParents().size()) << checked.out;
    // `drydock check` on each image by name: the stages are clean; a base alone is what it is,
    // an image that runs as root, and nothing else.
    CommandResult names = Shell("docker image ls --format '{{.Repository}}:{{.Tag}}' | grep '^" + prefix_ + "' | sort");
    size_t images = 0;
    std::istringstream lines(names.output);
    for (std::string name; std::getline(lines, name);) {
      ++images;
      CommandResult r = Shell(std::string(DRYDOCK_BINARY) + " check --severity-threshold=info " + name + " 2>&1");
      bool base = name.rfind(prefix_ + "base-", 0) == 0;
      std::string ids;
      static const std::regex kId(R"(\[((IM|PY)[0-9]{4}) )");
      for (std::sregex_iterator m(r.output.begin(), r.output.end(), kId), end; m != end; ++m) {
        ids += (*m)[1].str() + " ";
      }
      EXPECT_EQ(ids, base ? "IM1003 " : "") << name << "\n" << r.output;
      EXPECT_EQ(r.status, base ? 1 : 0) << name << "\n" << r.output;
      // Each image's venv has pip (python3-venv's ensurepip): pip check inside agrees.
      EXPECT_EQ(ExpectPipCheckAgrees(DRYDOCK_BINARY, name), 1) << name;
    }
    EXPECT_EQ(images, PipelineParents().size()) << names.output;
  }

  // One stage's source changed: exactly that stage is rebuilt.
  {
    AppendText(project / "services/demux/app.py", "# edited by the integration test\n");
    EngineProxy proxy(socket_);
    ProcessResult edited = Build(project, proxy.address());
    ASSERT_EQ(edited.exit_code, 0) << edited.out << edited.err;
    std::map<std::string, std::string> expected = AllWith("up-to-date");
    expected["demux"] = "built";
    EXPECT_EQ(ParseEvents(edited.out).result, expected);
    EXPECT_EQ(proxy.CountRequests("POST", "/build"), 1);
  }

  // base-cuda changed: it and its branch (base-ml and the three GPU stages) are rebuilt; base-cpu
  // and the six CPU stages are untouched.
  {
    AppendText(project / "images/base-cuda/Dockerfile", "ENV DRYDOCK_IT_EDIT=cuda\n");
    ProcessResult edited = Build(project, "");
    ASSERT_EQ(edited.exit_code, 0) << edited.out << edited.err;
    std::map<std::string, std::string> expected = AllWith("up-to-date");
    for (const char* t : {"base-cuda", "base-ml", "vad", "diarization", "asr"}) expected[t] = "built";
    EXPECT_EQ(ParseEvents(edited.out).result, expected);
  }

  // base-cpu changed: every image of this family descends from it, so all twelve are rebuilt,
  // parents first.
  {
    AppendText(project / "images/base-cpu/Dockerfile", "ENV DRYDOCK_IT_EDIT=cpu\n");
    ProcessResult edited = Build(project, "");
    ASSERT_EQ(edited.exit_code, 0) << edited.out << edited.err;
    Events events = ParseEvents(edited.out);
    EXPECT_EQ(events.result, AllWith("built"));
    ExpectParentsFirst(events);
  }
}

TEST_F(BuildIntegrationTest, KeepGoingBuildsIndependentTargetsAndSkipsDependents) {
  fs::path project = CopyPipeline();
  AppendText(project / "images/base-cuda/Dockerfile", "RUN echo failing on purpose && exit 7\n");
  EngineProxy proxy(socket_);
  ProcessResult run = Build(project, proxy.address(), {"-k"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  std::map<std::string, std::string> expected = AllWith("built");
  expected["base-cuda"] = "failed";
  for (const char* t : {"base-ml", "vad", "diarization", "asr"}) expected[t] = "skipped";
  Events events = ParseEvents(run.out);
  EXPECT_EQ(events.result, expected);
  // Dependents were never sent to the engine (they must not build on a stale parent image).
  EXPECT_EQ(proxy.CountRequests("POST", "/build"), 8);
  for (const nlohmann::json& e : events.all) {
    if (e.value("event", "") == "finished" && e.value("result", "") == "skipped") {
      EXPECT_NE(e.value("reason", "").find("base-cuda"), std::string::npos) << e.dump();
    }
  }
}

TEST_F(BuildIntegrationTest, EngineLostMidBuildIsAnErrorWithinSeconds) {
  fs::path project = SlowProject();
  EngineProxy proxy(socket_);
  Subprocess build(BuildArgs(project), project.string(), {{"DOCKER_HOST", proxy.address()}});
  ASSERT_TRUE(WaitFor([&] { return MarkerRunning(); }, 120)) << build.OutputSoFar();
  auto severed = std::chrono::steady_clock::now();
  proxy.Sever();
  ProcessResult result = build.Wait(60);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - severed).count();
  EXPECT_FALSE(result.timed_out);
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_LT(seconds, 15.0);
  // The summary says why: the engine went away, not the build.
  EXPECT_NE(result.out.find("\"engine_lost\":true"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("lost the connection to the engine"), std::string::npos) << result.out;
  // The engine saw its client go and cancels the build: nothing of it keeps running.
  EXPECT_TRUE(WaitFor([&] { return !MarkerRunning(); }, 30));
}

TEST_F(BuildIntegrationTest, SigintCancelsRunningBuildsAndExits130) {
  fs::path project = SlowProject();
  Subprocess build(BuildArgs(project), project.string(), {});
  ASSERT_TRUE(WaitFor([&] { return MarkerRunning(); }, 120)) << build.OutputSoFar();
  auto interrupted = std::chrono::steady_clock::now();
  build.Signal(SIGINT);
  ProcessResult result = build.Wait(60);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - interrupted).count();
  EXPECT_FALSE(result.timed_out);
  EXPECT_EQ(result.exit_code, 130) << result.out << result.err;
  EXPECT_LT(seconds, 15.0);
  EXPECT_NE(result.out.find("\"event\":\"summary\""), std::string::npos) << result.out;
  EXPECT_TRUE(WaitFor([&] { return !MarkerRunning(); }, 30));
}

}  // namespace
}  // namespace drydock::testing
