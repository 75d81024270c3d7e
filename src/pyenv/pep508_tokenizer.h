// The token rules of packaging's _tokenizer.DEFAULT_RULES that markers and requirements share,
// with its error style ("Expected ..." at a position). Internal to pyenv.
#ifndef DRYDOCK_PYENV_PEP508_TOKENIZER_H_
#define DRYDOCK_PYENV_PEP508_TOKENIZER_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace drydock::pyenv {

// Python's `\b` at `pos` of `s` (Unicode word characters: letters, numbers, '_').
bool WordBoundaryAt(std::string_view s, size_t pos);

struct Pep508Cursor {
  std::string_view source;
  size_t pos = 0;
  std::string error;  // First syntax error, "Expected ... at position N".
  size_t error_pos = 0;

  bool at_end() const { return pos >= source.size(); }
  bool failed() const { return !error.empty(); }
  void ConsumeWs();                   // [ \t]+
  bool Peek(char c) const { return pos < source.size() && source[pos] == c; }
  // \bword\b at pos (without consuming).
  size_t MatchWord(std::string_view word) const;
  size_t MatchVariable() const;       // VARIABLE rule, length or 0.
  size_t MatchQuotedString() const;   // QUOTED_STRING rule, length or 0.
  size_t MatchIdentifier() const;     // IDENTIFIER rule, length or 0.
  size_t MatchMarkerOp() const;       // OP rule.
  bool Fail(const std::string& message, size_t at);
  bool Fail(const std::string& message) { return Fail(message, pos); }
};

}  // namespace drydock::pyenv

#endif  // DRYDOCK_PYENV_PEP508_TOKENIZER_H_
