#include "build/step_location.h"

#include <vector>

#include "base/go_text.h"

namespace drydock::build {

namespace {

std::string Lower(const std::string& s) {
  std::string out = s;
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::optional<uint32_t> StepLine(const dockerfile::Dockerfile& dockerfile, bool classic,
                                 const std::string& stage, int index) {
  const auto& instructions = dockerfile.instructions;
  if (index < 1) return std::nullopt;
  if (classic) {
    if (static_cast<size_t>(index) > instructions.size()) return std::nullopt;
    return instructions[index - 1].start_line;
  }
  // Stage starts: the indices of the FROM instructions.
  std::vector<size_t> froms;
  for (size_t i = 0; i < instructions.size(); ++i) {
    if (instructions[i].keyword == dockerfile::Keyword::kFrom) froms.push_back(i);
  }
  if (froms.empty()) return std::nullopt;
  size_t chosen = froms.size() - 1;
  if (!stage.empty()) {
    bool found = false;
    for (size_t s = 0; s < froms.size() && !found; ++s) {
      const auto& args = instructions[froms[s]].args;
      bool named = args.size() >= 3 && Lower(args[1].value) == "as";
      if ((named && Lower(args[2].value) == Lower(stage)) ||
          (!named && stage == "stage-" + std::to_string(s))) {
        chosen = s;
        found = true;
      }
    }
    if (!found) return std::nullopt;
  }
  size_t end = chosen + 1 < froms.size() ? froms[chosen + 1] : instructions.size();
  size_t at = froms[chosen] + static_cast<size_t>(index - 1);
  if (at >= end) return std::nullopt;
  return instructions[at].start_line;
}

}  // namespace drydock::build
