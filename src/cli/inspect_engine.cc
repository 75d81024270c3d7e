// The bridge from an image name to the image reader. Until the engine client is linked, names
// are not supported.
#include <string>

#include "image/image.h"

namespace drydock::cli {

Result<image::Image> ReadImageFromEngine(const std::string& name, const image::IndexOptions&) {
  return MakeError(name + ": no such file or directory (reading images by name needs the engine client)");
}

}  // namespace drydock::cli
