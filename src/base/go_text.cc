#include "base/go_text.h"

#include <algorithm>
#include <cstdint>

namespace drydock {

namespace {

struct RuneRange {
  char32_t lo;
  char32_t hi;
};

constexpr RuneRange kPrintRanges[] = {
#include "base/go_print_table.inc"
};

constexpr RuneRange kLetterRanges[] = {
#include "base/go_letter_table.inc"
};

constexpr RuneRange kDigitRanges[] = {
#include "base/go_digit_table.inc"
};

constexpr RuneRange kNumberRanges[] = {
#include "base/go_number_table.inc"
};

template <size_t N>
bool InRanges(const RuneRange (&ranges)[N], char32_t r) {
  const RuneRange* it =
      std::upper_bound(std::begin(ranges), std::end(ranges), r,
                       [](char32_t v, const RuneRange& range) { return v < range.lo; });
  return it != std::begin(ranges) && r <= (it - 1)->hi;
}

struct RuneMapping {
  char32_t from;
  char32_t to;
};

constexpr RuneMapping kLowerMappings[] = {
#include "base/go_lower_table.inc"
};

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

DecodedRune DecodeRune(std::string_view s, size_t pos) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = byte(pos);
  if (c < 0x80) return {c, 1};
  size_t left = s.size() - pos;
  auto cont = [&](size_t i) { return i < s.size() && (byte(i) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) {
    if (left >= 2 && cont(pos + 1)) return {static_cast<char32_t>(((c & 0x1F) << 6) | (byte(pos + 1) & 0x3F)), 2};
    return {kRuneError, 1};
  }
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !cont(pos + 1) || !cont(pos + 2)) return {kRuneError, 1};
    unsigned char c1 = byte(pos + 1);
    if (c == 0xE0 && c1 < 0xA0) return {kRuneError, 1};   // Overlong.
    if (c == 0xED && c1 > 0x9F) return {kRuneError, 1};   // Surrogate.
    return {static_cast<char32_t>(((c & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (byte(pos + 2) & 0x3F)), 3};
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !cont(pos + 1) || !cont(pos + 2) || !cont(pos + 3)) return {kRuneError, 1};
    unsigned char c1 = byte(pos + 1);
    if (c == 0xF0 && c1 < 0x90) return {kRuneError, 1};
    if (c == 0xF4 && c1 > 0x8F) return {kRuneError, 1};
    return {static_cast<char32_t>(((c & 0x07) << 18) | ((c1 & 0x3F) << 12) |
                                  ((byte(pos + 2) & 0x3F) << 6) | (byte(pos + 3) & 0x3F)),
            4};
  }
  return {kRuneError, 1};
}

void AppendRune(std::string& out, char32_t r) {
  if (r < 0x80) {
    out += static_cast<char>(r);
    return;
  }
  if ((r >= 0xD800 && r <= 0xDFFF) || r > 0x10FFFF) r = kRuneError;
  if (r < 0x800) {
    out += static_cast<char>(0xC0 | (r >> 6));
  } else if (r < 0x10000) {
    out += static_cast<char>(0xE0 | (r >> 12));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (r >> 18));
    out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
  }
  out += static_cast<char>(0x80 | (r & 0x3F));
}

bool IsGoSpace(char32_t r) {
  if (r <= 0xFF) {
    return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0;
  }
  return r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 ||
         r == 0x202F || r == 0x205F || r == 0x3000;
}

bool IsGoPrint(char32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  return InRanges(kPrintRanges, r);
}

bool IsGoLetter(char32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  return InRanges(kLetterRanges, r);
}

bool IsGoDigit(char32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  return InRanges(kDigitRanges, r);
}

bool IsGoNumber(char32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  return InRanges(kNumberRanges, r);
}

std::string_view TrimLeftGoSpace(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    DecodedRune d = DecodeRune(s, i);
    if (!IsGoSpace(d.rune) || (d.rune == kRuneError && d.width == 1)) break;
    i += d.width;
  }
  return s.substr(i);
}

std::string_view TrimRightGoSpace(std::string_view s) {
  size_t end = s.size();
  while (end > 0) {
    // Step back over one rune: find its start (at most 4 bytes back).
    size_t start = end - 1;
    while (start > 0 && end - start < 4 &&
           (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
      --start;
    }
    DecodedRune d = DecodeRune(s, start);
    if (start + d.width != end) {  // Not a whole rune: the last byte alone is invalid.
      start = end - 1;
      d = {kRuneError, 1};
    }
    if (!IsGoSpace(d.rune)) break;
    end = start;
  }
  return s.substr(0, end);
}

std::string_view TrimGoSpace(std::string_view s) { return TrimRightGoSpace(TrimLeftGoSpace(s)); }

std::string GoToLower(std::string_view s) {
  bool ascii = true;
  for (char c : s) ascii &= static_cast<unsigned char>(c) < 0x80;
  std::string out;
  out.reserve(s.size());
  if (ascii) {
    for (char c : s) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
  }
  for (size_t i = 0; i < s.size();) {
    DecodedRune d = DecodeRune(s, i);
    i += d.width;
    auto it = std::lower_bound(std::begin(kLowerMappings), std::end(kLowerMappings), d.rune,
                               [](const RuneMapping& m, char32_t v) { return m.from < v; });
    AppendRune(out, it != std::end(kLowerMappings) && it->from == d.rune ? it->to : d.rune);
  }
  return out;
}

std::string GoQuote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (size_t i = 0; i < s.size();) {
    DecodedRune d = DecodeRune(s, i);
    char32_t r = d.rune;
    if (d.width == 1 && r == kRuneError) {
      unsigned char b = static_cast<unsigned char>(s[i]);
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
      i += 1;
      continue;
    }
    i += d.width;
    if (r == '"' || r == '\\') {
      out += '\\';
      out += static_cast<char>(r);
      continue;
    }
    if (IsGoPrint(r)) {
      AppendRune(out, r);
      continue;
    }
    switch (r) {
      case '\a': out += "\\a"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '\v': out += "\\v"; continue;
      default: break;
    }
    if (r < ' ' || r == 0x7F) {
      out += "\\x";
      out += kHex[(r >> 4) & 0xF];
      out += kHex[r & 0xF];
    } else if (r < 0x10000) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(r >> shift) & 0xF];
    } else {
      out += "\\U";
      for (int shift = 28; shift >= 0; shift -= 4) out += kHex[(r >> shift) & 0xF];
    }
  }
  out += '"';
  return out;
}

std::string GoQuoteList(const std::vector<std::string>& list) {
  std::string out = "[";
  for (size_t i = 0; i < list.size(); ++i) {
    if (i) out += ' ';
    out += GoQuote(list[i]);
  }
  out += ']';
  return out;
}

}  // namespace drydock
