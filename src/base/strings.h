// Small string helpers over string_view used across modules.
#ifndef DRYDOCK_BASE_STRINGS_H_
#define DRYDOCK_BASE_STRINGS_H_

#include <string>
#include <string_view>
#include <vector>

namespace drydock {

std::string ToLowerAscii(std::string_view s);
std::string ToUpperAscii(std::string_view s);
bool EqualsIgnoreCaseAscii(std::string_view a, std::string_view b);
// Whether `needle` occurs in `haystack`, ASCII letters compared without case.
bool ContainsIgnoreCaseAscii(std::string_view haystack, std::string_view needle);
std::string_view TrimAsciiSpace(std::string_view s);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
// True for valid UTF-8 (no overlongs, no surrogates, at most U+10FFFF).
bool IsValidUtf8(std::string_view s);
// Levenshtein distance, for "did you mean" suggestions.
size_t EditDistance(std::string_view a, std::string_view b);
// The candidate closest to `word` within a small distance, or empty when none is close.
std::string SuggestClosest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace drydock

#endif  // DRYDOCK_BASE_STRINGS_H_
