// Heredoc detection on a RUN/COPY/ADD line, as BuildKit decides it: a shell word of the form
// `[fd]<<[-]DELIM` whose delimiter, after quote removal, is one word.
#ifndef DRYDOCK_DOCKERFILE_HEREDOC_H_
#define DRYDOCK_DOCKERFILE_HEREDOC_H_

#include <string_view>
#include <vector>

#include "base/result.h"
#include "dockerfile/ast.h"

namespace drydock::dockerfile {

// The heredocs a logical line opens, in order, with empty content. An Error carries the word
// lexer's message when a delimiter cannot be lexed.
Result<std::vector<Heredoc>> HeredocsFromLine(std::string_view line);

// Parses one word such as `<<-"EOF"`: one heredoc, or none when the word opens no heredoc.
Result<std::vector<Heredoc>> ParseHeredocWord(std::string_view word);

// Strips the leading tabs of every line, as the builder does for `<<-` bodies.
std::string ChompHeredocContent(std::string_view content);

}  // namespace drydock::dockerfile

#endif  // DRYDOCK_DOCKERFILE_HEREDOC_H_
