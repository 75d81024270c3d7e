// A minimal protobuf wire-format reader: enough to walk BuildKit's StatusResponse without
// generated code. Every read is bounds-checked; malformed input ends the walk with ok() false,
// never a read past the buffer.
#ifndef DRYDOCK_ENGINE_PROTO_WIRE_H_
#define DRYDOCK_ENGINE_PROTO_WIRE_H_

#include <cstdint>
#include <string_view>

namespace drydock::engine {

struct ProtoField {
  enum class WireType { kVarint = 0, kFixed64 = 1, kBytes = 2, kFixed32 = 5 };
  uint32_t number = 0;
  WireType type = WireType::kVarint;
  uint64_t varint = 0;     // kVarint, kFixed64, kFixed32: the value.
  std::string_view bytes;  // kBytes: a view into the reader's buffer (strings, sub-messages).
};

// Iterates the top-level fields of one message held in `data` (not owned; must outlive the
// reader and every view it returns). Groups (wire types 3/4) are malformed for our purposes.
class ProtoReader {
 public:
  explicit ProtoReader(std::string_view data) : data_(data) {}

  // The next field, or false at the end of the message or on malformed input (see ok()).
  bool Next(ProtoField* field);
  // False once malformed input was seen (truncated varint, length past the end, field 0,
  // unsupported wire type).
  bool ok() const { return ok_; }

 private:
  bool ReadVarint(uint64_t* value);

  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace drydock::engine

#endif  // DRYDOCK_ENGINE_PROTO_WIRE_H_
