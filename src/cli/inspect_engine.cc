// The bridge from an image name to the image reader: the engine's GET /images/{name}/get is
// streamed through a pipe into the docker save reader (image::ReadImageFromProducer), so the
// archive is never held whole nor written to disk.
#include "cli/inspect_engine.h"

#include <string>

#include "base/file_system.h"
#include "cli/process_env.h"
#include "engine/client.h"
#include "engine/curl_transport.h"
#include "engine/endpoint.h"
#include "image/open_image.h"

namespace drydock::cli {

Result<image::Image> ReadImageFromEngine(const std::string& name, const image::IndexOptions& options) {
  RealFileSystem fs;
  Result<engine::EngineEndpoint> endpoint = engine::ResolveEngineEndpoint(ProcessEnvironment(), fs);
  if (!endpoint.ok()) return MakeError(name + ": not a file, and no engine to ask (" + endpoint.error().message + ")");
  Result<std::unique_ptr<engine::Client>> client = engine::Client::Connect(engine::MakeCurlTransport(*endpoint));
  if (!client.ok()) return MakeError(name + ": not a file, and no engine to ask (" + client.error().message + ")");
  Result<std::optional<engine::ImageInfo>> info = (*client)->InspectImage(name);
  if (!info.ok()) return MakeError(name + ": " + info.error().message);
  if (!info->has_value()) {
    return MakeError(name + ": no such file, directory or image (engine at " + endpoint->ToString() + ")");
  }
  engine::Client& c = **client;
  return image::ReadImageFromProducer(
      [&](const std::function<bool(std::string_view)>& sink) { return c.SaveImage(name, sink); }, options,
      "engine image " + name);
}

}  // namespace drydock::cli
