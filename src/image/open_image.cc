#include "image/open_image.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <thread>

namespace drydock::image {

bool IsImagePath(const std::string& spec) {
  struct stat st;
  return spec == "-" || ::stat(spec.c_str(), &st) == 0;
}

Result<Image> OpenImagePath(const std::string& spec, const IndexOptions& options) {
  if (spec == "-") {
    struct stat in_st;
    // A bigger pipe buffer halves the context switches of `docker save | drydock inspect -`.
    if (::fstat(0, &in_st) == 0 && S_ISFIFO(in_st.st_mode)) ::fcntl(0, F_SETPIPE_SZ, 1 << 20);
    FdByteSource in(0, /*owned=*/false, "stdin");
    return ReadImageArchive(in, options, "stdin");
  }
  struct stat st;
  if (::stat(spec.c_str(), &st) != 0) return MakeError(spec + ": " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return ReadOciLayout(spec, options);
  Result<std::unique_ptr<ByteSource>> file = OpenFileSource(spec);
  if (!file.ok()) return file.error();
  return ReadImageArchive(**file, options, spec);
}

Result<Image> ReadImageFromProducer(const ByteProducer& produce, const IndexOptions& options, const std::string& what) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return MakeError(std::string("pipe: ") + std::strerror(errno));
  ::fcntl(fds[1], F_SETPIPE_SZ, 1 << 20);  // Fewer context switches; best effort.
  std::optional<Result<void>> produced;
  std::thread writer([&] {
    // A write after the reader closed its end must fail with EPIPE, not kill the process.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    int fd = fds[1];
    produced = produce([fd](std::string_view bytes) {
      while (!bytes.empty()) {
        ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<size_t>(n));
      }
      return true;
    });
    ::close(fd);
  });
  Result<Image> image = [&]() -> Result<Image> {
    FdByteSource in(fds[0], /*owned=*/false, what);
    Result<Image> read = ReadImageArchive(in, options, what);
    if (read.ok()) {
      Result<uint64_t> rest = Drain(in);  // Padding after the end-of-archive marker.
      if (!rest.ok()) return rest.error();
    }
    return read;
  }();
  ::close(fds[0]);
  writer.join();
  if (!image.ok()) return image.error();
  if (produced && !produced->ok()) return MakeError(what + ": " + produced->error().message);
  return image;
}

}  // namespace drydock::image
