#include "engine/json_stream.h"

#include <string>

namespace drydock::engine {

Result<void> JsonStreamSplitter::Feed(std::string_view data,
                                      const std::function<bool(std::string_view)>& on_message) {
  size_t i = 0;
  while (i < data.size()) {
    if (depth_ == 0) {
      char c = data[i];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++i;
        continue;
      }
      if (c != '{') {
        return MakeError("malformed JSON stream from the engine: unexpected byte 0x" +
                         std::string(1, "0123456789abcdef"[(c >> 4) & 0xf]) +
                         std::string(1, "0123456789abcdef"[c & 0xf]) + " between messages");
      }
      pending_.clear();
      in_string_ = false;
      escape_ = false;
    }
    // Scan to the end of the current object or of the data, then copy that span once.
    size_t start = i;
    bool complete = false;
    for (; i < data.size(); ++i) {
      char c = data[i];
      if (in_string_) {
        if (escape_) {
          escape_ = false;
        } else if (c == '\\') {
          escape_ = true;
        } else if (c == '"') {
          in_string_ = false;
        }
        continue;
      }
      if (c == '"') {
        in_string_ = true;
      } else if (c == '{' || c == '[') {
        ++depth_;
      } else if (c == '}' || c == ']') {
        if (--depth_ == 0) {
          ++i;
          complete = true;
          break;
        }
      }
    }
    if (pending_.size() + (i - start) > kMaxMessageBytes) {
      return MakeError("malformed JSON stream from the engine: a message exceeds " +
                       std::to_string(kMaxMessageBytes >> 20) + " MiB");
    }
    if (complete && pending_.empty()) {
      if (!on_message(data.substr(start, i - start))) return {};
      continue;
    }
    pending_.append(data.substr(start, i - start));
    if (complete) {
      std::string message = std::move(pending_);
      pending_.clear();
      if (!on_message(message)) return {};
    }
  }
  return {};
}

Result<void> JsonStreamSplitter::Finish() const {
  if (depth_ != 0) {
    return MakeError("the engine's JSON stream ended inside a message (" +
                     std::to_string(pending_.size()) + " bytes pending)");
  }
  return {};
}

}  // namespace drydock::engine
