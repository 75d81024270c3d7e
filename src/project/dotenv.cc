#include "project/dotenv.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <unordered_map>

#include "base/go_text.h"

namespace drydock::project {

namespace {

// The parser's own isSpace: blanks, but never a line break, so a value cannot run onto the
// next line by way of trimming.
bool IsBlank(char32_t r) {
  switch (r) {
    case '\t': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
      return true;
    default:
      return false;
  }
}

template <typename Predicate>
std::string_view TrimLeft(std::string_view s, Predicate is_trimmed) {
  size_t i = 0;
  while (i < s.size()) {
    const DecodedRune d = DecodeRune(s, i);
    if (!is_trimmed(d.rune)) break;
    i += d.width;
  }
  return s.substr(i);
}

// The shell-style escapes double-quoted values understand (a, b, f, n, r, t, v, `$`, `"` and
// backslash after a backslash, and a backslash-0 followed by up to three digits, an octal
// byte). Anything else, and anything Go's UnquoteChar rejects, is kept as written; a
// backslash-0 run then loses its 0, as upstream's does.
std::string ExpandEscapes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const size_t slash = s.find('\\', i);
    if (slash == std::string_view::npos || slash + 1 >= s.size()) {
      out.append(s.substr(i));
      break;
    }
    out.append(s.substr(i, slash - i));
    const char c = s[slash + 1];
    i = slash + 2;
    switch (c) {
      case 'a': out += '\a'; continue;
      case 'b': out += '\b'; continue;
      case 'f': out += '\f'; continue;
      case 'n': out += '\n'; continue;
      case 'r': out += '\r'; continue;
      case 't': out += '\t'; continue;
      case 'v': out += '\v'; continue;
      case '"': out += '"'; continue;
      case '\\': out += '\\'; continue;
      // The expansion that follows reads `$$` as a literal `$`.
      case '$': out += "$$"; continue;
      case 'c': out += "\\c"; continue;
      case '0': break;
      default:
        // No escape here: keep the backslash and look for the next one from the byte after it.
        out += '\\';
        i = slash + 1;
        continue;
    }
    // `\0` and up to three more digits: `\0ddd` is the octal byte ddd (as a rune, so values
    // from 0200 up come out as two UTF-8 bytes); any other digit run loses only its `0`.
    size_t end = i;
    while (end < s.size() && end - i < 3 && s[end] >= '0' && s[end] <= '9') ++end;
    const std::string_view digits = s.substr(i, end - i);
    i = end;
    auto is_octal = [](char d) { return d >= '0' && d <= '7'; };
    const bool octal = digits.size() == 3 && std::all_of(digits.begin(), digits.end(), is_octal);
    const int value =
        octal ? (digits[0] - '0') * 64 + (digits[1] - '0') * 8 + (digits[2] - '0') : 0;
    if (octal && value <= 255) {
      AppendRune(out, static_cast<char32_t>(value));
    } else {
      out += '\\';
      out.append(digits);
    }
  }
  return out;
}

class Parser {
 public:
  Parser(const VariableLookup& process_env, std::vector<std::string>* warnings)
      : process_env_(process_env), warnings_(warnings) {}

  // On failure, returns the message that follows "failed to read <path>: ".
  std::optional<std::string> Parse(std::string_view src) {
    while (true) {
      src = StatementStart(src);
      if (src.empty()) return std::nullopt;

      std::string key;
      bool inherited = false;
      if (std::optional<std::string> error = LocateKeyName(src, key, inherited)) return error;
      if (key.find(' ') != std::string::npos) {
        return "line " + std::to_string(line_) + ": key cannot contain a space";
      }
      if (inherited) {
        if (std::optional<std::string> value = Lookup(key)) Set(key, std::move(*value));
        continue;
      }
      std::string value;
      if (std::optional<std::string> error = ExtractValue(src, value)) return error;
      Set(key, std::move(value));
    }
  }

  std::vector<std::pair<std::string, std::string>> TakeValues() { return std::move(values_); }

 private:
  // Skips blank space and comment lines, counting the line breaks it passes.
  std::string_view StatementStart(std::string_view src) {
    while (true) {
      size_t i = 0;
      while (i < src.size()) {
        const DecodedRune d = DecodeRune(src, i);
        if (!IsGoSpace(d.rune)) break;
        if (d.rune == '\n') ++line_;
        i += d.width;
      }
      if (i == src.size()) return {};
      src.remove_prefix(i);
      if (src[0] != '#') return src;
      const size_t newline = src.find('\n');
      if (newline == std::string_view::npos) return {};
      src.remove_prefix(newline);
    }
  }

  // Reads `[export ]KEY` up to `=`, `:` (YAML style) or a line break (an inherited key);
  // leaves `src` at the value.
  std::optional<std::string> LocateKeyName(std::string_view& src, std::string& key,
                                           bool& inherited) {
    // `^export\s+`: RE2's \s is ASCII [\t\n\f\r ], but only blanks are trimmed afterwards.
    if (src.size() > 6 && src.substr(0, 6) == "export" &&
        std::string_view("\t\n\f\r ").find(src[6]) != std::string_view::npos) {
      src = TrimLeft(src.substr(6), IsBlank);
    }
    size_t offset = 0;
    std::string_view raw_key;
    for (size_t i = 0; i < src.size();) {
      const DecodedRune d = DecodeRune(src, i);
      const char32_t r = d.rune;
      if (r == '=' || r == ':' || r == '\n') {
        raw_key = src.substr(0, i);
        offset = i + 1;
        inherited = r == '\n';
        break;
      }
      const bool allowed = IsBlank(r) || r == '_' || r == '.' || r == '-' || r == '[' ||
                           r == ']' || IsGoLetter(r) || IsGoNumber(r);
      if (!allowed) {
        std::string character;
        AppendRune(character, r);
        return "line " + std::to_string(line_) + ": unexpected character " + GoQuote(character) +
               " in variable name " + GoQuote(src.substr(0, src.find('\n')));
      }
      i += d.width;
    }
    if (src.empty()) return "zero length string";
    if (inherited && raw_key.find(' ') == std::string_view::npos) ++line_;
    key = std::string(TrimRightGoSpace(raw_key));
    src = TrimLeft(src.substr(offset), IsBlank);
    return std::nullopt;
  }

  // Reads the value at `src` and leaves `src` after it.
  std::optional<std::string> ExtractValue(std::string_view& src, std::string& value) {
    const char quote = src.empty() ? '\0' : src[0];
    if (quote != '"' && quote != '\'') {
      const size_t newline = src.find('\n');
      std::string_view raw = src.substr(0, newline);
      src = newline == std::string_view::npos ? std::string_view() : src.substr(newline + 1);
      ++line_;
      raw = raw.substr(0, raw.find(" #"));  // An inline comment needs a space before it.
      return Expand(TrimRightGoSpace(raw), value);
    }

    std::string chars;
    bool escaped = false;
    for (size_t i = 1; i < src.size(); ++i) {
      const char c = src[i];
      if (c == '\n') ++line_;
      if (c != quote) {
        if (!escaped && c == '\\') {
          escaped = true;
          continue;
        }
        if (escaped) {
          escaped = false;
          chars += '\\';
        }
        chars += c;
        continue;
      }
      if (escaped) {  // \" or \' keeps the quote and drops the backslash.
        escaped = false;
        chars += c;
        continue;
      }
      src = src.substr(i + 1);
      if (quote == '\'') {
        value = std::move(chars);
        return std::nullopt;
      }
      return Expand(ExpandEscapes(chars), value);
    }
    // Unterminated: the line count has already run to the end of the file, as upstream's does.
    return "line " + std::to_string(line_) + ": unterminated quoted value " +
           std::string(src.substr(0, src.find('\n')));
  }

  std::optional<std::string> Expand(std::string_view text, std::string& value) {
    Result<std::string> expanded = Substitute(
        text, [this](std::string_view name) { return Lookup(name); }, warnings_);
    if (!expanded.ok()) return expanded.error().message;
    value = std::move(expanded.value());
    return std::nullopt;
  }

  // The process environment wins over what the file defined earlier.
  std::optional<std::string> Lookup(std::string_view name) const {
    if (std::optional<std::string> value = process_env_(name)) return value;
    auto it = index_.find(std::string(name));
    if (it == index_.end()) return std::nullopt;
    return values_[it->second].second;
  }

  void Set(const std::string& key, std::string value) {
    auto [it, inserted] = index_.emplace(key, values_.size());
    if (inserted) {
      values_.emplace_back(key, std::move(value));
    } else {
      values_[it->second].second = std::move(value);
    }
  }

  const VariableLookup& process_env_;
  std::vector<std::string>* warnings_;
  int line_ = 1;
  std::vector<std::pair<std::string, std::string>> values_;
  std::unordered_map<std::string, size_t> index_;
};

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> ParseDotEnv(
    std::string_view text, std::string_view path, const VariableLookup& process_env,
    std::vector<std::string>* warnings) {
  // Editors on Windows like to start files with a byte-order mark; it is not part of a key.
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  Parser parser(process_env, warnings);
  if (std::optional<std::string> error = parser.Parse(text)) {
    return MakeError("failed to read " + std::string(path) + ": " + *error);
  }
  return parser.TakeValues();
}

}  // namespace drydock::project
