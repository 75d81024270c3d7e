// Helpers shared by the FROM rules (DD1001, DD1002, DD1005): the values global ARGs take by
// default, and image references split into name, tag and digest. BuildKit expands FROM with
// the ARGs declared before the first FROM plus its own platform ARGs; the stage table applies
// --build-arg values, these helpers tell the rules which parts are known without them.
#ifndef DRYDOCK_LINT_RULES_FROM_IMAGE_H_
#define DRYDOCK_LINT_RULES_FROM_IMAGE_H_

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "base/strings.h"
#include "dockerfile/stage_table.h"
#include "dockerfile/word_expander.h"
#include "lint/lint_context.h"

namespace drydock::lint {

// ARGs BuildKit defines in the global scope itself; their values depend on the builder.
inline bool IsBuiltinPlatformArg(std::string_view name) {
  for (std::string_view builtin : {"BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
                                   "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
                                   "TARGETSTAGE"}) {
    if (name == builtin) return true;
  }
  return false;
}

inline dockerfile::ExpandOptions FileExpandOptions(const LintContext& context) {
  dockerfile::ExpandOptions options;
  options.escape = context.dockerfile().escape;
  return options;
}

// The global ARGs with their default values (no --build-arg), as BuildKit's
// validateBaseImagesWithDefaultArgs sees them. Declared ARGs without a default stay unset.
inline dockerfile::ExpansionEnv GlobalArgDefaults(const LintContext& context) {
  dockerfile::ExpansionEnv env;
  for (const dockerfile::ArgDecl& arg : context.stages().global_args) {
    if (!arg.default_value) continue;
    auto value = dockerfile::ExpandWord(*arg.default_value, env, FileExpandOptions(context));
    if (value.ok()) env.Set(arg.name, value->value);
  }
  return env;
}

struct ImageRef {
  std::string name;    // Registry and repository: "ghcr.io/org/app", "debian".
  std::optional<std::string> tag;
  std::optional<std::string> digest;
};

inline ImageRef SplitImageRef(std::string_view text) {
  ImageRef ref;
  if (size_t at = text.find('@'); at != std::string_view::npos) {
    ref.digest = std::string(text.substr(at + 1));
    text = text.substr(0, at);
  }
  size_t slash = text.rfind('/');
  size_t colon = text.rfind(':');
  // A colon before the last slash is a registry port, not a tag.
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    ref.tag = std::string(text.substr(colon + 1));
    text = text.substr(0, colon);
  }
  ref.name = std::string(text);
  return ref;
}

// The image a stage's FROM names, when it is an image (not scratch, not a stage) and its text
// is known: literal, or built only from ARGs that have values. nullopt otherwise.
inline std::optional<std::string> KnownBaseImage(const LintContext& context,
                                                 const dockerfile::Stage& stage,
                                                 const dockerfile::ExpansionEnv& defaults) {
  if (stage.base.kind != dockerfile::StageRef::Kind::kImage || stage.base.text.empty()) {
    return std::nullopt;
  }
  // An image the same project builds is pinned by the build itself, not by its tag.
  size_t index = static_cast<size_t>(&stage - context.stages().stages.data());
  if (index < context.ledger().stage_count() &&
      context.ledger().AtEnd(index).origin == BaseOrigin::kProjectTarget) {
    return std::nullopt;
  }
  std::optional<dockerfile::FromArgs> from = dockerfile::AsFrom(*stage.from);
  if (!from) return std::nullopt;
  auto expanded = dockerfile::ExpandWord(from->image->value, defaults, FileExpandOptions(context));
  if (!expanded.ok()) return std::nullopt;
  // With an unset ARG the name is only known when a --build-arg changed the result.
  if (!expanded->unmatched.empty() && expanded->value == stage.base.text) return std::nullopt;
  // BuildKit matches stage names case-insensitively in places; a base that spells a stage
  // name in another case is a stage reference gone wrong, not an untagged image.
  std::string lowered = ToLowerAscii(stage.base.text);
  for (const dockerfile::Stage& other : context.stages().stages) {
    if (!other.name.empty() && other.name == lowered) return std::nullopt;
  }
  return stage.base.text;
}

}  // namespace drydock::lint

#endif  // DRYDOCK_LINT_RULES_FROM_IMAGE_H_
