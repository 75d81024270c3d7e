// Parser directives (`# syntax=`, `# escape=`, `# check=`): the comment lines BuildKit reads
// before the first instruction, with its quirks (any key case, spaces around `=`, a repeated
// directive is an error, the first other line ends the block).
#ifndef DRYDOCK_DOCKERFILE_DIRECTIVES_H_
#define DRYDOCK_DOCKERFILE_DIRECTIVES_H_

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "base/result.h"

namespace drydock::dockerfile {

struct ParsedDirective {
  std::string name;   // Lower-cased: "syntax", "escape" or "check".
  std::string value;  // Everything after `=`, trailing white space removed.
  uint32_t line = 0;  // 1-based count of lines offered to the parser so far.
  uint32_t value_offset = 0;  // Where the value starts within the line given to ParseLine.
};

// Reads directive lines one at a time (BuildKit's DirectiveParser). Once a line is not a known
// directive, every later line is ignored.
class DirectiveParser {
 public:
  explicit DirectiveParser(std::string_view comment_prefix = "#", uint32_t first_line = 0)
      : prefix_(comment_prefix), line_(first_line) {}

  // Offers one line (without its line terminator). Returns the directive it holds, nothing,
  // or an Error for a repeated directive ("only one escape parser directive can be used").
  Result<std::optional<ParsedDirective>> ParseLine(std::string_view line);
  bool done() const { return done_; }

 private:
  std::string prefix_;
  uint32_t line_;
  bool done_ = false;
  std::set<std::string> seen_;
};

// What BuildKit's parser.ParseDirective(key, data) and DetectSyntax(data) return: the value up
// to the first space, the whole value, and the line. DetectSyntax also accepts `// key=` lines
// and a JSON object `{"syntax": "..."}`; both skip a leading `#!` line and a UTF-8 BOM.
struct DirectiveLookup {
  std::string value;
  std::string cmdline;
  uint32_t line = 0;
};
std::optional<DirectiveLookup> FindDirective(std::string_view key, std::string_view data);
std::optional<DirectiveLookup> DetectSyntax(std::string_view data);

}  // namespace drydock::dockerfile

#endif  // DRYDOCK_DOCKERFILE_DIRECTIVES_H_
