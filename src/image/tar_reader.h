// A streaming tar reader (POSIX ustar, pax extended headers, GNU long names and links, v7).
// It reads headers from any ByteSource and hands out each entry's body as a bounded source;
// unread body bytes are skipped on the next call. Every size it trusts from the input is capped
// (pax and GNU long-name records, path lengths), numbers are range-checked, and header
// checksums are verified, so hostile archives give an Error, never an allocation bomb.
#ifndef DRYDOCK_IMAGE_TAR_READER_H_
#define DRYDOCK_IMAGE_TAR_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "image/byte_source.h"

namespace drydock::image {

enum class EntryType { kFile, kHardLink, kSymlink, kCharDevice, kBlockDevice, kDirectory, kFifo };

std::string_view EntryTypeName(EntryType type);  // "file", "hardlink", "symlink", "char", ...

// One archive member after pax / GNU long-name records are applied. Names are as written
// (not normalised).
struct TarEntry {
  std::string name;
  std::string link_name;  // Symlink text or hard-link target.
  EntryType type = EntryType::kFile;
  uint32_t mode = 0;      // Permission bits plus setuid/setgid/sticky (07777).
  uint32_t uid = 0;
  uint32_t gid = 0;
  uint64_t size = 0;      // Body bytes (0 for everything except regular files).
  int64_t mtime = 0;
  uint32_t dev_major = 0;
  uint32_t dev_minor = 0;
  std::vector<std::pair<std::string, std::string>> xattrs;  // pax SCHILY.xattr.*, in order.
};

struct TarLimits {
  size_t max_pax_bytes = 1 << 20;       // One pax record set (Go caps at 1 MiB since CVE-2022-2879).
  size_t max_long_name_bytes = 64 * 1024;
  size_t max_path_bytes = 16 * 1024;
};

class TarReader {
 public:
  // `what` names the archive in errors ("layer 2 (abc/layer.tar)").
  TarReader(ByteSource& source, std::string what, TarLimits limits = {});

  // The next entry, or nullopt at the end-of-archive marker (or a clean end of stream at a header
  // boundary). Sparse entries (GNU 'S', pax GNU.sparse.*) are an Error saying they are
  // unsupported.
  Result<std::optional<TarEntry>> Next();
  // The body of the entry Next returned last: exactly entry.size bytes.
  ByteSource& body() { return body_; }

 private:
  Result<void> FinishBody();
  Result<std::string> ReadRecord(uint64_t size, size_t cap, std::string_view kind);

  ByteSource& source_;
  std::string what_;
  TarLimits limits_;
  LimitedByteSource body_;
  uint64_t padding_ = 0;
  bool ended_ = false;
  bool first_ = true;  // No header read yet: a failure means "not a tar at all".
};

}  // namespace drydock::image

#endif  // DRYDOCK_IMAGE_TAR_READER_H_
