// A FileSystem that shows a host directory as "/": the environment reader always works on
// in-tree absolute paths, whether the tree is an image, a rootfs on disk or a venv folder.
// Symlinks are followed by the host (an absolute link inside a rootfs points outside it).
#ifndef DRYDOCK_PYENV_ROOTED_FILE_SYSTEM_H_
#define DRYDOCK_PYENV_ROOTED_FILE_SYSTEM_H_

#include <string>
#include <vector>

#include "base/file_system.h"

namespace drydock::pyenv {

class RootedFileSystem final : public FileSystem {
 public:
  // `base` must outlive this; `root` is a directory path of `base`.
  RootedFileSystem(const FileSystem& base, std::string root);
  Result<std::string> ReadFile(const std::string& path) const override;
  bool IsFile(const std::string& path) const override;
  bool IsDirectory(const std::string& path) const override;
  Result<std::vector<DirectoryEntry>> ListDirectory(const std::string& path) const override;
  Result<Sha256Digest> FileSha256(const std::string& path) const override;

 private:
  std::string Map(const std::string& path) const;
  const FileSystem& base_;
  std::string root_;
};

}  // namespace drydock::pyenv

#endif  // DRYDOCK_PYENV_ROOTED_FILE_SYSTEM_H_
