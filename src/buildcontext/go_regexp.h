// A small reimplementation of Go's regexp package, for the expressions moby/patternmatcher
// builds from .dockerignore patterns. patternmatcher passes a pattern's `\x` escapes and `[...]`
// classes straight into a Go regexp, so `a\d`, `\bfoo`, `\pL`, `[[:alpha:]]` and `\Q...\E` all
// keep their Go meaning; matching Docker exactly means parsing and matching as Go does.
//
// Supported: Go's syntax under regexp.Compile's flags (Perl: one-line `^`/`$`, `.` never matches
// `\n`, negated classes do), i.e. literals, `.`, `[...]` with ranges, negation, POSIX `[:name:]`,
// `\d\s\w` and their negations, `\pX`/`\PX`/`\p{Xx}` for Go's general categories (Unicode
// 15.0.0, as Go 1.23) and `\p{Any}`, all escapes (`\x41`, `\x{263a}`, octal,
// `\a\f\n\r\t\v`, punctuation), `\A \z \b \B`, `\Q...\E`, groups `(...)` and `(?:...)`, `|`,
// `* + ?` (greedy or lazy, which cannot change whether a match exists) and `{n}`, `{n,}`,
// `{n,m}` with Go's limits (counts up to 1000, "expression too large" past Go's program size).
// Not supported, reported as errors: flag and named groups (unreachable, patternmatcher escapes
// `(`) and script classes such as `\p{Greek}` (reachable: see docs/build-context.md).
#ifndef DRYDOCK_BUILDCONTEXT_GO_REGEXP_H_
#define DRYDOCK_BUILDCONTEXT_GO_REGEXP_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace drydock::buildcontext {

class GoRegexp {
 public:
  // regexp.Compile. A rejected expression gives Go's message, e.g.
  // "error parsing regexp: invalid escape sequence: `\R`".
  static Result<GoRegexp> Compile(std::string_view expr);

  // regexp.MatchString: whether some substring of `text` matches (input decoded as Go does:
  // an invalid byte is U+FFFD). A Pike-VM simulation, so time is O(|text| × program size)
  // whatever the expression: no backtracking, no exponential case.
  bool MatchString(std::string_view text) const;

 private:
  enum class Op { kRune, kAnyNotNL, kSplit, kJump, kBeginText, kEndText, kWordBoundary,
                  kNoWordBoundary, kMatch };
  struct Inst {
    Op op;
    int x = 0;  // kSplit/kJump target; kRune: index of the first range in ranges_.
    int y = 0;  // kSplit second target; kRune: number of ranges.
  };
  friend class GoRegexpCompiler;

  std::vector<Inst> prog_;
  std::vector<std::pair<char32_t, char32_t>> ranges_;  // Sorted, disjoint per instruction.
  bool anchored_ = false;  // Starts with `^`/`\A`: no match can begin after position 0.
};

}  // namespace drydock::buildcontext

#endif  // DRYDOCK_BUILDCONTEXT_GO_REGEXP_H_
