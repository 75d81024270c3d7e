// Go's text primitives, reproduced where BuildKit's results depend on them: UTF-8 decoding
// (an invalid byte decodes to U+FFFD with width 1), unicode.IsSpace, strings.TrimSpace and
// strconv.Quote. Matching these byte for byte is what makes drydock parse as BuildKit does.
#ifndef DRYDOCK_BASE_GO_TEXT_H_
#define DRYDOCK_BASE_GO_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace drydock {

inline constexpr char32_t kRuneError = 0xFFFD;

struct DecodedRune {
  char32_t rune;
  int width;  // Bytes consumed; 1 for an invalid byte.
};

// utf8.DecodeRuneInString(s[pos:]); pos must be < s.size().
DecodedRune DecodeRune(std::string_view s, size_t pos);

// utf8.AppendRune: surrogates and out-of-range values are written as U+FFFD.
void AppendRune(std::string& out, char32_t rune);

// unicode.IsSpace.
bool IsGoSpace(char32_t rune);

// unicode.IsPrint.
bool IsGoPrint(char32_t rune);

// unicode.IsLetter / unicode.IsDigit / unicode.IsNumber (Unicode 15.0.0, as Go 1.23).
bool IsGoLetter(char32_t rune);
bool IsGoDigit(char32_t rune);
bool IsGoNumber(char32_t rune);

// strings.TrimSpace / strings.TrimLeftFunc(s, unicode.IsSpace) / TrimRightFunc.
std::string_view TrimGoSpace(std::string_view s);
std::string_view TrimLeftGoSpace(std::string_view s);
std::string_view TrimRightGoSpace(std::string_view s);

// strings.ToLower: Unicode simple lower-casing; invalid UTF-8 bytes become U+FFFD.
std::string GoToLower(std::string_view s);

// strconv.Quote.
std::string GoQuote(std::string_view s);

// fmt's %q of a []string: ["a" "b"].
std::string GoQuoteList(const std::vector<std::string>& list);

}  // namespace drydock

#endif  // DRYDOCK_BASE_GO_TEXT_H_
