// Untrusted bytes from an image's *.dist-info / *.egg-info: METADATA, RECORD, requires.txt,
// direct_url.json, pyvenv.cfg. The first byte picks the reader so one corpus covers them all.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pyenv/metadata.h"
#include "pyenv/record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 5) {
    case 0: {
      drydock::pyenv::MetadataHeaders h = drydock::pyenv::MetadataHeaders::Parse(text);
      (void)drydock::pyenv::ReadCoreMetadata(h);
      break;
    }
    case 1:
      (void)drydock::pyenv::ParseRecord(text);
      break;
    case 2:
      for (const auto& e : drydock::pyenv::ParseRequiresTxt(text)) {
        (void)drydock::pyenv::RequiresTxtToRequiresDist(e);
      }
      break;
    case 3:
      if (auto d = drydock::pyenv::ParseDirectUrl(text)) (void)drydock::pyenv::FileUrlPath(d->url);
      break;
    default:
      (void)drydock::pyenv::ParsePyvenvCfg(text);
      break;
  }
  return 0;
}
