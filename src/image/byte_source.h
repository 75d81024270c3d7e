// Pull-style byte sources: everything the image reader consumes (a save tar on disk, stdin, a
// pipe from the engine, a blob inside an outer tar, a decompressed layer) is a ByteSource, so
// one streaming code path serves seekable and non-seekable inputs alike and nothing is ever
// written to disk.
#ifndef DRYDOCK_IMAGE_BYTE_SOURCE_H_
#define DRYDOCK_IMAGE_BYTE_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace drydock::image {

// Contract: Read fills up to `size` bytes of `out` and returns how many it wrote; 0 means the
// end of the stream (and only then: a source never returns 0 for a non-zero request before its
// end). Errors are sticky for the caller's purposes: after an Error the source is not read
// again.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual Result<size_t> Read(void* out, size_t size) = 0;
};

// Reads exactly `size` bytes unless the stream ends first; returns the count read (short only
// at the end of the stream).
Result<size_t> ReadFull(ByteSource& source, void* out, size_t size);
// Reads and drops `size` bytes; an Error names `what` if the stream ends first.
Result<void> Skip(ByteSource& source, uint64_t size, std::string_view what);
// Reads to the end of the stream; returns the count of bytes dropped.
Result<uint64_t> Drain(ByteSource& source);
// Reads everything up to `limit` bytes; an Error "<what>: larger than <limit> bytes" beyond it.
Result<std::string> ReadAll(ByteSource& source, size_t limit, std::string_view what);

// A file descriptor: a regular file, stdin, a pipe or a socket. Owns (and closes) the
// descriptor only when told to.
class FdByteSource final : public ByteSource {
 public:
  FdByteSource(int fd, bool owned, std::string name);
  ~FdByteSource() override;
  FdByteSource(const FdByteSource&) = delete;
  FdByteSource& operator=(const FdByteSource&) = delete;
  Result<size_t> Read(void* out, size_t size) override;

 private:
  int fd_;
  bool owned_;
  std::string name_;
  // Small reads (tar headers) are served from a buffer so they cost no system call each.
  std::string buffer_;
  size_t begin_ = 0;
  size_t end_ = 0;
};

// Opens `path` read-only. An Error says "<path>: <strerror>".
Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path);

// A memory buffer, borrowed (the caller keeps it alive) or owned.
class MemoryByteSource final : public ByteSource {
 public:
  explicit MemoryByteSource(std::string_view bytes) : bytes_(bytes) {}
  explicit MemoryByteSource(std::string owned) : owned_(std::move(owned)), bytes_(owned_) {}
  Result<size_t> Read(void* out, size_t size) override;

 private:
  std::string owned_;
  std::string_view bytes_;
  size_t pos_ = 0;
};

// Exactly `size` bytes of an underlying source (a tar member's body). Reading past them yields
// the end of stream; the underlying stream ending early is an Error naming `what`.
class LimitedByteSource final : public ByteSource {
 public:
  LimitedByteSource(ByteSource& inner, uint64_t size, std::string what)
      : inner_(&inner), remaining_(size), what_(std::move(what)) {}
  Result<size_t> Read(void* out, size_t size) override;
  uint64_t remaining() const { return remaining_; }

 private:
  ByteSource* inner_;
  uint64_t remaining_;
  std::string what_;
};

// A source whose first bytes can be inspected before they are consumed (magic-byte sniffing
// on a non-seekable stream).
class PeekableByteSource final : public ByteSource {
 public:
  explicit PeekableByteSource(ByteSource& inner) : inner_(inner) {}
  // Up to `size` bytes from the current position without consuming them (fewer at the end).
  Result<std::string_view> Peek(size_t size);
  Result<size_t> Read(void* out, size_t size) override;

 private:
  ByteSource& inner_;
  std::string buffer_;
  size_t pos_ = 0;
};

}  // namespace drydock::image

#endif  // DRYDOCK_IMAGE_BYTE_SOURCE_H_
