// From a builder's step name back to the Dockerfile line it came from. The engine parses no
// Dockerfile: the caller describes the file's instructions (from its own parse) and this applies
// each builder's numbering, as observed on Docker 20.10 (tests/engine/testdata/*many-instructions*):
//  - classic "Step N/M": N is the position among all instructions of the file, global ARGs
//    before the first FROM included (M shrinks with --target; N does not).
//  - BuildKit "[stage N/M]": N counts, within the stage, only the instructions that make an
//    LLB operation: FROM <image> (not FROM <earlier stage>), RUN, COPY, ADD, WORKDIR. The stage
//    is its AS name (lower case), "stage-K" (0-based position) for an unnamed one, or absent
//    when the file has one stage.
#ifndef DRYDOCK_ENGINE_STEP_LOCATION_H_
#define DRYDOCK_ENGINE_STEP_LOCATION_H_

#include <optional>
#include <string>
#include <vector>

#include "engine/build_events.h"

namespace drydock::engine {

// One instruction of the Dockerfile, in file order.
struct InstructionSite {
  std::string keyword;     // "FROM", "RUN", ... (any case).
  int stage = -1;          // 0-based stage; -1 for ARGs before the first FROM.
  std::string stage_name;  // The stage's AS name; "" when unnamed.
  bool from_stage = false;  // A FROM that names an earlier stage.
  int line = 0;             // 1-based line where the instruction starts.
};

// The line of the instruction `step` names, or nullopt when the name has no index, points
// outside `sites`, or lands on an instruction of another keyword (a Dockerfile that changed
// since the build, or numbering this code does not know).
std::optional<int> LocateStep(const StepName& step, BuilderKind builder,
                              const std::vector<InstructionSite>& sites);

}  // namespace drydock::engine

#endif  // DRYDOCK_ENGINE_STEP_LOCATION_H_
