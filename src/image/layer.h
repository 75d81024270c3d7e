// One layer, indexed as it streams by: its entries (normalised paths), its whiteouts and opaque
// markers kept apart from them (they apply to lower layers only, whatever their position in the
// tar), and its digests. A LayerRecord needs no other layer, so a non-seekable docker save stream
// can index layers before manifest.json tells their order; MergedTree stacks them afterwards.
#ifndef DRYDOCK_IMAGE_LAYER_H_
#define DRYDOCK_IMAGE_LAYER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "base/sha256.h"
#include "image/byte_source.h"
#include "image/compression.h"
#include "image/tar_reader.h"

namespace drydock::image {

inline constexpr uint64_t kWholeFile = UINT64_MAX;

// What the indexer keeps besides metadata. Paths given to the predicates are absolute and
// normalised ("/usr/bin/python3"). Content cannot all be kept in memory, so callers choose.
struct IndexOptions {
  // How many leading bytes of a regular file to keep: 0 for none, kWholeFile for all of it.
  // Unset: keep nothing.
  std::function<uint64_t(std::string_view path, uint64_t size)> keep_content;
  // Whether to compute a file's SHA-256 while it streams by. Unset: none (unless digest_all).
  std::function<bool(std::string_view path)> digest;
  bool digest_all = false;
  // Cap on the kept content of one layer; files beyond it keep nothing (ReadFile says so).
  uint64_t max_kept_bytes_per_layer = 512ull << 20;
  TarLimits tar_limits;
};

// The preset for reading an image's Python environment and entrypoints: whole small files
// (up to 1 MiB) under site-packages / dist-packages, *.dist-info / *.egg-info, pyvenv.cfg, *.pth,
// /etc/os-release, passwd and group; the first 256 bytes of files in bin directories (shebangs);
// digests of everything under site-packages / dist-packages (RECORD checks).
IndexOptions PythonEnvironmentOptions();

// "./a//b/", "/a/b", "a/c/../b" all become "/a/b"; "" and "." become "/". A path that climbs
// above the root is an Error.
Result<std::string> NormalizeMemberPath(std::string_view name);

struct LayerFile {
  std::string path;          // Normalised, absolute.
  EntryType type = EntryType::kFile;
  uint32_t mode = 0;
  uint32_t uid = 0;
  uint32_t gid = 0;
  uint64_t size = 0;
  int64_t mtime = 0;
  std::string link;          // Symlink text as written, or the normalised hard-link target.
  uint32_t dev_major = 0;
  uint32_t dev_minor = 0;
  bool has_capabilities = false;  // xattr security.capability present.
  bool has_digest = false;
  Sha256Digest digest{};
  std::string content;       // The first bytes kept (see IndexOptions::keep_content).
};

struct LayerRecord {
  std::vector<LayerFile> entries;       // Tar order, whiteouts excluded.
  std::vector<std::string> whiteouts;   // Paths deleted from lower layers.
  std::vector<std::string> opaque_dirs; // Directories whose lower children are hidden.
  Sha256Digest diff_id{};               // SHA-256 of the uncompressed tar.
  Sha256Digest blob_digest{};           // SHA-256 of the bytes as stored.
  uint64_t blob_size = 0;
  uint64_t tar_size = 0;
  Compression compression = Compression::kNone;
};

// Reads one layer blob to its end (compression sniffed from its magic bytes). `what` names it
// in errors.
Result<LayerRecord> IndexLayer(ByteSource& blob, const IndexOptions& options, const std::string& what);

}  // namespace drydock::image

#endif  // DRYDOCK_IMAGE_LAYER_H_
