#include "build/status_printers.h"

#include <gtest/gtest.h>

#include <string>

#include "build/log_files.h"
#include "testing/fake_runner.h"

namespace drydock::build {
namespace {

using testing::FakeBuild;
using testing::FakeRunner;
using testing::ManualClock;

class StringOutput final : public Output {
 public:
  void Write(std::string_view text) override { text_ += text; }
  std::string text_;
};

// a builds (two steps, output whose last line has no newline), b fails at its second step,
// c (on b) is skipped, d is up to date. One job at a time: the order is fixed.
BuildSummary RunScenario(Status& status) {
  ManualClock clock;
  FakeRunner runner(&clock);
  FakeBuild a;
  a.seconds = 12.25;
  a.steps = {"[1/2] FROM base", "[2/2] RUN make"};
  a.log = "cc -c main.c\nlinking";
  a.size = 123456789;
  runner.Script("a", a);
  FakeBuild b;
  b.status = RunResult::Status::kFailed;
  b.seconds = 3;
  b.steps = {"[1/3] FROM base", "[2/3] RUN ./configure"};
  b.log = "checking for gcc... no\nerror: no compiler\n";
  b.message = "process \"/bin/sh -c ./configure\" did not complete successfully: exit code: 2";
  b.failing_step = "[2/3] RUN ./configure";
  b.step_location = "services/b/Dockerfile:4";
  b.exit_code = 2;
  runner.Script("b", b);
  FakeBuild d;
  d.status = RunResult::Status::kUpToDate;
  d.image_id = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  d.size = 999;
  runner.Script("d", d);
  std::vector<ScheduleTarget> targets = {
      {"a", {}, 4}, {"b", {}, 3}, {"c", {1}, 2}, {"d", {}, 1}};
  SchedulerOptions options;
  options.keep_going = true;
  options.log_dir = ".drydock/logs";
  CancelToken interrupt;
  return RunSchedule(targets, options, runner, status, clock, interrupt);
}

TEST(StatusPrintersTest, PlainLinesThenFailuresThenSummary) {
  StringOutput out;
  std::unique_ptr<Status> printer = MakePlainPrinter(out);
  RunScenario(*printer);
  EXPECT_EQ(out.text_,
            "[a] started\n"
            "[a] [1/2] FROM base\n"
            "[a] [2/2] RUN make\n"
            "[a] cc -c main.c\n"
            "[a] linking\n"
            "[a] built aaaaaaaaaaaa in 12.2s\n"
            "[b] started\n"
            "[b] [1/3] FROM base\n"
            "[b] [2/3] RUN ./configure\n"
            "[b] checking for gcc... no\n"
            "[b] error: no compiler\n"
            "[b] failed after 3.0s: process \"/bin/sh -c ./configure\" did not complete "
            "successfully: exit code: 2\n"
            "[c] skipped (parent b failed)\n"
            "[d] started\n"
            "[d] up to date (0123456789ab)\n"
            "\n"
            "error: b failed at [2/3] RUN ./configure (services/b/Dockerfile:4)\n"
            "  exit code: 2\n"
            "  process \"/bin/sh -c ./configure\" did not complete successfully: exit code: 2\n"
            "  last 2 log lines:\n"
            "    checking for gcc... no\n"
            "    error: no compiler\n"
            "  full log: .drydock/logs/b.log\n"
            "\n"
            "TARGET  RESULT                     DURATION  IMAGE         SIZE\n"
            "a       built                      12.2s     aaaaaaaaaaaa  123MB\n"
            "b       failed                     3.0s      -             -\n"
            "c       skipped (parent b failed)  -         -             -\n"
            "d       up to date                 0.0s      0123456789ab  999B\n"
            "1 built, 1 up to date, 1 failed, 1 skipped in 15.2s\n");
}

TEST(StatusPrintersTest, JsonEventsOnePerLineEndingInTheSummary) {
  StringOutput out;
  std::unique_ptr<Status> printer = MakeJsonPrinter(out);
  RunScenario(*printer);
  const std::string a_id = "sha256:" + std::string(64, 'a');
  const std::string d_id = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  std::string a = "{\"target\":\"a\",\"result\":\"built\",\"duration_ms\":12250,\"image_id\":\"" +
                  a_id + "\",\"reason\":\"\",\"size\":123456789}";
  std::string b =
      "{\"target\":\"b\",\"result\":\"failed\",\"duration_ms\":3000,\"image_id\":\"\","
      "\"reason\":\"process \\\"/bin/sh -c ./configure\\\" did not complete successfully: exit "
      "code: 2\",\"failing_step\":\"[2/3] RUN ./configure\",\"step_location\":"
      "\"services/b/Dockerfile:4\",\"exit_code\":2,\"log_tail\":[\"checking for gcc... no\","
      "\"error: no compiler\"],\"log_path\":\".drydock/logs/b.log\"}";
  std::string c = "{\"target\":\"c\",\"result\":\"skipped\",\"duration_ms\":0,\"image_id\":\"\","
                  "\"reason\":\"parent b failed\"}";
  std::string d = "{\"target\":\"d\",\"result\":\"up-to-date\",\"duration_ms\":0,\"image_id\":\"" +
                  d_id + "\",\"reason\":\"\",\"size\":999}";
  auto finished = [](std::string report) { return "{\"event\":\"finished\"," + report.substr(1); };
  EXPECT_EQ(out.text_,
            "{\"event\":\"queued\",\"target\":\"a\"}\n"
            "{\"event\":\"queued\",\"target\":\"b\"}\n"
            "{\"event\":\"queued\",\"target\":\"c\"}\n"
            "{\"event\":\"queued\",\"target\":\"d\"}\n"
            "{\"event\":\"started\",\"target\":\"a\"}\n"
            "{\"event\":\"step\",\"target\":\"a\",\"name\":\"[1/2] FROM base\",\"state\":\"started\"}\n"
            "{\"event\":\"step\",\"target\":\"a\",\"name\":\"[1/2] FROM base\",\"state\":\"done\"}\n"
            "{\"event\":\"step\",\"target\":\"a\",\"name\":\"[2/2] RUN make\",\"state\":\"started\"}\n"
            "{\"event\":\"step\",\"target\":\"a\",\"name\":\"[2/2] RUN make\",\"state\":\"done\"}\n"
            "{\"event\":\"log\",\"target\":\"a\",\"text\":\"cc -c main.c\"}\n"
            "{\"event\":\"log\",\"target\":\"a\",\"text\":\"linking\"}\n" +
                finished(a) + "\n" +
                "{\"event\":\"started\",\"target\":\"b\"}\n"
                "{\"event\":\"step\",\"target\":\"b\",\"name\":\"[1/3] FROM base\",\"state\":\"started\"}\n"
                "{\"event\":\"step\",\"target\":\"b\",\"name\":\"[1/3] FROM base\",\"state\":\"done\"}\n"
                "{\"event\":\"step\",\"target\":\"b\",\"name\":\"[2/3] RUN ./configure\",\"state\":\"started\"}\n"
                "{\"event\":\"log\",\"target\":\"b\",\"text\":\"checking for gcc... no\"}\n"
                "{\"event\":\"log\",\"target\":\"b\",\"text\":\"error: no compiler\"}\n" +
                finished(b) + "\n" + finished(c) + "\n" +
                "{\"event\":\"started\",\"target\":\"d\"}\n" + finished(d) + "\n" +
                "{\"event\":\"summary\",\"targets\":[" + a + "," + b + "," + c + "," + d +
                "],\"built\":1,\"up_to_date\":1,\"failed\":1,\"skipped\":1,\"duration_ms\":15250,"
                "\"interrupted\":false,\"engine_lost\":false}\n");
}

TEST(StatusPrintersTest, PlainNeverSplitsALineBetweenTargets) {
  StringOutput out;
  std::unique_ptr<Status> printer = MakePlainPrinter(out);
  printer->Log("a", "hal");
  printer->Log("b", "other\n");
  printer->Log("a", "f\nrest");
  TargetReport done;
  done.target = "a";
  done.result = TargetResult::kSkipped;
  done.reason = "interrupted";
  printer->Finished(done);
  EXPECT_EQ(out.text_, "[b] other\n[a] half\n[a] rest\n[a] skipped (interrupted)\n");
}

TEST(StatusPrintersTest, Sizes) {
  EXPECT_EQ(HumanSize(0), "0B");
  EXPECT_EQ(HumanSize(999), "999B");
  EXPECT_EQ(HumanSize(1000), "1kB");
  EXPECT_EQ(HumanSize(45210), "45.2kB");
  EXPECT_EQ(HumanSize(1982304), "1.98MB");
  EXPECT_EQ(HumanSize(199000000), "199MB");
  EXPECT_EQ(HumanSize(-1), "-");
  EXPECT_EQ(ShortImageId("sha256:886a62ee2f3a4922e0aa"), "886a62ee2f3a");
}

TEST(DurationsTest, RoundTripAndGarbage) {
  std::map<std::string, double> d = {{"a", 1.5}, {"b", 12.3456}};
  EXPECT_EQ(SerializeDurations(d), "{\n \"a\": 1.5,\n \"b\": 12.346\n}\n");
  EXPECT_EQ(ParseDurations(SerializeDurations(d)),
            (std::map<std::string, double>{{"a", 1.5}, {"b", 12.346}}));
  EXPECT_TRUE(ParseDurations("[1,2]").empty());
  EXPECT_TRUE(ParseDurations("{").empty());
}

}  // namespace
}  // namespace drydock::build
