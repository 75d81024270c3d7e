#include "image/byte_source.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace drydock::image {

Result<size_t> ReadFull(ByteSource& source, void* out, size_t size) {
  auto* p = static_cast<char*>(out);
  size_t done = 0;
  while (done < size) {
    Result<size_t> n = source.Read(p + done, size - done);
    if (!n.ok()) return n.error();
    if (*n == 0) break;
    done += *n;
  }
  return done;
}

Result<void> Skip(ByteSource& source, uint64_t size, std::string_view what) {
  char buf[64 * 1024];
  while (size > 0) {
    size_t want = static_cast<size_t>(std::min<uint64_t>(size, sizeof buf));
    Result<size_t> n = source.Read(buf, want);
    if (!n.ok()) return n.error();
    if (*n == 0) return MakeError(std::string(what) + ": unexpected end of stream");
    size -= *n;
  }
  return {};
}

Result<uint64_t> Drain(ByteSource& source) {
  char buf[64 * 1024];
  uint64_t total = 0;
  for (;;) {
    Result<size_t> n = source.Read(buf, sizeof buf);
    if (!n.ok()) return n.error();
    if (*n == 0) return total;
    total += *n;
  }
}

Result<std::string> ReadAll(ByteSource& source, size_t limit, std::string_view what) {
  std::string out;
  char buf[64 * 1024];
  for (;;) {
    Result<size_t> n = source.Read(buf, sizeof buf);
    if (!n.ok()) return n.error();
    if (*n == 0) return out;
    if (out.size() + *n > limit) {
      return MakeError(std::string(what) + ": larger than " + std::to_string(limit) + " bytes");
    }
    out.append(buf, *n);
  }
}

FdByteSource::~FdByteSource() {
  if (owned_ && fd_ >= 0) ::close(fd_);
}

FdByteSource::FdByteSource(int fd, bool owned, std::string name)
    : fd_(fd), owned_(owned), name_(std::move(name)), buffer_(256 * 1024, '\0') {}

Result<size_t> FdByteSource::Read(void* out, size_t size) {
  if (begin_ < end_) {
    size_t n = std::min(size, end_ - begin_);
    std::memcpy(out, buffer_.data() + begin_, n);
    begin_ += n;
    return n;
  }
  // Large reads go straight to the caller's buffer; small ones refill ours.
  bool direct = size >= buffer_.size() / 2;
  for (;;) {
    ssize_t n = direct ? ::read(fd_, out, size) : ::read(fd_, buffer_.data(), buffer_.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return MakeError(name_ + ": " + std::strerror(errno));
    if (direct || n == 0) return static_cast<size_t>(n);
    begin_ = 0;
    end_ = static_cast<size_t>(n);
    size_t k = std::min(size, end_);
    std::memcpy(out, buffer_.data(), k);
    begin_ = k;
    return k;
  }
}

Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return MakeError(path + ": " + std::strerror(errno));
  // Sequential access: let the kernel read ahead aggressively.
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::unique_ptr<ByteSource>(std::make_unique<FdByteSource>(fd, true, path));
}

Result<size_t> MemoryByteSource::Read(void* out, size_t size) {
  size_t n = std::min(size, bytes_.size() - pos_);
  std::memcpy(out, bytes_.data() + pos_, n);
  pos_ += n;
  return n;
}

Result<size_t> LimitedByteSource::Read(void* out, size_t size) {
  if (remaining_ == 0 || size == 0) return size_t{0};
  size_t want = static_cast<size_t>(std::min<uint64_t>(size, remaining_));
  Result<size_t> n = inner_->Read(out, want);
  if (!n.ok()) return n.error();
  if (*n == 0) return MakeError(what_ + ": unexpected end of stream (" + std::to_string(remaining_) +
                                " bytes missing)");
  remaining_ -= *n;
  return *n;
}

Result<std::string_view> PeekableByteSource::Peek(size_t size) {
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  while (buffer_.size() < size) {
    size_t old = buffer_.size();
    buffer_.resize(size);
    Result<size_t> n = inner_.Read(buffer_.data() + old, size - old);
    if (!n.ok()) {
      buffer_.resize(old);
      return n.error();
    }
    buffer_.resize(old + *n);
    if (*n == 0) break;
  }
  return std::string_view(buffer_).substr(0, std::min(size, buffer_.size()));
}

Result<size_t> PeekableByteSource::Read(void* out, size_t size) {
  if (pos_ < buffer_.size()) {
    size_t n = std::min(size, buffer_.size() - pos_);
    std::memcpy(out, buffer_.data() + pos_, n);
    pos_ += n;
    if (pos_ == buffer_.size()) {
      buffer_.clear();
      pos_ = 0;
    }
    return n;
  }
  return inner_.Read(out, size);
}

}  // namespace drydock::image
