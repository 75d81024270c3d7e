#include "engine/transport.h"

#include <algorithm>
#include <cstring>

#include "base/strings.h"

namespace drydock::engine {

Result<size_t> StringBodySource::Read(char* buffer, size_t size) {
  size_t n = std::min(size, data_.size() - offset_);
  std::memcpy(buffer, data_.data() + offset_, n);
  offset_ += n;
  return n;
}

std::optional<std::string> HttpResponseHead::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreCaseAscii(k, name)) return v;
  }
  return std::nullopt;
}

}  // namespace drydock::engine
