#include "pyenv/python_text.h"

#include <cstdio>
#include <string>

#include "base/go_text.h"

namespace drydock::pyenv {

namespace {

bool IsPythonSpaceRune(char32_t r) {
  switch (r) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D:
    case 0x1C: case 0x1D: case 0x1E: case 0x1F: case 0x20:
    case 0x85: case 0xA0: case 0x1680:
    case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return r >= 0x2000 && r <= 0x200A;
  }
}

}  // namespace

size_t PythonSpaceAt(std::string_view s, size_t pos) {
  unsigned char c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) return IsPythonSpaceRune(c) ? 1 : 0;
  DecodedRune d = DecodeRune(s, pos);
  if (d.rune == kRuneError) return 0;
  return IsPythonSpaceRune(d.rune) ? static_cast<size_t>(d.width) : 0;
}

std::string_view TrimPythonSpace(std::string_view s) {
  size_t begin = 0;
  while (begin < s.size()) {
    size_t w = PythonSpaceAt(s, begin);
    if (w == 0) break;
    begin += w;
  }
  s.remove_prefix(begin);
  // Trailing: walk forward and remember where the last non-space ended.
  size_t end = 0;
  for (size_t pos = 0; pos < s.size();) {
    size_t w = PythonSpaceAt(s, pos);
    if (w != 0) {
      pos += w;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(s[pos]);
    pos += c < 0x80 ? 1 : static_cast<size_t>(DecodeRune(s, pos).width);
    end = pos;
  }
  return s.substr(0, end);
}

std::string DescribeChar(std::string_view s, size_t pos) {
  unsigned char c = static_cast<unsigned char>(s[pos]);
  char buf[16];
  if (c >= 0x20 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
  if (c < 0x80) {
    std::snprintf(buf, sizeof buf, "\\x%02x", c);
    return buf;
  }
  DecodedRune d = DecodeRune(s, pos);
  if (d.rune == kRuneError) {
    std::snprintf(buf, sizeof buf, "byte \\x%02x", c);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(d.rune));
  return buf;
}

}  // namespace drydock::pyenv
