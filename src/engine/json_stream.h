// Splits the engine's streamed JSON (build, events, pull, push, load) into whole messages.
// The engine writes one object per message separated by "\r\n", but HTTP chunking and socket
// reads cut anywhere: an object may span many reads and one read may carry many objects.
#ifndef DRYDOCK_ENGINE_JSON_STREAM_H_
#define DRYDOCK_ENGINE_JSON_STREAM_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace drydock::engine {

class JsonStreamSplitter {
 public:
  // Larger objects are an Error, so a broken peer cannot make the buffer grow without bound.
  static constexpr size_t kMaxMessageBytes = 64u << 20;

  // Feeds bytes; calls `on_message` with each complete top-level object, in order (the view is
  // valid during the call only). Whitespace between objects is skipped; any other byte outside
  // an object is an Error. Returns early with ok when `on_message` returns false.
  Result<void> Feed(std::string_view data,
                    const std::function<bool(std::string_view)>& on_message);
  // At the end of the stream: an Error when an object was cut off.
  Result<void> Finish() const;

 private:
  std::string pending_;  // The object being assembled.
  int depth_ = 0;
  bool in_string_ = false;
  bool escape_ = false;
};

}  // namespace drydock::engine

#endif  // DRYDOCK_ENGINE_JSON_STREAM_H_
