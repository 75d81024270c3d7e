#include "engine/build_events.h"

#include <vector>

namespace drydock::engine {
namespace {

// "12/34" -> (12, 34).
bool ParseFraction(std::string_view text, int* index, int* total) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == text.size()) return false;
  auto parse = [](std::string_view digits, int* out) {
    if (digits.empty() || digits.size() > 6) return false;
    int v = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
  };
  return parse(text.substr(0, slash), index) && parse(text.substr(slash + 1), total);
}

std::vector<std::string_view> SplitSpaces(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

std::optional<int> ParseDigitsAfter(std::string_view message, std::string_view marker) {
  size_t at = message.rfind(marker);
  if (at == std::string_view::npos) return std::nullopt;
  size_t i = at + marker.size();
  int v = 0;
  size_t start = i;
  while (i < message.size() && message[i] >= '0' && message[i] <= '9' && i - start < 9) {
    v = v * 10 + (message[i] - '0');
    ++i;
  }
  if (i == start) return std::nullopt;
  return v;
}

}  // namespace

StepName ParseStepName(std::string_view name) {
  StepName out;
  if (name.starts_with("Step ")) {
    size_t sep = name.find(" : ");
    if (sep != std::string_view::npos && ParseFraction(name.substr(5, sep - 5), &out.index,
                                                       &out.total)) {
      out.instruction = std::string(name.substr(sep + 3));
      return out;
    }
  }
  if (name.starts_with("[")) {
    size_t close = name.find(']');
    if (close != std::string_view::npos) {
      std::vector<std::string_view> words = SplitSpaces(name.substr(1, close - 1));
      std::string_view rest = name.substr(close + 1);
      if (rest.starts_with(" ")) rest.remove_prefix(1);
      out.instruction = std::string(rest);
      if (!words.empty() && ParseFraction(words.back(), &out.index, &out.total)) {
        // Before N/M: the stage name, and before that a platform when BuildKit adds one.
        if (words.size() >= 2) out.stage = std::string(words[words.size() - 2]);
        return out;
      }
      out.index = out.total = 0;
      out.internal = true;
      return out;
    }
  }
  out.instruction = std::string(name);
  out.internal = true;
  return out;
}

std::optional<int> ExitCodeFromMessage(std::string_view message) {
  if (auto code = ParseDigitsAfter(message, "exit code: ")) return code;
  return ParseDigitsAfter(message, "returned a non-zero code: ");
}

}  // namespace drydock::engine
