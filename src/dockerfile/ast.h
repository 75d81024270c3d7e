// The syntax tree of one Dockerfile, as BuildKit's parser sees it, with source spans.
//
// An Instruction keeps BuildKit's view of its arguments (`args`, the values of the parser's
// Next chain) so that Dump() reproduces BuildKit byte for byte, and adds what BuildKit drops:
// the span of the keyword, of each flag and of each argument. Typed accessors for individual
// instructions live in instructions.h; the stage structure in stage_table.h.
#ifndef DRYDOCK_DOCKERFILE_AST_H_
#define DRYDOCK_DOCKERFILE_AST_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/source_file.h"

namespace drydock::dockerfile {

// The instructions BuildKit dispatches; kUnknown for any other keyword (which BuildKit's parser
// accepts and its builder rejects).
enum class Keyword {
  kUnknown,
  kAdd,
  kArg,
  kCmd,
  kCopy,
  kEntrypoint,
  kEnv,
  kExpose,
  kFrom,
  kHealthcheck,
  kLabel,
  kMaintainer,
  kOnbuild,
  kRun,
  kShell,
  kStopsignal,
  kUser,
  kVolume,
  kWorkdir,
};

// Case-insensitive lookup; kUnknown when `word` is no instruction.
Keyword KeywordFromString(std::string_view word);
// Upper-case canonical spelling ("FROM"); "" for kUnknown.
std::string_view KeywordName(Keyword keyword);
// Every canonical spelling, for "did you mean" suggestions.
const std::vector<std::string>& AllKeywordNames();

// A string with the source bytes it came from. For text joined from continuation lines the
// span runs from its first to its last source byte.
struct Word {
  std::string value;
  Span span;
};

// A `--name=value` flag as BuildKit extracts it (quotes and escapes processed).
struct Flag {
  std::string text;  // Whole flag without the leading "--" removed: "--from=build".
  Span span;

  // "from" for "--from=build"; the text after "--" up to '='.
  std::string_view name() const;
  // "build" for "--from=build"; nullopt for a bare "--link".
  std::optional<std::string_view> value() const;
};

// A here-document attached to RUN, COPY or ADD (BuildKit's parser.Heredoc).
struct Heredoc {
  std::string name;     // Delimiter after quote removal.
  std::string content;  // Body as read: newlines and CRs kept, leading tabs kept even if chomp.
  bool expand = true;   // False when any part of the delimiter was quoted.
  bool chomp = false;   // `<<-`: leading tabs are stripped when used.
  uint64_t fd = 0;      // The number before `<<`, 0 when absent.
  Span body_span;       // The body lines, without the terminator line.
};

// One instruction (BuildKit's top-level Node).
struct Instruction {
  Keyword keyword = Keyword::kUnknown;
  std::string keyword_text;  // As written ("run", "RUN"); BuildKit's Node.Value.
  Span keyword_span;
  Span span;                 // First byte of the instruction to the end of its last line.
  uint32_t start_line = 0;   // 1-based physical lines, heredoc bodies included.
  uint32_t end_line = 0;
  std::string original;      // The logical line after continuation joining.
  std::vector<Flag> flags;
  // BuildKit's argument chain: whitespace-split or JSON words; for ENV and LABEL triples of
  // (key, value, "=" or ""); for HEALTHCHECK the type word then the command; for ARG the
  // `name[=value]` words. Unknown instructions have one empty argument, as in BuildKit.
  std::vector<Word> args;
  bool json = false;                   // Exec (JSON array) form.
  std::unique_ptr<Instruction> child;  // ONBUILD's target instruction.
  std::vector<Heredoc> heredocs;
  std::vector<std::string> comments;   // Comment lines directly above (BuildKit's PrevComment).
};

// A parser directive before the first instruction: `# syntax=...`, `# escape=...`, `# check=...`.
struct Directive {
  std::string name;   // Lower-cased key.
  std::string value;  // Whole value.
  Span span;          // The directive line.
};

// A problem BuildKit's parser would reject the file for. `buildkit_lines` are the line numbers
// BuildKit's LocationError reports (sometimes the count of lines read before the problem);
// `span` is where the problem really is.
struct SyntaxError {
  std::string message;
  Span span;
  std::vector<uint32_t> buildkit_lines;
};

// A problem BuildKit's parser reports as a warning (an empty continuation line).
struct SyntaxWarning {
  std::string message;
  Span span;
  uint32_t line = 0;  // The last physical line of the instruction, as BuildKit reports it.
};

// A parsed Dockerfile. `file` is not owned and must outlive it.
struct Dockerfile {
  const SourceFile* file = nullptr;
  char escape = '\\';
  std::vector<Directive> directives;
  std::vector<Instruction> instructions;
  std::vector<SyntaxError> errors;  // In source order; the first is the one BuildKit reports.
  std::vector<SyntaxWarning> warnings;

  bool ok() const { return errors.empty(); }
  const Directive* FindDirective(std::string_view name) const;
};

}  // namespace drydock::dockerfile

#endif  // DRYDOCK_DOCKERFILE_AST_H_
