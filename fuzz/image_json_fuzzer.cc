// The image JSON parsers on arbitrary bytes: image config, docker save manifest.json, OCI
// index / manifest. Nothing may crash or throw; a digest that is accepted must have the one
// form that is safe to join into a path.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "image/image_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace drydock::image;
  std::string_view json(reinterpret_cast<const char*>(data), size);
  (void)ParseImageConfig(json);
  (void)ParseSaveManifest(json);
  auto doc = ParseOciDocument(json, "fuzz");
  if (doc.ok()) {
    for (const Descriptor& d : doc->manifests) {
      if (!IsValidDigest(d.digest)) std::abort();
    }
    for (const Descriptor& d : doc->layers) {
      if (!IsValidDigest(d.digest)) std::abort();
    }
  }
  return 0;
}
