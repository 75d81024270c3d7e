#include "image/image_file_system.h"

namespace drydock::image {

namespace {

std::string Absolute(const std::string& path) { return path.empty() || path[0] != '/' ? "/" + path : path; }

}  // namespace

Result<std::pair<std::string, const Node*>> ImageFileSystem::Stat(const std::string& path, bool follow) const {
  Result<std::string> resolved = tree_.Resolve(Absolute(path), follow);
  if (!resolved.ok()) return MakeError(path + resolved.error().message.substr(Absolute(path).size()));
  const Node* node = tree_.Find(*resolved);
  DD_CHECK(node != nullptr);
  return std::make_pair(*resolved, node);
}

Result<const Content*> ImageFileSystem::FileContent(const std::string& path) const {
  Result<std::pair<std::string, const Node*>> st = Stat(path, true);
  if (!st.ok()) return st.error();
  const Node* node = st->second;
  if (node->type == EntryType::kDirectory) return MakeError(path + ": is a directory");
  if (node->type != EntryType::kFile || node->content < 0) return MakeError(path + ": not a regular file");
  return &tree_.content(node->content);
}

Result<std::string> ImageFileSystem::ReadFile(const std::string& path) const {
  Result<const Content*> c = FileContent(path);
  if (!c.ok()) return c.error();
  const Content& content = **c;
  if (content.complete()) return content.bytes;
  if (content.bytes.empty()) {
    return MakeError(path + ": content not kept by the image index (" + std::to_string(content.size) + " bytes)");
  }
  return MakeError(path + ": only the first " + std::to_string(content.bytes.size()) + " of " +
                   std::to_string(content.size) + " bytes were kept by the image index");
}

Result<std::string> ImageFileSystem::ReadFileHead(const std::string& path) const {
  Result<const Content*> c = FileContent(path);
  if (!c.ok()) return c.error();
  return (*c)->bytes;
}

bool ImageFileSystem::IsFile(const std::string& path) const {
  Result<std::pair<std::string, const Node*>> st = Stat(path, true);
  return st.ok() && st->second->type == EntryType::kFile;
}

bool ImageFileSystem::IsDirectory(const std::string& path) const {
  Result<std::pair<std::string, const Node*>> st = Stat(path, true);
  return st.ok() && st->second->type == EntryType::kDirectory;
}

Result<std::vector<DirectoryEntry>> ImageFileSystem::ListDirectory(const std::string& path) const {
  Result<std::pair<std::string, const Node*>> st = Stat(path, true);
  if (!st.ok()) return st.error();
  if (st->second->type != EntryType::kDirectory) return MakeError(path + ": Not a directory");
  std::vector<DirectoryEntry> entries;
  tree_.ForEachChild(st->first, [&](std::string_view name, const Node& n) {
    DirectoryEntry e;
    e.name = std::string(name);
    switch (n.type) {
      case EntryType::kFile:
        e.type = DirectoryEntry::Type::kFile;
        e.size = n.size;
        break;
      case EntryType::kDirectory: e.type = DirectoryEntry::Type::kDirectory; break;
      case EntryType::kSymlink:
        e.type = DirectoryEntry::Type::kSymlink;
        e.symlink_target = n.link;
        break;
      default: e.type = DirectoryEntry::Type::kOther; break;
    }
    entries.push_back(std::move(e));
  });
  return entries;
}

Result<Sha256Digest> ImageFileSystem::FileSha256(const std::string& path) const {
  Result<const Content*> c = FileContent(path);
  if (!c.ok()) return c.error();
  const Content& content = **c;
  if (content.has_digest) return content.digest;
  if (content.complete()) return Sha256Of(content.bytes);
  return MakeError(path + ": digest not computed by the image index");
}

}  // namespace drydock::image
