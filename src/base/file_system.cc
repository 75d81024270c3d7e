#include "base/file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace drydock {

Result<Sha256Digest> FileSystem::FileSha256(const std::string& path) const {
  Result<std::string> content = ReadFile(path);
  if (!content.ok()) return content.error();
  return Sha256Of(*content);
}

Result<FileStat> FileSystem::Stat(const std::string& path) const {
  return MakeError(path + ": stat not supported by this file system");
}

Result<FileStat> RealFileSystem::Stat(const std::string& path) const {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return MakeError(path + ": " + std::strerror(errno));
  FileStat out;
  out.type = S_ISREG(st.st_mode)   ? DirectoryEntry::Type::kFile
             : S_ISDIR(st.st_mode) ? DirectoryEntry::Type::kDirectory
             : S_ISLNK(st.st_mode) ? DirectoryEntry::Type::kSymlink
                                   : DirectoryEntry::Type::kOther;
  out.mode = static_cast<uint32_t>(st.st_mode & 07777);
  out.size = S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : 0;
  out.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  out.inode = static_cast<uint64_t>(st.st_ino);
  return out;
}

Result<std::string> RealFileSystem::ReadFile(const std::string& path) const {
  // open + fstat + read: one buffer of the file's size, no stream machinery (lint reads
  // hundreds of small files per run).
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return MakeError(path + ": " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int saved = errno;
    ::close(fd);
    return MakeError(path + ": " + std::strerror(saved));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return MakeError(path + ": is a directory");
  }
  std::string text;
  // The size is a hint: files that grow, shrink or report 0 (/proc, pipes) are read to EOF.
  const bool regular = S_ISREG(st.st_mode) && st.st_size > 0;
  text.resize(regular ? static_cast<size_t>(st.st_size) + 1 : 4096);
  size_t used = 0;
  for (;;) {
    if (used == text.size()) text.resize(text.size() * 2);
    size_t wanted = text.size() - used;
    ssize_t got = ::read(fd, text.data() + used, wanted);
    if (got < 0) {
      if (errno == EINTR) continue;
      int saved = errno;
      ::close(fd);
      return MakeError(path + ": read failed: " + std::strerror(saved));
    }
    if (got == 0) break;
    used += static_cast<size_t>(got);
    // All the bytes fstat reported, and the read came back short of the spare byte: the end,
    // with no second read to see EOF (a file growing meanwhile is read as it was at fstat).
    if (regular && used == static_cast<size_t>(st.st_size) && static_cast<size_t>(got) < wanted) break;
  }
  ::close(fd);
  text.resize(used);
  return text;
}

bool RealFileSystem::IsFile(const std::string& path) const {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool RealFileSystem::IsDirectory(const std::string& path) const {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

Result<std::vector<DirectoryEntry>> RealFileSystem::ListDirectory(const std::string& path) const {
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) return MakeError(path + ": " + std::strerror(errno));
  std::vector<DirectoryEntry> entries;
  errno = 0;
  while (const dirent* d = ::readdir(dir)) {
    std::string name = d->d_name;
    if (name == "." || name == "..") continue;
    struct stat st;
    // Relative to the open directory: no walk of the whole path per entry.
    if (::fstatat(::dirfd(dir), d->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno == ENOENT) continue;  // Removed since readdir: not part of the tree any more.
      int saved = errno;
      ::closedir(dir);
      return MakeError(JoinPath(path, name) + ": " + std::strerror(saved));
    }
    DirectoryEntry entry;
    entry.name = std::move(name);
    if (S_ISREG(st.st_mode)) {
      entry.type = DirectoryEntry::Type::kFile;
      entry.size = static_cast<uint64_t>(st.st_size);
    } else if (S_ISDIR(st.st_mode)) {
      entry.type = DirectoryEntry::Type::kDirectory;
    } else if (S_ISLNK(st.st_mode)) {
      entry.type = DirectoryEntry::Type::kSymlink;
      std::string target(static_cast<size_t>(st.st_size > 0 ? st.st_size : 256), '\0');
      ssize_t n = ::readlinkat(::dirfd(dir), d->d_name, target.data(), target.size());
      if (n >= 0) target.resize(static_cast<size_t>(n));
      entry.symlink_target = n >= 0 ? target : "";
    } else {
      entry.type = DirectoryEntry::Type::kOther;
    }
    entries.push_back(std::move(entry));
    errno = 0;
  }
  int read_errno = errno;
  ::closedir(dir);
  if (read_errno != 0) return MakeError(path + ": " + std::strerror(read_errno));
  std::sort(entries.begin(), entries.end(),
            [](const DirectoryEntry& a, const DirectoryEntry& b) { return a.name < b.name; });
  return entries;
}

Result<std::string> MemoryFileSystem::ReadFile(const std::string& path) const {
  auto it = files_.find(CleanPath(path));
  if (it == files_.end()) {
    return MakeError(path + (IsDirectory(path) ? ": is a directory" : ": No such file or directory"));
  }
  return it->second;
}

bool MemoryFileSystem::IsFile(const std::string& path) const {
  return files_.count(CleanPath(path)) > 0;
}

namespace {

bool HasPrefix(const std::string& key, const std::string& prefix) {
  return key.compare(0, prefix.size(), prefix) == 0;
}

// Whether some key lies under the directory `prefix` (which ends in `/`).
bool HasKeyUnder(const std::map<std::string, std::string>& keys, const std::string& prefix) {
  auto it = keys.lower_bound(prefix);
  return it != keys.end() && HasPrefix(it->first, prefix);
}

bool HasKeyUnder(const std::set<std::string>& keys, const std::string& prefix) {
  auto it = keys.lower_bound(prefix);
  return it != keys.end() && HasPrefix(*it, prefix);
}

}  // namespace

bool MemoryFileSystem::IsDirectory(const std::string& path) const {
  std::string clean = CleanPath(path);
  if (directories_.count(clean) > 0) return true;
  std::string prefix = clean == "/" ? clean : clean + "/";
  return HasKeyUnder(files_, prefix) || HasKeyUnder(directories_, prefix) ||
         HasKeyUnder(symlinks_, prefix);
}

Result<std::vector<DirectoryEntry>> MemoryFileSystem::ListDirectory(const std::string& path) const {
  std::string clean = CleanPath(path);
  if (!IsDirectory(clean)) {
    return MakeError(path + (IsFile(clean) || symlinks_.count(clean) > 0
                                 ? ": not a directory"
                                 : ": No such file or directory"));
  }
  std::string prefix = clean == "/" ? clean : clean + "/";
  std::map<std::string, DirectoryEntry> children;
  // `key` lies under the directory: its first component below it is a child, a directory when
  // more components follow.
  auto add = [&](const std::string& key, DirectoryEntry::Type type, uint64_t size,
                 const std::string& target) {
    if (key.size() <= prefix.size() || !HasPrefix(key, prefix)) return;
    std::string rest = key.substr(prefix.size());
    size_t slash = rest.find('/');
    DirectoryEntry entry;
    entry.name = rest.substr(0, slash);
    if (slash != std::string::npos) {
      entry.type = DirectoryEntry::Type::kDirectory;
    } else {
      entry.type = type;
      entry.size = size;
      entry.symlink_target = target;
    }
    children.emplace(entry.name, std::move(entry));
  };
  for (const auto& [key, content] : files_) {
    add(CleanPath(key), DirectoryEntry::Type::kFile, content.size(), "");
  }
  for (const std::string& key : directories_) {
    add(CleanPath(key), DirectoryEntry::Type::kDirectory, 0, "");
  }
  for (const auto& [key, target] : symlinks_) {
    add(CleanPath(key), DirectoryEntry::Type::kSymlink, 0, target);
  }
  std::vector<DirectoryEntry> entries;
  for (auto& [name, entry] : children) entries.push_back(std::move(entry));
  return entries;
}

Result<FileStat> MemoryFileSystem::Stat(const std::string& path) const {
  std::string clean = CleanPath(path);
  FileStat out;
  if (auto it = files_.find(clean); it != files_.end()) {
    out.type = DirectoryEntry::Type::kFile;
    out.mode = 0644;
    out.size = it->second.size();
  } else if (symlinks_.count(clean) > 0) {
    out.type = DirectoryEntry::Type::kSymlink;
    out.mode = 0777;
  } else if (IsDirectory(clean)) {
    out.type = DirectoryEntry::Type::kDirectory;
    out.mode = 0755;
  } else {
    return MakeError(path + ": No such file or directory");
  }
  if (auto it = modes_.find(clean); it != modes_.end()) out.mode = it->second;
  if (auto it = mtimes_.find(clean); it != mtimes_.end()) out.mtime_ns = it->second;
  return out;
}

std::string JoinPath(const std::string& dir, const std::string& path) {
  if (!path.empty() && path[0] == '/') return CleanPath(path);
  if (dir.empty()) return CleanPath(path);
  return CleanPath(dir + "/" + path);
}

std::string CleanPath(const std::string& path) {
  // Go's path.Clean, in one pass over one output buffer: runs of '/' become one, "."
  // elements go, ".." removes the element before it (or stays, leading a relative path;
  // at the root it goes).
  if (path.empty()) return ".";
  const size_t n = path.size();
  const bool rooted = path[0] == '/';
  // Already clean (no empty, "." or ".." element, no trailing '/'): returned as it is.
  bool clean = n == 1 || path[n - 1] != '/';
  for (size_t start = rooted ? 1 : 0; clean && start < n;) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = n;
    size_t len = end - start;
    if (len == 0 || (len == 1 && path[start] == '.') || (len == 2 && path[start] == '.' && path[start + 1] == '.')) {
      clean = false;
    }
    start = end + 1;
  }
  if (clean) return path;
  std::string out;
  out.reserve(n);
  size_t r = 0, dotdot = 0;  // dotdot: where ".." can no longer back up.
  if (rooted) {
    out.push_back('/');
    r = dotdot = 1;
  }
  while (r < n) {
    if (path[r] == '/') {
      ++r;
    } else if (path[r] == '.' && (r + 1 == n || path[r + 1] == '/')) {
      ++r;
    } else if (path[r] == '.' && path[r + 1] == '.' && (r + 2 == n || path[r + 2] == '/')) {
      r += 2;
      if (out.size() > dotdot) {
        size_t w = out.size() - 1;
        while (w > dotdot && out[w] != '/') --w;
        out.resize(w);
      } else if (!rooted) {
        if (!out.empty()) out.push_back('/');
        out.append("..");
        dotdot = out.size();
      }
    } else {
      if ((rooted && out.size() != 1) || (!rooted && !out.empty())) out.push_back('/');
      for (; r < n && path[r] != '/'; ++r) out.push_back(path[r]);
    }
  }
  return out.empty() ? "." : out;
}

std::string DirName(const std::string& path) {
  std::string clean = CleanPath(path);
  size_t slash = clean.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return clean.substr(0, slash);
}

std::string BaseName(const std::string& path) {
  std::string clean = CleanPath(path);
  size_t slash = clean.rfind('/');
  return slash == std::string::npos ? clean : clean.substr(slash + 1);
}

}  // namespace drydock
