// Renders an image for `drydock inspect`: config, layers (with the instruction that made each
// and its added / changed / deleted counts), largest files and wasted bytes, as text or JSON
// (schema in docs/image.md). `layer` lists one layer's changes; `path` shows one path's story.
#ifndef DRYDOCK_CLI_INSPECT_OUTPUT_H_
#define DRYDOCK_CLI_INSPECT_OUTPUT_H_

#include <optional>
#include <string>

#include "image/image.h"

namespace drydock::cli {

struct InspectView {
  std::optional<int> layer;      // --layer N
  std::optional<std::string> path;  // --path P (normalised by the renderer)
  size_t top = 10;               // Rows of the largest-files and wasted tables.
};

std::string InspectToText(const image::Image& image, const InspectView& view);
std::string InspectToJson(const image::Image& image, const InspectView& view);

// Bytes for people: "532 B", "1.5 KiB", "203.8 MiB".
std::string HumanBytes(uint64_t bytes);

}  // namespace drydock::cli

#endif  // DRYDOCK_CLI_INSPECT_OUTPUT_H_
