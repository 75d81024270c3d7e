#include "dockerfile/directives.h"

#include "base/strings.h"
#include "base/go_text.h"
#include "dockerfile/json_array.h"

namespace drydock::dockerfile {

namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || (c >= '0' && c <= '9'); }
bool IsRegexSpace(char c) {  // Go regexp's \s.
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

// Matches ^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$ with Go's submatch preferences.
bool MatchDirective(std::string_view s, std::string_view* key, size_t* value_begin,
                    size_t* value_end) {
  if (s.empty() || !IsAsciiAlpha(s[0])) return false;
  size_t i = 1;
  while (i < s.size() && IsAsciiAlnum(s[i])) ++i;
  *key = s.substr(0, i);
  while (i < s.size() && IsRegexSpace(s[i])) ++i;
  if (i >= s.size() || s[i] != '=') return false;
  ++i;
  if (i >= s.size()) return false;  // (.+?) needs one character.
  if (s.find('\n', i) != std::string_view::npos) return false;  // `.` stops at '\n'.
  size_t k = i;
  while (k < s.size() && IsRegexSpace(s[k])) ++k;
  if (k == s.size()) {
    // Only white space after '=': the greedy \s* gives back one character to (.+?).
    *value_begin = s.size() - 1;
    *value_end = s.size();
    return true;
  }
  size_t end = s.size();
  while (end > k && IsRegexSpace(s[end - 1])) --end;
  *value_begin = k;
  *value_end = end;
  return true;
}

bool IsKnownDirective(std::string_view name) {
  return name == "syntax" || name == "escape" || name == "check";
}

}  // namespace

Result<std::optional<ParsedDirective>> DirectiveParser::ParseLine(std::string_view line) {
  ++line_;
  if (done_) return std::optional<ParsedDirective>();
  if (line.substr(0, prefix_.size()) != prefix_) {
    done_ = true;
    return std::optional<ParsedDirective>();
  }
  std::string_view body = TrimLeftGoSpace(line.substr(prefix_.size()));
  size_t body_offset = line.size() - body.size();
  std::string_view key;
  size_t value_begin = 0, value_end = 0;
  if (!MatchDirective(body, &key, &value_begin, &value_end)) {
    done_ = true;
    return std::optional<ParsedDirective>();
  }
  std::string name = ToLowerAscii(key);
  if (!IsKnownDirective(name)) {
    done_ = true;
    return std::optional<ParsedDirective>();
  }
  if (!seen_.insert(name).second) {
    return MakeError("only one " + name + " parser directive can be used");
  }
  ParsedDirective directive;
  directive.name = std::move(name);
  directive.value = std::string(body.substr(value_begin, value_end - value_begin));
  directive.line = line_;
  directive.value_offset = static_cast<uint32_t>(body_offset + value_begin);
  return std::optional<ParsedDirective>(std::move(directive));
}

namespace {

// bufio.ScanLines: lines without "\n" and one trailing "\r".
std::vector<std::string_view> ScanLines(std::string_view data) {
  std::vector<std::string_view> lines;
  while (!data.empty()) {
    size_t nl = data.find('\n');
    std::string_view line = data.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    data.remove_prefix(nl + 1);
  }
  return lines;
}

std::optional<DirectiveLookup> FindWithPrefix(std::string_view key, std::string_view data,
                                              std::string_view prefix, uint32_t first_line) {
  DirectiveParser parser(prefix, first_line);
  for (std::string_view line : ScanLines(data)) {
    if (parser.done()) break;
    Result<std::optional<ParsedDirective>> found = parser.ParseLine(line);
    if (!found.ok()) break;
    if (*found && (*found)->name == key) {
      DirectiveLookup lookup;
      lookup.cmdline = (*found)->value;
      lookup.value = lookup.cmdline.substr(0, lookup.cmdline.find(' '));
      lookup.line = (*found)->line;
      return lookup;
    }
  }
  return std::nullopt;
}

std::optional<DirectiveLookup> Lookup(std::string_view key, std::string_view data,
                                      bool any_format) {
  if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  uint32_t first_line = 0;
  if (data.substr(0, 2) == "#!") {
    size_t nl = data.find('\n');
    data = nl == std::string_view::npos ? std::string_view() : data.substr(nl + 1);
    first_line = 1;
  }
  if (auto found = FindWithPrefix(key, data, "#", first_line)) return found;
  if (!any_format) return std::nullopt;
  if (auto found = FindWithPrefix(key, data, "//", first_line)) return found;
  if (std::optional<std::string> value = FindJsonObjectString(data, key)) {
    return DirectiveLookup{*value, *value, first_line};
  }
  return std::nullopt;
}

}  // namespace

std::optional<DirectiveLookup> FindDirective(std::string_view key, std::string_view data) {
  return Lookup(key, data, false);
}

std::optional<DirectiveLookup> DetectSyntax(std::string_view data) {
  return Lookup("syntax", data, true);
}

}  // namespace drydock::dockerfile
