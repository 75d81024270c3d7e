#include "buildcontext/pattern_matcher.h"

#include <algorithm>

#include "base/file_system.h"
#include "base/go_text.h"

namespace drydock::buildcontext {

namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The characters patternmatcher escapes. It means to escape `.+()|{}$`, but its bitmap keeps
// bit c/8 of a byte, which is lost for c >= 64: `|`, `{` and `}` reach the regexp unescaped
// (so `*{b,c}` is `^[^/]*{b,c}$` and `a|b*` is an alternation).
bool ShouldEscape(char32_t c) {
  return c == '.' || c == '+' || c == '(' || c == ')' || c == '$';
}

// filepath.Dir: the cleaned path up to the last `/`, "." when there is none.
std::string GoDir(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  return CleanPath(std::string(path.substr(0, slash + 1)));
}

// strings.Split(s, "/"): always at least one element.
std::vector<std::string> SplitSlash(std::string_view s) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t slash = s.find('/', start);
    if (slash == std::string_view::npos) {
      parts.emplace_back(s.substr(start));
      return parts;
    }
    parts.emplace_back(s.substr(start, slash - start));
    start = slash + 1;
  }
}

std::string JoinFirst(const std::vector<std::string>& parts, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    if (i) out += '/';
    out += parts[i];
  }
  return out;
}

// Whether `pattern` matches some ancestor of a path whose parent directory is `parent` (already
// split): every prefix of the parent's components, shortest first. A failing match counts as
// no match, as Go discards that error.
bool AnyAncestorMatches(const Pattern& pattern, const std::string& parent,
                        const std::vector<std::string>& parent_parts) {
  if (parent == ".") return false;
  for (size_t i = 0; i < parent_parts.size(); ++i) {
    Result<bool> m = pattern.Match(JoinFirst(parent_parts, i + 1));
    if (m.ok() && *m) return true;
  }
  return false;
}

// filepath.getEsc: reads one class character (possibly `\`-escaped), which must be followed by
// more of the pattern.
bool GlobClassChar(std::string_view& chunk, char32_t* r) {
  if (chunk.empty() || chunk[0] == '-' || chunk[0] == ']') return false;
  if (chunk[0] == '\\') {
    chunk.remove_prefix(1);
    if (chunk.empty()) return false;
  }
  DecodedRune d = DecodeRune(chunk, 0);
  *r = d.rune;
  if (d.rune == kRuneError && d.width == 1) return false;
  chunk.remove_prefix(static_cast<size_t>(d.width));
  return !chunk.empty();
}

struct ChunkMatch {
  bool ok = false;
  bool bad = false;  // ErrBadPattern.
  std::string_view rest;
};

// filepath.matchChunk: does the star-free `chunk` match a prefix of `s`? Once the match has
// failed it keeps reading the chunk, so a malformed chunk is reported whatever `s` is.
ChunkMatch MatchGlobChunk(std::string_view chunk, std::string_view s) {
  bool failed = false;
  while (!chunk.empty()) {
    if (!failed && s.empty()) failed = true;
    switch (chunk[0]) {
      case '[': {
        char32_t r = 0;
        if (!failed) {
          DecodedRune d = DecodeRune(s, 0);
          r = d.rune;
          s.remove_prefix(static_cast<size_t>(d.width));
        }
        chunk.remove_prefix(1);
        bool negated = false;
        if (!chunk.empty() && chunk[0] == '^') {
          negated = true;
          chunk.remove_prefix(1);
        }
        bool match = false;
        int ranges = 0;
        while (true) {
          if (!chunk.empty() && chunk[0] == ']' && ranges > 0) {
            chunk.remove_prefix(1);
            break;
          }
          char32_t lo = 0;
          if (!GlobClassChar(chunk, &lo)) return {false, true, {}};
          char32_t hi = lo;
          if (chunk[0] == '-') {
            chunk.remove_prefix(1);
            if (!GlobClassChar(chunk, &hi)) return {false, true, {}};
          }
          if (lo <= r && r <= hi) match = true;
          ++ranges;
        }
        if (match == negated) failed = true;
        break;
      }
      case '?':
        if (!failed) {
          if (s[0] == '/') failed = true;
          s.remove_prefix(static_cast<size_t>(DecodeRune(s, 0).width));
        }
        chunk.remove_prefix(1);
        break;
      case '\\':
        chunk.remove_prefix(1);
        if (chunk.empty()) return {false, true, {}};
        [[fallthrough]];
      default:
        if (!failed) {
          if (chunk[0] != s[0]) failed = true;
          s.remove_prefix(1);
        }
        chunk.remove_prefix(1);
        break;
    }
  }
  if (failed) return {};
  return {true, false, s};
}

// filepath.scanChunk: leading stars, then everything up to the next `*` outside a class.
void ScanGlobChunk(std::string_view& pattern, bool* star, std::string_view* chunk) {
  *star = false;
  while (!pattern.empty() && pattern[0] == '*') {
    pattern.remove_prefix(1);
    *star = true;
  }
  bool in_range = false;
  size_t i = 0;
  for (; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\') {
      if (i + 1 < pattern.size()) ++i;
    } else if (c == '[') {
      in_range = true;
    } else if (c == ']') {
      in_range = false;
    } else if (c == '*' && !in_range) {
      break;
    }
  }
  *chunk = pattern.substr(0, i);
  pattern.remove_prefix(i);
}

// filepath.Match, reporting only whether it returns ErrBadPattern. Malformed parts after the
// point where the name stops matching go unnoticed, as in Go.
bool GlobMatchIsBad(std::string_view pattern, std::string_view name) {
  while (!pattern.empty()) {
    bool star = false;
    std::string_view chunk;
    ScanGlobChunk(pattern, &star, &chunk);
    if (star && chunk.empty()) return false;
    ChunkMatch m = MatchGlobChunk(chunk, name);
    if (m.ok && (m.rest.empty() || !pattern.empty())) {
      name = m.rest;
      continue;
    }
    if (m.bad) return true;
    bool advanced = false;
    if (star) {
      for (size_t i = 0; i < name.size() && name[i] != '/'; ++i) {
        ChunkMatch later = MatchGlobChunk(chunk, name.substr(i + 1));
        if (later.ok) {
          if (pattern.empty() && !later.rest.empty()) continue;
          name = later.rest;
          advanced = true;
          break;
        }
        if (later.bad) return true;
      }
    }
    if (!advanced) return false;
  }
  return false;
}

}  // namespace

bool IsBadGlob(std::string_view pattern) { return GlobMatchIsBad(pattern, "."); }

namespace {

// Pattern.compile's translation, without compiling the regexp.
CompiledPattern Translate(std::string_view cleaned) {
  // text/scanner yields runes (an invalid byte as U+FFFD) and skips a BOM at the very start.
  std::vector<char32_t> runes;
  for (size_t i = 0; i < cleaned.size();) {
    DecodedRune d = DecodeRune(cleaned, i);
    if (!(i == 0 && d.rune == 0xFEFF)) runes.push_back(d.rune);
    i += static_cast<size_t>(d.width);
  }
  CompiledPattern out;
  std::string re = "^";
  MatchType type = MatchType::kExact;
  for (size_t i = 0; i < runes.size(); ++i) {
    char32_t c = runes[i];
    bool first = i == 0;
    if (c == '*') {
      if (i + 1 < runes.size() && runes[i + 1] == '*') {
        ++i;
        if (i + 1 < runes.size() && runes[i + 1] == '/') ++i;  // `**/` is `**`.
        if (i + 1 == runes.size()) {
          if (type == MatchType::kExact) {
            type = MatchType::kPrefix;
          } else {
            re += ".*";
            type = MatchType::kRegexp;
          }
        } else {
          re += "(.*/)?";
          type = MatchType::kRegexp;
        }
        if (first) type = MatchType::kSuffix;
      } else {
        re += "[^/]*";
        type = MatchType::kRegexp;
      }
    } else if (c == '?') {
      re += "[^/]";
      type = MatchType::kRegexp;
    } else if (ShouldEscape(c)) {
      re += '\\';
      AppendRune(re, c);
    } else if (c == '\\') {
      // The next character goes into the regexp escaped, so it keeps any regexp meaning; a
      // trailing `\` stays as it is (New has already rejected it).
      re += '\\';
      if (i + 1 < runes.size()) {
        AppendRune(re, runes[++i]);
        type = MatchType::kRegexp;
      }
    } else if (c == '[' || c == ']') {
      AppendRune(re, c);
      type = MatchType::kRegexp;
    } else {
      AppendRune(re, c);
    }
  }
  out.type = type;
  if (type == MatchType::kRegexp) out.regexp = re + "$";
  return out;
}

}  // namespace

CompiledPattern CompilePattern(std::string_view cleaned) {
  CompiledPattern out = Translate(cleaned);
  if (out.type == MatchType::kRegexp) {
    Result<GoRegexp> compiled = GoRegexp::Compile(out.regexp);
    if (!compiled.ok()) out.compile_error = compiled.error().message;
  }
  return out;
}

Pattern::Pattern(std::string cleaned, bool exclusion)
    : text_(std::move(cleaned)),
      exclusion_(exclusion),
      component_count_(static_cast<size_t>(std::count(text_.begin(), text_.end(), '/')) + 1),
      compiled_(Translate(text_)) {
  if (compiled_.type != MatchType::kRegexp) return;
  Result<GoRegexp> re = GoRegexp::Compile(compiled_.regexp);
  if (re.ok()) {
    regexp_ = std::make_shared<const GoRegexp>(std::move(*re));
  } else {
    compiled_.compile_error = re.error().message;
  }
}

Result<bool> Pattern::Match(std::string_view path) const {
  if (!compiled_.compile_error.empty()) return MakeError(std::string(kBadPatternMessage));
  switch (compiled_.type) {
    case MatchType::kExact:
      return path == text_;
    case MatchType::kPrefix:
      return StartsWith(path, std::string_view(text_).substr(0, text_.size() - 2));
    case MatchType::kSuffix: {
      std::string_view suffix = std::string_view(text_).substr(2);
      if (EndsWith(path, suffix)) return true;
      return suffix[0] == '/' && path == suffix.substr(1);
    }
    case MatchType::kRegexp:
      return regexp_->MatchString(path);
  }
  return false;
}

Result<PatternMatcher> PatternMatcher::New(const std::vector<std::string>& patterns) {
  PatternMatcher pm;
  for (const std::string& raw : patterns) {
    std::string_view trimmed = TrimGoSpace(raw);
    if (trimmed.empty()) continue;
    std::string p = CleanPath(std::string(trimmed));
    bool exclusion = false;
    if (p[0] == '!') {
      if (p.size() == 1) return MakeError("illegal exclusion pattern: \"!\"");
      exclusion = true;
      p.erase(0, 1);
      pm.exclusions_ = true;
    }
    if (IsBadGlob(p)) return MakeError(std::string(kBadPatternMessage));
    pm.patterns_.emplace_back(std::move(p), exclusion);
  }
  return pm;
}

Result<bool> PatternMatcher::MatchesOrParentMatches(std::string_view file) const {
  bool matched = false;
  std::string parent = GoDir(file);
  std::vector<std::string> parent_parts = SplitSlash(parent);
  for (const Pattern& pattern : patterns_) {
    if (pattern.exclusion() != matched) continue;
    Result<bool> m = pattern.Match(file);
    if (!m.ok()) return m.error();
    bool match = *m || AnyAncestorMatches(pattern, parent, parent_parts);
    if (match) matched = !pattern.exclusion();
  }
  return matched;
}

Result<bool> PatternMatcher::Matches(std::string_view file) const {
  bool matched = false;
  std::string parent = GoDir(file);
  std::vector<std::string> parent_parts = SplitSlash(parent);
  for (const Pattern& pattern : patterns_) {
    if (pattern.exclusion() != matched) continue;
    Result<bool> m = pattern.Match(file);
    if (!m.ok()) return m.error();
    bool match = *m;
    if (!match && parent != "." && pattern.component_count() <= parent_parts.size()) {
      Result<bool> ancestor = pattern.Match(JoinFirst(parent_parts, pattern.component_count()));
      match = ancestor.ok() && *ancestor;
    }
    if (match) matched = !pattern.exclusion();
  }
  return matched;
}

Result<bool> PatternMatcher::MatchesUsingParentResults(std::string_view file,
                                                       const MatchInfo& parent,
                                                       MatchInfo* info) const {
  const std::vector<bool>& parent_matched = parent.parent_matched;
  if (!parent_matched.empty() && parent_matched.size() != patterns_.size()) {
    return MakeError("wrong number of values in parentMatched");
  }
  bool matched = false;
  std::vector<bool> results(patterns_.size(), false);
  std::string parent_dir;
  std::vector<std::string> parent_parts;
  bool parent_split = false;
  for (size_t i = 0; i < patterns_.size(); ++i) {
    const Pattern& pattern = patterns_[i];
    bool match = !parent_matched.empty() && parent_matched[i];
    if (!match) {
      if (pattern.exclusion() != matched) continue;
      Result<bool> m = pattern.Match(file);
      if (!m.ok()) {
        if (info) info->parent_matched = std::move(results);
        return m.error();
      }
      match = *m;
      if (!match && parent_matched.empty()) {
        if (!parent_split) {
          parent_dir = GoDir(file);
          parent_parts = SplitSlash(parent_dir);
          parent_split = true;
        }
        match = AnyAncestorMatches(pattern, parent_dir, parent_parts);
      }
    }
    results[i] = match;
    if (match) matched = !pattern.exclusion();
  }
  if (info) info->parent_matched = std::move(results);
  return matched;
}

Result<bool> MatchesPatterns(std::string_view file, const std::vector<std::string>& patterns) {
  Result<PatternMatcher> pm = PatternMatcher::New(patterns);
  if (!pm.ok()) return pm.error();
  std::string clean = CleanPath(std::string(file));
  if (clean == ".") return false;
  return pm->Matches(clean);
}

Result<bool> MatchesOrParentMatchesPatterns(std::string_view file,
                                            const std::vector<std::string>& patterns) {
  Result<PatternMatcher> pm = PatternMatcher::New(patterns);
  if (!pm.ok()) return pm.error();
  std::string clean = CleanPath(std::string(file));
  if (clean == ".") return false;
  return pm->MatchesOrParentMatches(clean);
}

}  // namespace drydock::buildcontext
