#include "engine/build_stream.h"

#include <gtest/gtest.h>

#include <string>

#include "testing/corpus.h"
#include "testing/recording_observer.h"

namespace drydock::engine {
namespace {

using testing::RecordingObserver;

std::string Testdata(const std::string& name) {
  return testing::ReadFileOrDie(testing::SourcePath("tests/engine/testdata/" + name));
}

struct Decoded {
  std::string events;
  std::string image_id;
  std::string failure;  // "message | step | exit code", empty when none.
};

Decoded DecodeInPieces(BuilderKind builder, const std::string& body, size_t piece) {
  RecordingObserver observer;
  BuildStreamDecoder decoder(builder, observer);
  for (size_t i = 0; i < body.size(); i += piece) {
    Result<void> r = decoder.Feed(std::string_view(body).substr(i, piece));
    EXPECT_TRUE(r.ok()) << r.error().message;
  }
  Result<void> done = decoder.Finish();
  EXPECT_TRUE(done.ok()) << done.error().message;
  Decoded out;
  out.events = observer.Text();
  out.image_id = decoder.image_id();
  if (decoder.failure()) {
    const BuildFailure& f = *decoder.failure();
    out.failure = f.message + " | " + f.step_name + " | " +
                  (f.exit_code ? std::to_string(*f.exit_code) : "-");
  }
  return out;
}

// Whole-body decoding equals decoding in 1-byte, 7-byte, ... pieces: splitting never matters.
Decoded DecodeAllWays(BuilderKind builder, const std::string& name) {
  const std::string body = Testdata(name);
  Decoded whole = DecodeInPieces(builder, body, body.size() + 1);
  for (size_t piece : {1, 2, 7, 64, 1000}) {
    Decoded split = DecodeInPieces(builder, body, piece);
    EXPECT_EQ(split.events, whole.events) << "piece " << piece;
    EXPECT_EQ(split.image_id, whole.image_id) << "piece " << piece;
    EXPECT_EQ(split.failure, whole.failure) << "piece " << piece;
  }
  return whole;
}

TEST(BuildStreamRecordedTest, ClassicOk) {
  Decoded d = DecodeAllWays(BuilderKind::kClassic, "classic-ok.stream");
  EXPECT_EQ(d.events, R"(step started step-1 Step 1/5 : FROM drydock-test-engine/busybox AS base (stage= index=1 total=5)
log step-1 1 "Step 1/5 : FROM drydock-test-engine/busybox AS base"
log step-1 1 "\n"
log step-1 1 " ---> fd34fe71eeb0\n"
step completed step-1 Step 1/5 : FROM drydock-test-engine/busybox AS base (stage= index=1 total=5)
step started step-2 Step 2/5 : RUN echo hello && echo oops >&2 (stage= index=2 total=5)
log step-2 1 "Step 2/5 : RUN echo hello && echo oops >&2"
log step-2 1 "\n"
log step-2 1 " ---> Running in 32507bfd80c7\n"
log step-2 1 "hello\n"
log step-2 2 "oops\n"
log step-2 1 "Removing intermediate container 32507bfd80c7\n"
log step-2 1 " ---> 9f161db8c116\n"
step completed step-2 Step 2/5 : RUN echo hello && echo oops >&2 (stage= index=2 total=5)
step started step-3 Step 3/5 : FROM base (stage= index=3 total=5)
log step-3 1 "Step 3/5 : FROM base"
log step-3 1 "\n"
log step-3 1 " ---> 9f161db8c116\n"
step completed step-3 Step 3/5 : FROM base (stage= index=3 total=5)
step started step-4 Step 4/5 : COPY greeting.txt /greeting.txt (stage= index=4 total=5)
log step-4 1 "Step 4/5 : COPY greeting.txt /greeting.txt"
log step-4 1 "\n"
log step-4 1 " ---> 28aa272730e4\n"
step completed step-4 Step 4/5 : COPY greeting.txt /greeting.txt (stage= index=4 total=5)
step started step-5 Step 5/5 : LABEL org.example.kind=test (stage= index=5 total=5)
log step-5 1 "Step 5/5 : LABEL org.example.kind=test"
log step-5 1 "\n"
log step-5 1 " ---> Running in 92db1108dde4\n"
log step-5 1 "Removing intermediate container 92db1108dde4\n"
log step-5 1 " ---> 7c0ade631348\n"
step completed step-5 Step 5/5 : LABEL org.example.kind=test (stage= index=5 total=5)
log step-5 1 "Successfully built 7c0ade631348\n"
log step-5 1 "Successfully tagged drydock-test-engine/rec-ok:v1\n"
)");
  EXPECT_EQ(d.image_id, "sha256:7c0ade6313484f99b4db9cbe3aa2b22d1b83137ab40ec4276b6ea4993a1db904");
  EXPECT_EQ(d.failure, R"()");
}

TEST(BuildStreamRecordedTest, ClassicFailingRun) {
  Decoded d = DecodeAllWays(BuilderKind::kClassic, "classic-fail.stream");
  EXPECT_EQ(d.events, R"(step started step-1 Step 1/3 : FROM drydock-test-engine/busybox (stage= index=1 total=3)
log step-1 1 "Step 1/3 : FROM drydock-test-engine/busybox"
log step-1 1 "\n"
log step-1 1 " ---> fd34fe71eeb0\n"
step completed step-1 Step 1/3 : FROM drydock-test-engine/busybox (stage= index=1 total=3)
step started step-2 Step 2/3 : RUN echo before (stage= index=2 total=3)
log step-2 1 "Step 2/3 : RUN echo before"
log step-2 1 "\n"
log step-2 1 " ---> Running in ebcc17e350f6\n"
log step-2 1 "before\n"
log step-2 1 "Removing intermediate container ebcc17e350f6\n"
log step-2 1 " ---> 607958cfcf6c\n"
step completed step-2 Step 2/3 : RUN echo before (stage= index=2 total=3)
step started step-3 Step 3/3 : RUN echo failing >&2 && exit 3 (stage= index=3 total=3)
log step-3 1 "Step 3/3 : RUN echo failing >&2 && exit 3"
log step-3 1 "\n"
log step-3 1 " ---> Running in f139cfe39f1b\n"
log step-3 2 "failing\n"
log step-3 1 "Removing intermediate container f139cfe39f1b\n"
step failed step-3 Step 3/3 : RUN echo failing >&2 && exit 3 (stage= index=3 total=3) error="The command '/bin/sh -c echo failing >&2 && exit 3' returned a non-zero code: 3"
)");
  EXPECT_EQ(d.image_id, "");
  EXPECT_EQ(d.failure, R"(The command '/bin/sh -c echo failing >&2 && exit 3' returned a non-zero code: 3 | Step 3/3 : RUN echo failing >&2 && exit 3 | 3)");
}

TEST(BuildStreamRecordedTest, BuildKitOk) {
  Decoded d = DecodeAllWays(BuilderKind::kBuildKit, "buildkit-ok.stream");
  EXPECT_EQ(d.events, R"(step started 55a1e080c96e [internal] load remote build context
step completed 55a1e080c96e [internal] load remote build context
step started dac77f3e113d copy /context /
step completed dac77f3e113d copy /context /
step started 3559eb6a4f45 [internal] load metadata for docker.io/drydock-test-engine/busybox:latest
step completed 3559eb6a4f45 [internal] load metadata for docker.io/drydock-test-engine/busybox:latest
step started f2577ac02191 [base 1/2] FROM docker.io/drydock-test-engine/busybox (stage=base index=1 total=2)
step completed f2577ac02191 [base 1/2] FROM docker.io/drydock-test-engine/busybox (stage=base index=1 total=2)
step started 3ad3a2cdd30c [base 2/2] RUN echo hello && echo oops >&2 (stage=base index=2 total=2)
log 3ad3a2cdd30c 1 "hello\n"
log 3ad3a2cdd30c 2 "oops\n"
step completed 3ad3a2cdd30c [base 2/2] RUN echo hello && echo oops >&2 (stage=base index=2 total=2)
step started c1a272855af6 [stage-1 1/1] COPY greeting.txt /greeting.txt (stage=stage-1 index=1 total=1)
step completed c1a272855af6 [stage-1 1/1] COPY greeting.txt /greeting.txt (stage=stage-1 index=1 total=1)
step started e8c613e07b0b exporting to image
step completed e8c613e07b0b exporting to image
log - 1 "Successfully tagged drydock-test-engine/rec-ok:v2\n"
)");
  EXPECT_EQ(d.image_id, "sha256:7e7d66491b6bc0be09500c1b2b94c821349acc9a7f6e7ff9cee566358a719f5f");
  EXPECT_EQ(d.failure, R"()");
}

TEST(BuildStreamRecordedTest, BuildKitAllCached) {
  Decoded d = DecodeAllWays(BuilderKind::kBuildKit, "buildkit-ok-cached.stream");
  EXPECT_EQ(d.events, R"(step started bddf7edf8a83 [internal] load remote build context
step completed bddf7edf8a83 [internal] load remote build context
step started 0a8e6c69f4e5 copy /context /
step cached 0a8e6c69f4e5 copy /context /
step started 3559eb6a4f45 [internal] load metadata for docker.io/drydock-test-engine/busybox:latest
step completed 3559eb6a4f45 [internal] load metadata for docker.io/drydock-test-engine/busybox:latest
step started f2577ac02191 [base 1/2] FROM docker.io/drydock-test-engine/busybox (stage=base index=1 total=2)
step completed f2577ac02191 [base 1/2] FROM docker.io/drydock-test-engine/busybox (stage=base index=1 total=2)
step started 3ad3a2cdd30c [base 2/2] RUN echo hello && echo oops >&2 (stage=base index=2 total=2)
step cached 3ad3a2cdd30c [base 2/2] RUN echo hello && echo oops >&2 (stage=base index=2 total=2)
step started 7e0a46a8f0f7 [stage-1 1/1] COPY greeting.txt /greeting.txt (stage=stage-1 index=1 total=1)
step cached 7e0a46a8f0f7 [stage-1 1/1] COPY greeting.txt /greeting.txt (stage=stage-1 index=1 total=1)
step started e8c613e07b0b exporting to image
step completed e8c613e07b0b exporting to image
log - 1 "Successfully tagged drydock-test-engine/rec-ok:v2\n"
)");
  EXPECT_EQ(d.image_id, "sha256:7e7d66491b6bc0be09500c1b2b94c821349acc9a7f6e7ff9cee566358a719f5f");
  EXPECT_EQ(d.failure, R"()");
}

TEST(BuildStreamRecordedTest, BuildKitFailingRun) {
  Decoded d = DecodeAllWays(BuilderKind::kBuildKit, "buildkit-fail.stream");
  EXPECT_EQ(d.events, R"(step started 918c4a50c381 [internal] load remote build context
step completed 918c4a50c381 [internal] load remote build context
step started a1bd887add40 copy /context /
step completed a1bd887add40 copy /context /
step started 3559eb6a4f45 [internal] load metadata for docker.io/drydock-test-engine/busybox:latest
step completed 3559eb6a4f45 [internal] load metadata for docker.io/drydock-test-engine/busybox:latest
step started f2577ac02191 [1/3] FROM docker.io/drydock-test-engine/busybox (stage= index=1 total=3)
step cached f2577ac02191 [1/3] FROM docker.io/drydock-test-engine/busybox (stage= index=1 total=3)
step started 4b70031029ea [2/3] RUN echo before (stage= index=2 total=3)
log 4b70031029ea 1 "before\n"
step completed 4b70031029ea [2/3] RUN echo before (stage= index=2 total=3)
step started dbc6fee7df07 [3/3] RUN echo failing >&2 && exit 3 (stage= index=3 total=3)
log dbc6fee7df07 2 "failing\n"
step failed dbc6fee7df07 [3/3] RUN echo failing >&2 && exit 3 (stage= index=3 total=3) error="executor failed running [/bin/sh -c echo failing >&2 && exit 3]: exit code: 3"
)");
  EXPECT_EQ(d.image_id, "");
  EXPECT_EQ(d.failure, R"(executor failed running [/bin/sh -c echo failing >&2 && exit 3]: exit code: 3 | [3/3] RUN echo failing >&2 && exit 3 | 3)");
}

TEST(BuildStreamRecordedTest, BuildKitMissingDockerfile) {
  Decoded d = DecodeAllWays(BuilderKind::kBuildKit, "buildkit-missing-dockerfile.stream");
  EXPECT_EQ(d.events, R"(step started 0744dcb7b95e [internal] load remote build context
step completed 0744dcb7b95e [internal] load remote build context
step started e3e00cf0a62a copy /context /
step cached e3e00cf0a62a copy /context /
)");
  EXPECT_EQ(d.image_id, "");
  EXPECT_EQ(d.failure, R"(failed to solve with frontend dockerfile.v0: failed to read dockerfile: open /var/lib/docker/tmp/buildkit-mount1870320562/Missing.Dockerfile: no such file or directory |  | -)");
}

}  // namespace
}  // namespace drydock::engine

namespace drydock::engine {
namespace {

std::string DecodeMessages(BuilderKind builder, const std::string& body, std::string* failure,
                           std::string* error = nullptr) {
  RecordingObserver observer;
  BuildStreamDecoder decoder(builder, observer);
  Result<void> r = decoder.Feed(body);
  if (r.ok()) r = decoder.Finish();
  if (error != nullptr) *error = r.ok() ? "" : r.error().message;
  if (failure != nullptr) {
    *failure = !decoder.failure()
                   ? ""
                   : decoder.failure()->message + " | " + decoder.failure()->step_name + " | " +
                         (decoder.failure()->exit_code
                              ? std::to_string(*decoder.failure()->exit_code)
                              : "-");
  }
  return observer.Text();
}

TEST(BuildStreamTest, ClassicErrorBeforeAnyStepHasNoStep) {
  std::string failure;
  std::string events = DecodeMessages(
      BuilderKind::kClassic,
      "{\"errorDetail\":{\"message\":\"dockerfile parse error line 2: unknown instruction: "
      "FOO\"},\"error\":\"dockerfile parse error line 2: unknown instruction: FOO\"}\r\n",
      &failure);
  EXPECT_EQ(events, "");
  EXPECT_EQ(failure, "dockerfile parse error line 2: unknown instruction: FOO |  | -");
}

TEST(BuildStreamTest, ClassicCachedStepsAndPullStatus) {
  std::string failure;
  std::string events = DecodeMessages(
      BuilderKind::kClassic,
      "{\"stream\":\"Step 1/2 : FROM x\"}\r\n{\"stream\":\"\\n\"}\r\n"
      "{\"status\":\"Pulling from library/x\",\"id\":\"latest\"}\r\n"
      "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":10,\"total\":99},"
      "\"id\":\"abc\"}\r\n"
      "{\"stream\":\"Step 2/2 : RUN make\"}{\"stream\":\"\\n\"}"
      "{\"stream\":\" ---\\u003e Using cache\\n\"}{\"stream\":\" ---\\u003e 0123\\n\"}"
      "{\"aux\":{\"ID\":\"sha256:0123\"}}{\"stream\":\"Successfully built 0123\\n\"}",
      &failure);
  EXPECT_EQ(events,
            "step started step-1 Step 1/2 : FROM x (stage= index=1 total=2)\n"
            "log step-1 1 \"Step 1/2 : FROM x\"\n"
            "log step-1 1 \"\\n\"\n"
            "log step-1 1 \"latest: Pulling from library/x\\n\"\n"
            "step completed step-1 Step 1/2 : FROM x (stage= index=1 total=2)\n"
            "step started step-2 Step 2/2 : RUN make (stage= index=2 total=2)\n"
            "log step-2 1 \"Step 2/2 : RUN make\"\n"
            "log step-2 1 \"\\n\"\n"
            "log step-2 1 \" ---> Using cache\\n\"\n"
            "log step-2 1 \" ---> 0123\\n\"\n"
            "step cached step-2 Step 2/2 : RUN make (stage= index=2 total=2)\n"
            "log step-2 1 \"Successfully built 0123\\n\"\n");
  EXPECT_EQ(failure, "");
}

TEST(BuildStreamTest, StepTextMidLineIsNotAStep) {
  std::string events = DecodeMessages(
      BuilderKind::kClassic, "{\"stream\":\"output \"}{\"stream\":\"Step 1/2 : not a step\\n\"}",
      nullptr);
  EXPECT_EQ(events,
            "log - 1 \"output \"\n"
            "log - 1 \"Step 1/2 : not a step\\n\"\n");
}

TEST(BuildStreamTest, OnlyTheFirstErrorCounts) {
  std::string failure;
  DecodeMessages(BuilderKind::kBuildKit,
                 "{\"errorDetail\":{\"message\":\"first\"}}{\"error\":\"second\"}", &failure);
  EXPECT_EQ(failure, "first |  | -");
}

TEST(BuildStreamTest, MalformedMessagesAreErrors) {
  std::string error;
  DecodeMessages(BuilderKind::kBuildKit, "{\"stream\":}", nullptr, &error);
  EXPECT_EQ(error, "malformed build stream from the engine: not a JSON object: {\"stream\":}");
  DecodeMessages(BuilderKind::kBuildKit, "{\"id\":\"moby.buildkit.trace\",\"aux\":\"!!!\"}",
                 nullptr, &error);
  EXPECT_EQ(error, "malformed build stream from the engine: bad base64 in moby.buildkit.trace");
  // 0x0a 0x05 "ab": a length past the end.
  DecodeMessages(BuilderKind::kBuildKit, "{\"id\":\"moby.buildkit.trace\",\"aux\":\"CgVhYg==\"}",
                 nullptr, &error);
  EXPECT_EQ(error, "malformed build stream from the engine: bad protobuf in moby.buildkit.trace");
  DecodeMessages(BuilderKind::kBuildKit, "{\"id\":\"moby.buildkit.trace\",\"aux\":{}}", nullptr,
                 &error);
  EXPECT_EQ(error,
            "malformed build stream from the engine: moby.buildkit.trace aux is not a string");
  DecodeMessages(BuilderKind::kBuildKit, "x", nullptr, &error);
  EXPECT_EQ(error,
            "malformed JSON stream from the engine: unexpected byte 0x78 between messages");
  DecodeMessages(BuilderKind::kBuildKit, "{\"stream\":\"cut", nullptr, &error);
  EXPECT_EQ(error, "the engine's JSON stream ended inside a message (14 bytes pending)");
}

TEST(BuildStreamTest, UnknownMessagesAreIgnored) {
  std::string error;
  std::string events =
      DecodeMessages(BuilderKind::kBuildKit, "{\"id\":\"moby.future\",\"aux\":{\"x\":1}}{}",
                     nullptr, &error);
  EXPECT_EQ(events, "");
  EXPECT_EQ(error, "");
}

TEST(StepNameTest, Forms) {
  auto show = [](std::string_view name) {
    StepName s = ParseStepName(name);
    return s.stage + "|" + std::to_string(s.index) + "|" + std::to_string(s.total) + "|" +
           s.instruction + "|" + (s.internal ? "internal" : "step");
  };
  EXPECT_EQ(show("Step 3/7 : RUN make"), "|3|7|RUN make|step");
  EXPECT_EQ(show("[2/5] RUN make"), "|2|5|RUN make|step");
  EXPECT_EQ(show("[ 2/10] COPY . ."), "|2|10|COPY . .|step");
  EXPECT_EQ(show("[builder 1/3] FROM docker.io/library/debian"),
            "builder|1|3|FROM docker.io/library/debian|step");
  EXPECT_EQ(show("[linux/amd64 builder 1/3] FROM x"), "builder|1|3|FROM x|step");
  EXPECT_EQ(show("[internal] load build definition from Dockerfile"),
            "|0|0|load build definition from Dockerfile|internal");
  EXPECT_EQ(show("exporting to image"), "|0|0|exporting to image|internal");
  EXPECT_EQ(show("Step x/y : RUN"), "|0|0|Step x/y : RUN|internal");
  EXPECT_EQ(show("[unclosed"), "|0|0|[unclosed|internal");
}

TEST(StepNameTest, ExitCodes) {
  EXPECT_EQ(ExitCodeFromMessage(
                "process \"/bin/sh -c false\" did not complete successfully: exit code: 1"),
            1);
  EXPECT_EQ(ExitCodeFromMessage("executor failed running [/bin/sh -c exit 3]: exit code: 3"), 3);
  EXPECT_EQ(ExitCodeFromMessage("The command '/bin/sh -c false' returned a non-zero code: 127"),
            127);
  EXPECT_EQ(ExitCodeFromMessage("no such file"), std::nullopt);
  EXPECT_EQ(ExitCodeFromMessage("exit code: "), std::nullopt);
}

}  // namespace
}  // namespace drydock::engine
