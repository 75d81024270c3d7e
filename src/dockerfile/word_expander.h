// Word expansion with BuildKit's semantics (frontend/dockerfile/shell/lex.go): `$V`, `${V}`,
// `${V:-w}`, `${V-w}`, `${V:+w}`, `${V+w}`, `${V:?msg}`, `${V?msg}`, `${V#p}`, `${V##p}`,
// `${V%p}`, `${V%%p}`, `${V/p/r}`, `${V//p/r}`, single and double quotes, and the escape
// character (`\` or backtick). This is what the builder applies to the arguments of ENV, ARG,
// LABEL, COPY, ADD, WORKDIR, USER, EXPOSE, FROM, ... before using them.
#ifndef DRYDOCK_DOCKERFILE_WORD_EXPANDER_H_
#define DRYDOCK_DOCKERFILE_WORD_EXPANDER_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace drydock::dockerfile {

// The variables visible to an expansion. Names are case-sensitive (BuildKit on Unix).
// Setting a name again replaces its value, as a later duplicate does in BuildKit.
class ExpansionEnv {
 public:
  ExpansionEnv() = default;
  // Builds from `NAME=VALUE` entries; an entry without `=` defines NAME with an empty value.
  static ExpansionEnv FromList(const std::vector<std::string>& entries);

  void Set(std::string name, std::string value);
  // The value of `name`, or nullopt when it is not set (set-but-empty is "").
  std::optional<std::string_view> Get(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;  // Insertion order, unique names.
};

// The lexer switches BuildKit exposes on shell.Lex; all false is the default lexer.
struct ExpandOptions {
  char escape = '\\';               // '\\' or '`' (the file's escape directive).
  bool skip_unset_env = false;      // Leave `$V` of an unset V as written.
  bool raw_quotes = false;          // Keep quote characters in the output.
  bool raw_escapes = false;         // Keep escape characters in the output.
  bool skip_process_quotes = false; // Treat quotes as ordinary characters.
};

// The result of ProcessWord: the expanded word and the variable names that were looked up,
// split into found and not found; both sorted and without duplicates.
struct ExpandedWord {
  std::string value;
  std::vector<std::string> matched;
  std::vector<std::string> unmatched;
};

// Expands one word as BuildKit's Lex.ProcessWordWithMatches does. On failure the Error's
// message is exactly BuildKit's err.Error(), e.g.
// `failed to process "${X:?}": X: is not allowed to be unset`.
Result<ExpandedWord> ExpandWord(std::string_view input, const ExpansionEnv& env,
                                const ExpandOptions& options = {});

// Expands and splits into words as BuildKit's Lex.ProcessWords does (quotes keep words
// together; unquoted whitespace, including whitespace from a variable's value, splits).
Result<std::vector<std::string>> ExpandWords(std::string_view input, const ExpansionEnv& env,
                                             const ExpandOptions& options = {});

}  // namespace drydock::dockerfile

#endif  // DRYDOCK_DOCKERFILE_WORD_EXPANDER_H_
