#include "pyenv/rooted_file_system.h"

namespace drydock::pyenv {

RootedFileSystem::RootedFileSystem(const FileSystem& base, std::string root)
    : base_(base), root_(std::move(root)) {
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

std::string RootedFileSystem::Map(const std::string& path) const {
  // CleanPath keeps "/../x" at "/x", so nothing escapes the root lexically.
  std::string clean = CleanPath("/" + path);
  if (clean == "/") return root_;
  return root_ == "/" ? clean : root_ + clean;
}

Result<std::string> RootedFileSystem::ReadFile(const std::string& path) const {
  Result<std::string> r = base_.ReadFile(Map(path));
  if (!r.ok()) return MakeError(path + ": " + r.error().message.substr(r.error().message.find(": ") == std::string::npos ? 0 : r.error().message.find(": ") + 2));
  return r;
}
bool RootedFileSystem::IsFile(const std::string& path) const { return base_.IsFile(Map(path)); }
bool RootedFileSystem::IsDirectory(const std::string& path) const {
  return base_.IsDirectory(Map(path));
}
Result<std::vector<DirectoryEntry>> RootedFileSystem::ListDirectory(const std::string& path) const {
  return base_.ListDirectory(Map(path));
}
Result<Sha256Digest> RootedFileSystem::FileSha256(const std::string& path) const {
  return base_.FileSha256(Map(path));
}

}  // namespace drydock::pyenv
