#include "pyenv/canonical_name.h"

#include "base/go_text.h"
#include "pyenv/version.h"

namespace drydock::pyenv {

namespace {

bool IsAlnumAscii(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Python's str.lower(): Unicode simple lower-casing plus the one unconditional full mapping
// that differs, U+0130 (İ) -> "i" U+0307.
std::string PythonLower(std::string_view s) {
  bool ascii = true;
  for (char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    std::string out(s);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return out;
  }
  std::string out;
  for (size_t pos = 0; pos < s.size();) {
    DecodedRune d = DecodeRune(s, pos);
    if (d.rune == 0x130) {
      out += "i\xcc\x87";
    } else {
      out += GoToLower(s.substr(pos, static_cast<size_t>(d.width)));
    }
    pos += static_cast<size_t>(d.width);
  }
  return out;
}

}  // namespace

std::string CanonicalizeName(std::string_view name) {
  std::string lower = PythonLower(name);
  std::string out;
  out.reserve(lower.size());
  for (char c : lower) {
    if (c == '-' || c == '_' || c == '.') {
      if (!out.empty() && out.back() == '-') continue;
      out += '-';
    } else {
      out += c;
    }
  }
  return out;
}

bool IsValidName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!IsAlnumAscii(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return IsAlnumAscii(name.front()) && IsAlnumAscii(name.back());
}

bool IsNormalizedName(std::string_view name) {
  // [a-z0-9]+(?:-[a-z0-9]+)*
  if (name.empty() || name.front() == '-' || name.back() == '-') return false;
  char prev = 0;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

std::string CanonicalizeVersion(std::string_view version, bool strip_trailing_zero) {
  auto v = Version::TryParse(version);
  if (!v) return std::string(version);
  std::string out = v->ToString();
  if (!strip_trailing_zero) return out;
  // Rebuild with the release's trailing zeros dropped (at least one segment kept).
  std::string text;
  if (!v->epoch().is_zero()) {
    v->epoch().AppendTo(text);
    text += '!';
  }
  size_t n = v->release().size();
  while (n > 1 && v->release()[n - 1].is_zero()) --n;
  for (size_t i = 0; i < n; ++i) {
    if (i != 0) text += '.';
    v->release()[i].AppendTo(text);
  }
  std::string base = v->BaseVersion();
  return text + out.substr(base.size());
}

}  // namespace drydock::pyenv
