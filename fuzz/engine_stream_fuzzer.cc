// The engine's stream decoders on arbitrary bytes. The first byte picks the target:
//   0: the protobuf wire reader and DecodeStatusResponse on the rest;
//   1: BuildStreamDecoder (classic) and 2: (BuildKit) on the rest as a response body;
//   3: the rest as a BuildKit trace payload, base64-wrapped into one aux message;
//   4: JsonStreamSplitter alone.
// Nothing may crash, hang or trip a sanitizer, and cutting the body into pieces (sizes taken
// from the data) must give exactly the events and result of feeding it whole.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/build_stream.h"
#include "engine/buildkit_trace.h"
#include "engine/json_stream.h"
#include "engine/proto_wire.h"

namespace {

using namespace drydock;
using namespace drydock::engine;

class TextObserver final : public BuildObserver {
 public:
  void OnStep(const StepEvent& e) override {
    text += "s" + std::to_string(static_cast<int>(e.state)) + e.id + "|" + e.name + "|" +
            e.error + "|" + std::to_string(e.parsed.index) + "\n";
  }
  void OnLog(const LogEvent& e) override {
    text += "l" + e.step_id + "|" + std::to_string(e.stream) + "|" + e.data + "\n";
  }
  void OnWarning(const WarningEvent& e) override { text += "w" + e.step_id + e.message + "\n"; }
  std::string text;
};

std::string Decode(BuilderKind builder, std::string_view body, size_t piece) {
  TextObserver observer;
  BuildStreamDecoder decoder(builder, observer);
  bool ok = true;
  for (size_t i = 0; i < body.size() && ok; i += piece) {
    ok = decoder.Feed(body.substr(i, piece)).ok();
  }
  if (ok) ok = decoder.Finish().ok();
  std::string out = observer.text + (ok ? "ok" : "error") + decoder.image_id();
  if (decoder.failure()) {
    out += decoder.failure()->message + decoder.failure()->step_name +
           std::to_string(decoder.failure()->exit_code.value_or(-1));
  }
  return out;
}

std::string Base64(std::string_view in) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[(v >> s) & 63]);
  }
  if (i + 1 == in.size()) {
    uint32_t v = uint8_t(in[i]) << 16;
    out += {kAlphabet[(v >> 18) & 63], kAlphabet[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += {kAlphabet[(v >> 18) & 63], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], '='};
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t mode = data[0] % 5;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t piece = 1 + (size * 7919) % 37;
  switch (mode) {
    case 0: {
      ProtoReader reader(rest);
      ProtoField field;
      size_t total = 0;
      while (reader.Next(&field)) {
        if (field.bytes.data() != nullptr) {
          // Views stay inside the input.
          if (field.bytes.data() < rest.data() ||
              field.bytes.data() + field.bytes.size() > rest.data() + rest.size()) {
            abort();
          }
        }
        total += field.bytes.size();
      }
      if (total > rest.size()) abort();
      (void)DecodeStatusResponse(rest);
      break;
    }
    case 1:
    case 2: {
      BuilderKind builder = mode == 1 ? BuilderKind::kClassic : BuilderKind::kBuildKit;
      if (Decode(builder, rest, rest.size() + 1) != Decode(builder, rest, piece)) abort();
      break;
    }
    case 3: {
      std::string body = "{\"id\":\"moby.buildkit.trace\",\"aux\":\"" + Base64(rest) + "\"}\r\n";
      (void)Decode(BuilderKind::kBuildKit, body, body.size() + 1);
      std::optional<std::string> back = Base64Decode(Base64(rest));
      if (!back || *back != rest) abort();
      break;
    }
    case 4: {
      JsonStreamSplitter whole, split;
      std::string a, b;
      bool ok_a = whole.Feed(rest, [&](std::string_view m) {
                        a += std::string(m) + '\n';
                        return true;
                      }).ok();
      bool ok_b = true;
      for (size_t i = 0; i < rest.size() && ok_b; i += piece) {
        ok_b = split.Feed(rest.substr(i, piece), [&](std::string_view m) {
                      b += std::string(m) + '\n';
                      return true;
                    }).ok();
      }
      if (ok_a != ok_b || a != b) abort();
      break;
    }
  }
  return 0;
}
