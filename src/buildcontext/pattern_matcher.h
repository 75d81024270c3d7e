// .dockerignore patterns compiled and matched exactly as moby/patternmatcher v0.6.1 does (the
// matcher behind the docker CLI, the daemon and BuildKit's fsutil), quirks included: a pattern
// is a glob translated into a Go regexp in which `\x` keeps its regexp meaning (`a\d` matches
// `a5`), `^` is not escaped, `**` means "any number of directories", and a pattern excludes a
// path when it matches the path or one of its ancestors. See docs/build-context.md.
#ifndef DRYDOCK_BUILDCONTEXT_PATTERN_MATCHER_H_
#define DRYDOCK_BUILDCONTEXT_PATTERN_MATCHER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "buildcontext/go_regexp.h"

namespace drydock::buildcontext {

// filepath.ErrBadPattern's text: the error every rejected or failing pattern reports.
inline constexpr std::string_view kBadPatternMessage = "syntax error in pattern";

// How patternmatcher decides a pattern matches, chosen from every character in it.
enum class MatchType {
  kExact,   // No glob character: path == pattern.
  kPrefix,  // `dir/**` (and `x**`): the path starts with the part before `**`.
  kSuffix,  // Starts with `**` and has no other glob: the path ends with the rest (and
            // `**/foo` matches `foo` itself).
  kRegexp,  // Anything else: the translated Go regexp.
};

// What Pattern.compile makes of a cleaned pattern (without its `!`): the match type, the Go
// regexp source for kRegexp (empty otherwise), and whether Go's regexp.Compile accepted it.
struct CompiledPattern {
  MatchType type = MatchType::kExact;
  std::string regexp;
  std::string compile_error;  // Go's "error parsing regexp: ..." text; empty when it compiled.
};
CompiledPattern CompilePattern(std::string_view cleaned);

// Whether Go's filepath.Match(pattern, ".") reports ErrBadPattern: the only check New does, so
// `[z-a]` and `\x` escapes pass here and fail (or not) when first matched.
bool IsBadGlob(std::string_view pattern);

// One pattern of a matcher. Compiling happens once, in New; a compile failure is reported by
// Match, so a bad pattern that is never evaluated never errors (as in Go, where compiling is
// lazy).
class Pattern {
 public:
  Pattern(std::string cleaned, bool exclusion);

  // The pattern as New cleaned it, without the leading `!` (Pattern.String()).
  const std::string& text() const { return text_; }
  // A `!` exception: re-includes what earlier patterns excluded.
  bool exclusion() const { return exclusion_; }
  // The pattern's `/`-separated parts, as the deprecated Matches compares them.
  size_t component_count() const { return component_count_; }
  const CompiledPattern& compiled() const { return compiled_; }

  // Pattern.match: does the pattern match this exact path (no ancestor logic)? Fails with
  // kBadPatternMessage when the translated regexp does not compile.
  Result<bool> Match(std::string_view path) const;

 private:
  std::string text_;
  bool exclusion_;
  size_t component_count_;
  CompiledPattern compiled_;
  std::shared_ptr<const GoRegexp> regexp_;  // Null unless type is kRegexp and it compiled.
};

// Per-pattern results for a directory, handed to its children by walkers
// (patternmatcher.MatchInfo). Empty means "no information": the path is then matched against
// its ancestors directly.
struct MatchInfo {
  std::vector<bool> parent_matched;
};

// patternmatcher.PatternMatcher. Patterns apply in order: an ordinary pattern is evaluated only
// while the path is not (yet) excluded, an exception only while it is.
class PatternMatcher {
 public:
  // patternmatcher.New: trims and cleans each pattern, drops empty ones, and fails with
  // `illegal exclusion pattern: "!"` for a lone `!` or kBadPatternMessage when filepath.Match
  // rejects a pattern.
  static Result<PatternMatcher> New(const std::vector<std::string>& patterns);

  // MatchesOrParentMatches: true when the path is excluded, checking each pattern against the
  // path and then every ancestor. The function the daemon and fsutil's Open use.
  Result<bool> MatchesOrParentMatches(std::string_view file) const;

  // The deprecated Matches, which docker/cli's TrimBuildFilesFromExcludes still uses: it only
  // tries the one ancestor with as many components as the pattern, so `**/c` misses
  // `a/b/c/Dockerfile`.
  Result<bool> Matches(std::string_view file) const;

  // MatchesUsingParentResults: what both walkers compute for each entry, reusing the parent
  // directory's per-pattern results (`parent`, empty at the top) and filling `*info` for the
  // entry's children. It never re-checks ancestors for a pattern skipped at the parent, so it
  // can disagree with MatchesOrParentMatches (`a`, `!a/b`, `a` keeps `a/b/c`).
  Result<bool> MatchesUsingParentResults(std::string_view file, const MatchInfo& parent,
                                         MatchInfo* info) const;

  // Whether any pattern is a `!` exception.
  bool exclusions() const { return exclusions_; }
  const std::vector<Pattern>& patterns() const { return patterns_; }

 private:
  std::vector<Pattern> patterns_;
  bool exclusions_ = false;
};

// The package-level patternmatcher.Matches / MatchesOrParentMatches: New, then the method on
// the cleaned path; the context root "." is never excluded.
Result<bool> MatchesPatterns(std::string_view file, const std::vector<std::string>& patterns);
Result<bool> MatchesOrParentMatchesPatterns(std::string_view file,
                                            const std::vector<std::string>& patterns);

}  // namespace drydock::buildcontext

#endif  // DRYDOCK_BUILDCONTEXT_PATTERN_MATCHER_H_
