// Which Dockerfile line a builder's step number means, so a failure names `path:line`.
#ifndef DRYDOCK_BUILD_STEP_LOCATION_H_
#define DRYDOCK_BUILD_STEP_LOCATION_H_

#include <cstdint>
#include <optional>
#include <string>

#include "dockerfile/ast.h"

namespace drydock::build {

// The 1-based first line of the instruction a step names, or nullopt.
//  - classic ("Step 3/7"): `index` counts every instruction of the file (global ARGs too);
//  - BuildKit ("[builder 2/5]"): `index` counts within the stage, its FROM being 1; `stage`
//    is the stage's AS name, BuildKit's "stage-N" (N from 0) for an unnamed one, or empty for
//    the last stage.
std::optional<uint32_t> StepLine(const dockerfile::Dockerfile& dockerfile, bool classic,
                                 const std::string& stage, int index);

}  // namespace drydock::build

#endif  // DRYDOCK_BUILD_STEP_LOCATION_H_
