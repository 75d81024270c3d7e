#include "project/interpolation.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <utility>

#include "base/go_text.h"

namespace drydock::project {

namespace {

// compose-go matches templates with one regular expression,
//   \$(?i:(?P<escaped>\$)|(?P<named>[_a-z][_a-z0-9]*)|
//        {(?:(?P<braced>[_a-z][_a-z0-9]*(?::?[-+?](.*))?)}|(?P<invalid>)))
// which is hand-matched here: the scanner below makes the same leftmost-first choices without
// a regex engine on the hot path.

// The regex is case-insensitive, and Go folds [a-z] to include the two non-ASCII runes whose
// case orbit reaches an ASCII letter: U+017F (long s) and U+212A (Kelvin sign). Returns the
// byte length of the name rune at `pos`, or 0 when there is none.
size_t NameRuneLength(std::string_view s, size_t pos, bool first) {
  if (pos >= s.size()) return 0;
  const auto c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    return letter || (!first && c >= '0' && c <= '9') ? 1 : 0;
  }
  const DecodedRune d = DecodeRune(s, pos);
  return d.rune == 0x17F || d.rune == 0x212A ? d.width : 0;
}

// Byte length of the [_a-z][_a-z0-9]* name starting at `pos` (0 when none starts there).
size_t NameLength(std::string_view s, size_t pos) {
  size_t n = NameRuneLength(s, pos, /*first=*/true);
  if (n == 0) return 0;
  size_t end = pos + n;
  while ((n = NameRuneLength(s, end, /*first=*/false)) > 0) end += n;
  return end - pos;
}

enum class MatchKind { kEscaped, kNamed, kBraced, kInvalid };

struct Match {
  MatchKind kind;
  size_t begin;
  size_t end;
  std::string_view group;  // The named or braced group; empty for the other kinds.
};

// The regex match that starts at the `$` at `pos`, if one does.
std::optional<Match> MatchAt(std::string_view s, size_t pos) {
  if (pos + 1 >= s.size()) return std::nullopt;
  const char next = s[pos + 1];
  if (next == '$') return Match{MatchKind::kEscaped, pos, pos + 2, {}};
  if (const size_t n = NameLength(s, pos + 1); n > 0) {
    return Match{MatchKind::kNamed, pos, pos + 1 + n, s.substr(pos + 1, n)};
  }
  if (next != '{') return std::nullopt;
  const Match invalid{MatchKind::kInvalid, pos, pos + 2, {}};
  const size_t name_begin = pos + 2;
  const size_t n = NameLength(s, name_begin);
  if (n == 0) return invalid;
  size_t at = name_begin + n;
  if (at < s.size() && s[at] == '}') {
    return Match{MatchKind::kBraced, pos, at + 1, s.substr(name_begin, n)};
  }
  if (at < s.size() && s[at] == ':') ++at;
  if (at >= s.size() || (s[at] != '-' && s[at] != '+' && s[at] != '?')) return invalid;
  // `(.*)}`: the greedy `.*` stops at a newline, so the group ends at the last `}` before one.
  size_t line_end = s.find('\n', at + 1);
  if (line_end == std::string_view::npos) line_end = s.size();
  const size_t close = s.substr(0, line_end).rfind('}');
  if (close == std::string_view::npos || close <= at) return invalid;
  return Match{MatchKind::kBraced, pos, close + 1, s.substr(name_begin, close - name_begin)};
}

// The leftmost match at or after `pos`, as Go's ReplaceAll and FindAll see them.
std::optional<Match> FindMatch(std::string_view s, size_t pos) {
  while ((pos = s.find('$', pos)) != std::string_view::npos) {
    if (std::optional<Match> m = MatchAt(s, pos)) return m;
    ++pos;
  }
  return std::nullopt;
}

// compose-go's getFirstBraceClosingIndex, quirk included: the byte after every `{` is skipped,
// so `${A:-{}}` does not close at the first `}`. Returns npos when the braces never balance.
size_t FirstBraceClosingIndex(std::string_view s) {
  int open = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '}') {
      --open;
      if (open == 0) return i;
    }
    if (s[i] == '{') {
      ++open;
      ++i;
    }
  }
  return std::string_view::npos;
}

// A braced group split at its operator, which is "", "-", ":-", "+", ":+", "?" or ":?".
struct BracedParts {
  std::string_view name;
  std::string_view op;
  std::string_view argument;
};

BracedParts SplitBraced(std::string_view group) {
  const size_t n = NameLength(group, 0);
  BracedParts parts{group.substr(0, n), {}, {}};
  if (n == group.size()) return parts;
  const size_t op_size = group[n] == ':' ? 2 : 1;
  parts.op = group.substr(n, op_size);
  parts.argument = group.substr(n + op_size);
  return parts;
}

class Substituter {
 public:
  Substituter(const VariableLookup& lookup, std::vector<std::string>* warnings)
      : lookup_(lookup), warnings_(warnings) {}

  // One SubstituteWithOptions call: every match is replaced, and the first error is kept while
  // the remaining matches are still evaluated (their warnings are logged, as upstream's are).
  Result<std::string> Run(std::string_view tmpl) {
    std::string out;
    std::optional<Error> first_error;
    size_t copied = 0;
    size_t pos = 0;
    while (std::optional<Match> m = FindMatch(tmpl, pos)) {
      out.append(tmpl.substr(copied, m->begin - copied));
      Result<std::string> replacement = Replace(tmpl.substr(m->begin, m->end - m->begin), *m);
      if (replacement.ok()) {
        out += replacement.value();
      } else if (!first_error) {
        // An invalid match names the template of the call that found it, so a bad default
        // reports the default's text, not the whole string.
        first_error = m->kind == MatchKind::kInvalid
                          ? MakeError("Invalid template: " + GoQuote(tmpl))
                          : replacement.error();
      }
      pos = copied = m->end;
    }
    if (first_error) return *first_error;
    out.append(tmpl.substr(copied));
    return out;
  }

 private:
  Result<std::string> Replace(std::string_view text, const Match& m) {
    switch (m.kind) {
      case MatchKind::kEscaped:
        return std::string("$");
      case MatchKind::kInvalid:
        return MakeError("");  // Run writes the message: it knows the template.
      case MatchKind::kNamed:
        return LookupOrWarn(m.group);
      case MatchKind::kBraced:
        break;
    }
    // Only the text up to the first balanced `}` is this variable; whatever the greedy `.*`
    // took beyond it is substituted on its own and appended.
    std::string_view rest;
    std::string_view group = m.group;
    if (const size_t close = FirstBraceClosingIndex(text); close != std::string_view::npos) {
      rest = text.substr(close + 1);
      group = text.substr(2, close - 2);
    }
    const BracedParts parts = SplitBraced(group);
    if (parts.op.empty()) return LookupOrWarn(parts.name);

    Result<std::string> value = Apply(parts);
    if (!value.ok()) return value;
    Result<std::string> tail = Run(rest);
    if (!tail.ok()) return tail;
    return std::move(value.value()) + tail.value();
  }

  // The operator's value; defaults and messages are themselves templates, evaluated only when
  // used, so `${A:+${A}}` with A unset warns about nothing.
  Result<std::string> Apply(const BracedParts& parts) {
    const std::optional<std::string> value = lookup_(parts.name);
    const bool colon = parts.op.size() == 2;
    const bool usable = value.has_value() && (!colon || !value->empty());
    switch (parts.op.back()) {
      case '-':
        if (!usable) return Run(parts.argument);
        return *value;
      case '+':
        if (usable) return Run(parts.argument);
        return value.value_or("");
      default: {  // '?'
        if (usable) return *value;
        Result<std::string> reason = Run(parts.argument);
        if (!reason.ok()) return reason;
        std::string message =
            "required variable " + std::string(parts.name) + " is missing a value";
        if (!reason->empty()) message += ": " + reason.value();
        return MakeError(std::move(message));
      }
    }
  }

  std::string LookupOrWarn(std::string_view name) {
    std::optional<std::string> value = lookup_(name);
    if (value) return std::move(*value);
    if (warnings_ != nullptr) {
      warnings_->push_back("warning: The " + GoQuote(name) +
                           " variable is not set. Defaulting to a blank string.");
    }
    return {};
  }

  const VariableLookup& lookup_;
  std::vector<std::string>* warnings_;
};

// compose-go's extractVariable: the variables of one string, in discovery order (later ones
// with the same name win when the caller folds them into a map).
void Extract(std::string_view s, std::vector<TemplateVariable>& out) {
  size_t pos = 0;
  while (std::optional<Match> m = FindMatch(s, pos)) {
    pos = m->end;
    if (m->kind == MatchKind::kEscaped) continue;
    std::string_view val = m->group;
    if (m->kind != MatchKind::kNamed) {
      const std::string_view text = s.substr(m->begin, m->end - m->begin);
      const size_t close = FirstBraceClosingIndex(text);
      if (close != std::string_view::npos && close > 0) {
        val = text.substr(2, close - 2);
        Extract(text.substr(close + 1), out);
      }
    }
    // Upstream splits at the first rune outside ASCII [A-Za-z0-9_] (so a folded U+017F or
    // U+212A ends the name here even though the matcher accepted it).
    size_t split = std::string_view::npos;
    for (size_t i = 0; i < val.size(); ++i) {
      const auto c = static_cast<unsigned char>(val[i]);
      const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_';
      if (!word) {
        split = i;
        break;
      }
    }
    TemplateVariable variable;
    variable.name = std::string(val);
    if (split != std::string_view::npos && split > 0) {
      variable.name = std::string(val.substr(0, split));
      const std::string_view rest = val.substr(split);
      auto starts = [&](std::string_view prefix) {
        return rest.substr(0, prefix.size()) == prefix;
      };
      if (starts(":?") || starts("?")) {
        variable.required = true;
      } else if (starts(":-")) {
        variable.default_value = std::string(rest.substr(2));
      } else if (starts("-")) {
        variable.default_value = std::string(rest.substr(1));
      } else if (starts(":+")) {
        variable.presence_value = std::string(rest.substr(2));
      } else if (starts("+")) {
        variable.presence_value = std::string(rest.substr(1));
      }
    }
    const std::string default_value = variable.default_value.value_or("");
    const std::string presence_value = variable.presence_value.value_or("");
    out.push_back(std::move(variable));
    if (!default_value.empty()) Extract(default_value, out);
    if (!presence_value.empty()) Extract(presence_value, out);
  }
}

}  // namespace

Result<std::string> Substitute(std::string_view tmpl, const VariableLookup& lookup,
                               std::vector<std::string>* warnings) {
  return Substituter(lookup, warnings).Run(tmpl);
}

std::vector<TemplateVariable> ExtractVariables(std::string_view tmpl) {
  std::vector<TemplateVariable> found;
  Extract(tmpl, found);
  // Upstream folds the list into a map keyed by name (the last occurrence wins); the map's
  // order is the byte order of the names.
  std::map<std::string, TemplateVariable> by_name;
  for (TemplateVariable& variable : found) by_name[variable.name] = std::move(variable);
  std::vector<TemplateVariable> sorted;
  sorted.reserve(by_name.size());
  for (auto& entry : by_name) sorted.push_back(std::move(entry.second));
  return sorted;
}

}  // namespace drydock::project
