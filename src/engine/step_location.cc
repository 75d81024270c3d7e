#include "engine/step_location.h"

#include "base/strings.h"

namespace drydock::engine {
namespace {

std::string FirstWord(const std::string& text) {
  size_t end = text.find_first_of(" \t");
  return ToUpperAscii(text.substr(0, end));
}

bool MakesBuildKitStep(const InstructionSite& site) {
  std::string k = ToUpperAscii(site.keyword);
  if (k == "FROM") return !site.from_stage;
  return k == "RUN" || k == "COPY" || k == "ADD" || k == "WORKDIR";
}

std::optional<int> BuildKitStage(const StepName& step, const std::vector<InstructionSite>& sites) {
  int stages = 0;
  for (const InstructionSite& s : sites) stages = std::max(stages, s.stage + 1);
  if (step.stage.empty()) {
    if (stages == 1) return 0;
    return std::nullopt;
  }
  for (const InstructionSite& s : sites) {
    if (!s.stage_name.empty() && EqualsIgnoreCaseAscii(s.stage_name, step.stage)) return s.stage;
  }
  if (step.stage.starts_with("stage-") && step.stage.size() > 6) {
    int k = 0;
    for (char c : step.stage.substr(6)) {
      if (c < '0' || c > '9' || k > 100000) return std::nullopt;
      k = k * 10 + (c - '0');
    }
    if (k < stages) return k;
  }
  return std::nullopt;
}

}  // namespace

std::optional<int> LocateStep(const StepName& step, BuilderKind builder,
                              const std::vector<InstructionSite>& sites) {
  if (step.internal || step.index <= 0) return std::nullopt;
  const InstructionSite* found = nullptr;
  if (builder == BuilderKind::kClassic) {
    if (static_cast<size_t>(step.index) > sites.size()) return std::nullopt;
    found = &sites[static_cast<size_t>(step.index) - 1];
  } else {
    std::optional<int> stage = BuildKitStage(step, sites);
    if (!stage) return std::nullopt;
    int n = 0;
    for (const InstructionSite& s : sites) {
      if (s.stage == *stage && MakesBuildKitStep(s) && ++n == step.index) {
        found = &s;
        break;
      }
    }
    if (found == nullptr) return std::nullopt;
  }
  if (FirstWord(step.instruction) != ToUpperAscii(found->keyword)) return std::nullopt;
  return found->line;
}

}  // namespace drydock::engine
