// The file-system seam: loaders read through it so tests can run on in-memory trees, and only
// cli/ creates the real one.
#ifndef DRYDOCK_BASE_FILE_SYSTEM_H_
#define DRYDOCK_BASE_FILE_SYSTEM_H_

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/sha256.h"
#include "base/source_file.h"

namespace drydock {

// One entry of a directory listing, as lstat sees it: a symlink is reported as itself.
struct DirectoryEntry {
  enum class Type { kFile, kDirectory, kSymlink, kOther };
  std::string name;
  Type type = Type::kFile;
  uint64_t size = 0;           // Bytes, for regular files (0 for the rest).
  std::string symlink_target;  // For kSymlink: the link text, unresolved.
};

// What lstat says about one path (a symlink is reported as itself).
struct FileStat {
  DirectoryEntry::Type type = DirectoryEntry::Type::kFile;
  uint32_t mode = 0;      // Permission bits (07777), without the file-type bits.
  uint64_t size = 0;      // Bytes, for regular files (0 for the rest).
  int64_t mtime_ns = 0;   // Modification time, nanoseconds since the epoch.
  uint64_t inode = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // The whole file; an Error says "<path>: <reason>".
  virtual Result<std::string> ReadFile(const std::string& path) const = 0;
  virtual bool IsFile(const std::string& path) const = 0;
  virtual bool IsDirectory(const std::string& path) const = 0;
  // The entries of a directory, without "." and "..", sorted by name byte by byte (the order of
  // Go's os.ReadDir, which Docker's context walkers follow). An Error says "<path>: <reason>".
  virtual Result<std::vector<DirectoryEntry>> ListDirectory(const std::string& path) const = 0;
  // SHA-256 of a file's content. The default reads the file; a tree that already knows its
  // digests (an image index computes them while streaming its layers) answers without reading.
  virtual Result<Sha256Digest> FileSha256(const std::string& path) const;
  // lstat of `path`. The default is an Error ("stat not supported"): trees that cannot say
  // need not pretend; callers that need modes and change detection use a tree that can.
  virtual Result<FileStat> Stat(const std::string& path) const;
};

// The real file system of this machine.
class RealFileSystem final : public FileSystem {
 public:
  Result<std::string> ReadFile(const std::string& path) const override;
  bool IsFile(const std::string& path) const override;
  bool IsDirectory(const std::string& path) const override;
  Result<std::vector<DirectoryEntry>> ListDirectory(const std::string& path) const override;
  Result<FileStat> Stat(const std::string& path) const override;
};

std::string CleanPath(const std::string& path);

// An in-memory tree for tests: files by absolute path; directories are implied by them (or
// made explicitly, for empty ones). Symlinks are entries only: nothing here follows them.
// Stat reports mode 0644 for files (0755 directories, 0777 symlinks) unless SetMode says
// otherwise, and an mtime from a logical clock that every Write and Touch advances.
class MemoryFileSystem final : public FileSystem {
 public:
  void Write(const std::string& path, std::string content) {
    files_[path] = std::move(content);
    mtimes_[CleanPath(path)] = ++clock_;
  }
  void Touch(const std::string& path) { mtimes_[CleanPath(path)] = ++clock_; }
  void Remove(const std::string& path) { files_.erase(path); }
  void SetMode(const std::string& path, uint32_t mode) { modes_[CleanPath(path)] = mode; }
  void MakeDirectory(const std::string& path) { directories_.insert(path); }
  void Symlink(const std::string& path, std::string target) {
    symlinks_[path] = std::move(target);
  }
  Result<std::string> ReadFile(const std::string& path) const override;
  bool IsFile(const std::string& path) const override;
  bool IsDirectory(const std::string& path) const override;
  Result<std::vector<DirectoryEntry>> ListDirectory(const std::string& path) const override;
  Result<FileStat> Stat(const std::string& path) const override;

 private:
  std::map<std::string, std::string> files_;
  std::map<std::string, int64_t> mtimes_;
  std::map<std::string, uint32_t> modes_;
  int64_t clock_ = 0;
  std::set<std::string> directories_;
  std::map<std::string, std::string> symlinks_;
};

// Owns the SourceFiles a command reads, at stable addresses, so diagnostics that point into
// them stay valid until the command has printed them.
class SourceFileSet {
 public:
  const SourceFile& Add(std::string path, std::string text) {
    files_.push_back(std::make_unique<SourceFile>(std::move(path), std::move(text)));
    return *files_.back();
  }
  // The file added under `path` last, or null.
  const SourceFile* Find(const std::string& path) const {
    for (auto it = files_.rbegin(); it != files_.rend(); ++it) {
      if ((*it)->path() == path) return it->get();
    }
    return nullptr;
  }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

// Path helpers (POSIX paths, no file-system access).
std::string JoinPath(const std::string& dir, const std::string& path);  // `path` if absolute.
std::string CleanPath(const std::string& path);   // Lexical: drops `.`, resolves `..`, `//`.
std::string DirName(const std::string& path);
std::string BaseName(const std::string& path);

}  // namespace drydock

#endif  // DRYDOCK_BASE_FILE_SYSTEM_H_
