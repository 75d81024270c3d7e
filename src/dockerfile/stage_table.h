// The stages of one Dockerfile and how they refer to each other: global ARGs (before the first
// FROM), each stage's name, index and base (an image, an earlier stage or scratch) after ARG
// expansion, the stages and images its COPY --from / RUN --mount from= name, and --target
// resolution. Follows BuildKit's dockerfile2llb rules for names and lookups.
#ifndef DRYDOCK_DOCKERFILE_STAGE_TABLE_H_
#define DRYDOCK_DOCKERFILE_STAGE_TABLE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "dockerfile/ast.h"
#include "dockerfile/instructions.h"
#include "dockerfile/word_expander.h"

namespace drydock::dockerfile {

// A reference from an instruction to another stage or to an image.
struct StageRef {
  enum class Kind { kStage, kImage, kScratch };
  Kind kind = Kind::kImage;
  std::string text;                // As written, after expansion where BuildKit expands.
  std::optional<size_t> stage;     // For kStage: the stage index.
  const Instruction* instruction = nullptr;
  Span span;
};

struct Stage {
  size_t index = 0;
  std::string name;   // Lower-cased `AS` name; empty when unnamed.
  const Instruction* from = nullptr;
  StageRef base;      // What FROM names, with global ARGs expanded.
  std::optional<std::string> platform;  // --platform, expanded.
  std::vector<const Instruction*> instructions;  // After FROM, in order.
  std::vector<StageRef> copies_from;   // COPY --from=... and RUN --mount=from=...

  // BuildKit's display name: the AS name, or "stage-N".
  std::string DisplayName() const;
};

struct StageTable {
  std::vector<ArgDecl> global_args;  // ARGs before the first FROM.
  std::vector<Stage> stages;
  std::vector<SemanticError> errors;  // Instruction checks and reference problems, in order.

  // A stage by `AS` name (case-insensitive) or decimal index.
  std::optional<size_t> Find(std::string_view name_or_index) const;
  // `--target` resolution: the named stage, or the last one when `target` is empty. The
  // error says "target stage "x" could not be found" with a suggestion.
  Result<size_t> ResolveTarget(std::string_view target) const;
};

// Builds the table. `build_args` override global ARG defaults (only declared ARGs are used).
// The automatic platform ARGs (BUILDPLATFORM, BUILDOS, BUILDARCH, BUILDVARIANT, TARGETPLATFORM,
// TARGETOS, TARGETARCH, TARGETVARIANT) are defined for FROM as BuildKit defines them: this
// machine's platform, unless `build_args` sets them (TARGETPLATFORM=linux/arm64 for
// `--platform`; its parts fill TARGETOS, TARGETARCH, TARGETVARIANT).
StageTable BuildStageTable(const Dockerfile& dockerfile, const ExpansionEnv& build_args = {});

}  // namespace drydock::dockerfile

#endif  // DRYDOCK_DOCKERFILE_STAGE_TABLE_H_
