// Build-stream decoding throughput: a chatty classic build log, a chatty BuildKit build (logs
// inside base64 protobuf trace messages) and the recorded real streams, fed in 16 KiB reads as
// libcurl delivers them. A build's output should never be limited by drydock's decoding.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "engine/build_stream.h"

namespace {

using namespace drydock::engine;

class CountingObserver final : public BuildObserver {
 public:
  void OnStep(const StepEvent&) override { ++steps; }
  void OnLog(const LogEvent& e) override { bytes += e.data.size(); }
  size_t steps = 0;
  size_t bytes = 0;
};

std::string Base64(const std::string& in) {
  static const char kA[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out.push_back(kA[(v >> s) & 63]);
  }
  if (i + 1 == in.size()) {
    uint32_t v = uint8_t(in[i]) << 16;
    out += {kA[(v >> 18) & 63], kA[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += {kA[(v >> 18) & 63], kA[(v >> 12) & 63], kA[(v >> 6) & 63], '='};
  }
  return out;
}

std::string Varint(uint64_t v) {
  std::string out;
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
  return out;
}

std::string Field(int number, const std::string& bytes) {
  return Varint(static_cast<uint64_t>(number) << 3 | 2) + Varint(bytes.size()) + bytes;
}

// 20000 lines of apt-like output, one stream message each.
std::string ClassicLog() {
  std::string s = "{\"stream\":\"Step 1/2 : FROM base\"}\r\n{\"stream\":\"\\n\"}\r\n"
                  "{\"stream\":\"Step 2/2 : RUN apt-get install -y python3\"}\r\n";
  for (int i = 0; i < 20000; ++i) {
    s += "{\"stream\":\"Get:" + std::to_string(i) +
         " http://deb.debian.org/debian bookworm/main amd64 libpython3.11 amd64 3.11.2-6 "
         "[1987 kB]\\n\"}\r\n";
  }
  return s + "{\"aux\":{\"ID\":\"sha256:00\"}}\r\n";
}

// The same output as BuildKit sends it: batches of VertexLog entries in trace messages.
std::string BuildKitLog() {
  const std::string digest = "sha256:" + std::string(64, 'a');
  std::string s;
  for (int batch = 0; batch < 2000; ++batch) {
    std::string response;
    for (int i = 0; i < 10; ++i) {
      std::string log = Field(1, digest) + std::string("\x18\x01", 2) +
                        Field(4, "Get:" + std::to_string(batch * 10 + i) +
                                     " http://deb.debian.org/debian bookworm/main amd64 "
                                     "libpython3.11 amd64 3.11.2-6 [1987 kB]\n");
      response += Field(3, log);
    }
    s += "{\"id\":\"moby.buildkit.trace\",\"aux\":\"" + Base64(response) + "\"}\r\n";
  }
  return s + "{\"id\":\"moby.image.id\",\"aux\":{\"ID\":\"sha256:00\"}}\r\n";
}

std::string Recorded(const char* name) {
  std::ifstream in(std::string(DRYDOCK_SOURCE_DIR) + "/tests/engine/testdata/" + name,
                   std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Decode(benchmark::State& state, BuilderKind builder, const std::string& body) {
  for (auto _ : state) {
    CountingObserver observer;
    BuildStreamDecoder decoder(builder, observer);
    for (size_t i = 0; i < body.size(); i += 16384) {
      if (!decoder.Feed(std::string_view(body).substr(i, 16384)).ok()) state.SkipWithError("bad");
    }
    if (!decoder.Finish().ok()) state.SkipWithError("bad");
    benchmark::DoNotOptimize(observer.bytes);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
}

void BM_ClassicChattyLog(benchmark::State& state) {
  static const std::string body = ClassicLog();
  Decode(state, BuilderKind::kClassic, body);
}
BENCHMARK(BM_ClassicChattyLog);

void BM_BuildKitChattyLog(benchmark::State& state) {
  static const std::string body = BuildKitLog();
  Decode(state, BuilderKind::kBuildKit, body);
}
BENCHMARK(BM_BuildKitChattyLog);

void BM_RecordedBuildKitOk(benchmark::State& state) {
  static const std::string body = Recorded("buildkit-ok.stream");
  Decode(state, BuilderKind::kBuildKit, body);
}
BENCHMARK(BM_RecordedBuildKitOk);

}  // namespace

BENCHMARK_MAIN();
