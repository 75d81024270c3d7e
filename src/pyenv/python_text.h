// Python's notion of whitespace (str.isspace / the `\s` of a str regex), which packaging's
// parsers strip around versions, specifiers and markers. Internal to pyenv.
#ifndef DRYDOCK_PYENV_PYTHON_TEXT_H_
#define DRYDOCK_PYENV_PYTHON_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace drydock::pyenv {

// Width in bytes of the Python whitespace character starting at s[pos] (UTF-8), 0 if none.
size_t PythonSpaceAt(std::string_view s, size_t pos);
// Strips leading and trailing Python whitespace.
std::string_view TrimPythonSpace(std::string_view s);
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
// One character for a message: printable ASCII as is, others as \xNN / U+XXXX.
std::string DescribeChar(std::string_view s, size_t pos);

}  // namespace drydock::pyenv

#endif  // DRYDOCK_PYENV_PYTHON_TEXT_H_
