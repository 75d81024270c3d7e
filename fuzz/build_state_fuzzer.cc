// drydock build's state files on arbitrary bytes: .drydock/hash-cache.json and durations.json
// are drydock's own, but a crash, a half-written file or a hand edit may leave anything there.
// Nothing may crash or trip a sanitizer, and what the cache keeps of a file must survive a
// save and reload unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "build/hash_cache.h"
#include "build/log_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace drydock::build;
  std::string text(reinterpret_cast<const char*>(data), size);
  HashCache cache;
  cache.Load(text);
  std::string saved = cache.Serialize();
  HashCache reloaded;
  reloaded.Load(saved);
  if (reloaded.Serialize() != saved) std::abort();
  SerializeDurations(ParseDurations(text));
  return 0;
}
