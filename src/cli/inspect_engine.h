// Reading an image by name from the engine, for any command that needs an image's files or facts
// (inspect now; lint's base-image facts and check later).
#ifndef DRYDOCK_CLI_INSPECT_ENGINE_H_
#define DRYDOCK_CLI_INSPECT_ENGINE_H_

#include <string>

#include "image/image.h"

namespace drydock::cli {

// Resolves the engine as the docker CLI does (DOCKER_HOST, context, default socket), checks the
// image exists (Error "<name>: no such file, directory or image (engine at ...)"), and streams
// GET /images/{name}/get into the image reader with `options`.
Result<image::Image> ReadImageFromEngine(const std::string& name, const image::IndexOptions& options);

}  // namespace drydock::cli

#endif  // DRYDOCK_CLI_INSPECT_ENGINE_H_
