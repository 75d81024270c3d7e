#include "base/file_system.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace drydock {

Result<std::string> RealFileSystem::ReadFile(const std::string& path) const {
  if (IsDirectory(path)) return MakeError(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(path + ": " + std::strerror(errno));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return MakeError(path + ": read failed");
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

bool MemoryFileSystem::IsDirectory(const std::string& path) const {
  std::string prefix = CleanPath(path);
  if (prefix != "/") prefix += "/";
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

std::string JoinPath(const std::string& dir, const std::string& path) {
  if (!path.empty() && path[0] == '/') return CleanPath(path);
  if (dir.empty()) return CleanPath(path);
  return CleanPath(dir + "/" + path);
}

std::string CleanPath(const std::string& path) {
  if (path.empty()) return ".";
  bool absolute = path[0] == '/';
  std::vector<std::string> parts;
  size_t i = 0;
  while (i <= path.size()) {
    size_t slash = path.find('/', i);
    if (slash == std::string::npos) slash = path.size();
    std::string part = path.substr(i, slash - i);
    i = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!absolute) {
        parts.push_back(part);
      }
      continue;
    }
    parts.push_back(part);
  }
  std::string out = absolute ? "/" : "";
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k) out += '/';
    out += parts[k];
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
