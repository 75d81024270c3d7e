// The build context as a tar stream, produced on demand (pull style) so it can be the body of
// POST /build without a temp file or the whole tar in memory: one entry's header and content
// at a time. ustar headers, with a pax extended header for what ustar cannot hold (long or
// non-ASCII paths and link targets, sizes of 8 GiB and more). Entries are written in the order
// given (the walker's order), owner 0:0, permission bits and mtime (seconds) from Stat.
#ifndef DRYDOCK_BUILDCONTEXT_CONTEXT_TAR_H_
#define DRYDOCK_BUILDCONTEXT_CONTEXT_TAR_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/file_system.h"
#include "base/result.h"
#include "buildcontext/context_walker.h"

namespace drydock::buildcontext {

class ContextTarReader {
 public:
  // `fs` must outlive the reader. Entries' paths are relative to `context_dir`.
  ContextTarReader(const FileSystem& fs, std::string context_dir,
                   std::vector<ContextEntry> entries);

  // Appends a regular file held in memory after the walked entries (a Dockerfile that is not
  // in the context: inline, or outside the context directory, as docker build sends it).
  void AddMemoryFile(std::string path, std::string content, uint32_t mode = 0644);

  // Fills up to `size` bytes; 0 at the end. An Error when a file cannot be read or changed
  // size since the walk ("<path>: changed while sending the context").
  Result<size_t> Read(char* buffer, size_t size);

  // The exact length of the whole stream, from the entries' sizes (for progress).
  uint64_t TotalSize() const;

 private:
  Result<void> LoadNext();

  const FileSystem& fs_;
  std::string context_dir_;
  std::vector<ContextEntry> entries_;
  std::vector<std::pair<std::string, std::string>> memory_files_;  // path, content
  std::vector<uint32_t> memory_modes_;
  size_t next_ = 0;
  std::string pending_;  // Bytes produced but not yet read.
  size_t pending_offset_ = 0;
  bool finished_ = false;
};

}  // namespace drydock::buildcontext

#endif  // DRYDOCK_BUILDCONTEXT_CONTEXT_TAR_H_
