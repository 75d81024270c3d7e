// Where an image comes from: a path (a save tarball, an OCI layout directory, "-" for stdin) or a
// producer that pushes bytes (the engine's GET /images/{name}/get), bridged into the pull-style
// reader through a pipe and a thread so the archive is never held whole nor written to disk.
#ifndef DRYDOCK_IMAGE_OPEN_IMAGE_H_
#define DRYDOCK_IMAGE_OPEN_IMAGE_H_

#include <functional>
#include <string>
#include <string_view>

#include "image/image.h"

namespace drydock::image {

// True when `spec` names something on this machine's file system ("-", a file, a directory):
// otherwise callers treat it as an image name for the engine.
bool IsImagePath(const std::string& spec);
// "-": stdin (a docker save stream); a directory: an OCI layout; a file: a save/OCI tarball.
Result<Image> OpenImagePath(const std::string& spec, const IndexOptions& options);

// Pushes the archive's bytes into `sink` (which returns false once the reader has stopped) and
// returns how the transfer ended.
using ByteProducer = std::function<Result<void>(const std::function<bool(std::string_view)>& sink)>;
// Runs `produce` on its own thread and reads what it pushes as a docker save stream. A reader
// error wins over the producer's resulting "stopped" error; a producer error after a complete
// archive is still an Error.
Result<Image> ReadImageFromProducer(const ByteProducer& produce, const IndexOptions& options, const std::string& what);

}  // namespace drydock::image

#endif  // DRYDOCK_IMAGE_OPEN_IMAGE_H_
