#include "engine/proto_wire.h"

namespace drydock::engine {

bool ProtoReader::ReadVarint(uint64_t* value) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= data_.size()) return false;
    uint8_t byte = static_cast<uint8_t>(data_[pos_++]);
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      return true;
    }
  }
  return false;  // More than 10 bytes.
}

bool ProtoReader::Next(ProtoField* field) {
  if (!ok_ || pos_ >= data_.size()) return false;
  uint64_t key = 0;
  if (!ReadVarint(&key) || (key >> 3) == 0 || (key >> 3) > 0x1fffffff) {
    ok_ = false;
    return false;
  }
  field->number = static_cast<uint32_t>(key >> 3);
  field->bytes = {};
  field->varint = 0;
  switch (key & 7) {
    case 0:
      field->type = ProtoField::WireType::kVarint;
      if (!ReadVarint(&field->varint)) ok_ = false;
      break;
    case 1:
    case 5: {
      size_t n = (key & 7) == 1 ? 8 : 4;
      field->type = n == 8 ? ProtoField::WireType::kFixed64 : ProtoField::WireType::kFixed32;
      if (data_.size() - pos_ < n) {
        ok_ = false;
        break;
      }
      uint64_t v = 0;
      for (size_t i = 0; i < n; ++i) {
        v |= static_cast<uint64_t>(static_cast<uint8_t>(data_[pos_ + i])) << (8 * i);
      }
      pos_ += n;
      field->varint = v;
      break;
    }
    case 2: {
      field->type = ProtoField::WireType::kBytes;
      uint64_t len = 0;
      if (!ReadVarint(&len) || len > data_.size() - pos_) {
        ok_ = false;
        break;
      }
      field->bytes = data_.substr(pos_, static_cast<size_t>(len));
      pos_ += static_cast<size_t>(len);
      break;
    }
    default:
      ok_ = false;
  }
  return ok_;
}

}  // namespace drydock::engine
