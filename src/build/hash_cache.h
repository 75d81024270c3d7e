// File content hashes remembered between runs (.drydock/hash-cache.json), keyed by what stat
// says (path, size, mtime, inode), so a no-change rebuild stats the context instead of reading
// it. Like git's index, a change that keeps size, mtime and inode is not seen.
#ifndef DRYDOCK_BUILD_HASH_CACHE_H_
#define DRYDOCK_BUILD_HASH_CACHE_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "base/file_system.h"
#include "base/result.h"
#include "base/sha256.h"

namespace drydock::build {

class HashCache {
 public:
  HashCache() = default;
  HashCache(const HashCache&) = delete;
  HashCache& operator=(const HashCache&) = delete;
  // Replaces the entries with those of a hash-cache.json's text; malformed text leaves the
  // cache empty (it is only a cache).
  void Load(const std::string& json_text);
  // The JSON text to store, entries sorted by path (every entry: a run that builds only some
  // targets keeps what the others need).
  std::string Serialize() const;

  // SHA-256 of the regular file `path`, whose lstat is `stat`: remembered when path, size,
  // mtime and inode all match, else read through `fs` (and remembered). Thread-safe.
  Result<Sha256Digest> FileHash(const FileSystem& fs, const std::string& path,
                                const FileStat& stat);

  int reads() const;  // Files read (not answered from the cache) since Load.

 private:
  struct Entry {
    uint64_t size = 0;
    int64_t mtime_ns = 0;
    uint64_t inode = 0;
    Sha256Digest digest{};
    bool used = false;
  };
  mutable std::mutex mu_;
  std::map<std::string, Entry> entries_;
  int reads_ = 0;
};

}  // namespace drydock::build

#endif  // DRYDOCK_BUILD_HASH_CACHE_H_
