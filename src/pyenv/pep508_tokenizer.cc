#include "pyenv/pep508_tokenizer.h"

#include "base/go_text.h"
#include "pyenv/python_text.h"

namespace drydock::pyenv {

namespace {

bool IsWordRune(char32_t r) {
  if (r < 0x80) {
    return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r == '_';
  }
  return IsGoLetter(r) || IsGoNumber(r);
}

bool WordAt(std::string_view s, size_t pos) {
  if (pos >= s.size()) return false;
  DecodedRune d = DecodeRune(s, pos);
  return d.rune != kRuneError && IsWordRune(d.rune);
}

bool WordBefore(std::string_view s, size_t pos) {
  if (pos == 0) return false;
  size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80 && pos - start < 4) --start;
  return WordAt(s, start);
}

}  // namespace

bool WordBoundaryAt(std::string_view s, size_t pos) { return WordBefore(s, pos) != WordAt(s, pos); }

void Pep508Cursor::ConsumeWs() {
  while (pos < source.size() && (source[pos] == ' ' || source[pos] == '\t')) ++pos;
}

size_t Pep508Cursor::MatchWord(std::string_view word) const {
  if (source.substr(pos, word.size()) != word) return 0;
  if (!WordBoundaryAt(source, pos) || !WordBoundaryAt(source, pos + word.size())) return 0;
  return word.size();
}

size_t Pep508Cursor::MatchVariable() const {
  // Alternatives in the rule's order; each must end at a word boundary.
  static constexpr std::string_view kNames[] = {
      "python_version", "python_full_version", "os_name", "os.name", "sys_platform",
      "sys.platform", "platform_release", "platform_system", "platform_version",
      "platform.version", "platform_machine", "platform.machine",
      "platform_python_implementation", "platform.python_implementation",
      "python_implementation", "implementation_name", "implementation_version", "extras",
      "extra", "dependency_groups"};
  if (!WordBoundaryAt(source, pos)) return 0;
  for (std::string_view name : kNames) {
    if (source.substr(pos, name.size()) == name && WordBoundaryAt(source, pos + name.size())) {
      return name.size();
    }
  }
  return 0;
}

size_t Pep508Cursor::MatchQuotedString() const {
  if (pos >= source.size()) return 0;
  char q = source[pos];
  if (q != '\'' && q != '"') return 0;
  size_t end = source.find(q, pos + 1);
  if (end == std::string_view::npos) return 0;
  return end + 1 - pos;
}

size_t Pep508Cursor::MatchIdentifier() const {
  // \b[a-zA-Z0-9][a-zA-Z0-9._-]*\b, backtracking to the last word boundary.
  if (pos >= source.size() || !(IsAsciiDigit(source[pos]) || IsAsciiAlpha(source[pos]))) return 0;
  if (!WordBoundaryAt(source, pos)) return 0;
  size_t g = pos + 1;
  while (g < source.size() && (IsAsciiDigit(source[g]) || IsAsciiAlpha(source[g]) ||
                               source[g] == '.' || source[g] == '_' || source[g] == '-')) {
    ++g;
  }
  for (size_t p = g; p > pos; --p) {
    if (WordBoundaryAt(source, p)) return p - pos;
  }
  return 0;
}

size_t Pep508Cursor::MatchMarkerOp() const {
  for (std::string_view op : {"===", "==", "~=", "!=", "<=", ">=", "<", ">"}) {
    if (source.substr(pos, op.size()) == op) return op.size();
  }
  return 0;
}

bool Pep508Cursor::Fail(const std::string& message, size_t at) {
  if (error.empty()) {
    error_pos = at;
    error = message + " at position " + std::to_string(at + 1);
    if (at < source.size()) {
      error += " (found " + DescribeChar(source, at) + ")";
    } else {
      error += " (end of input)";
    }
  }
  return false;
}

}  // namespace drydock::pyenv
