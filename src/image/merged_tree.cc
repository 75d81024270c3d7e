#include "image/merged_tree.h"

namespace drydock::image {

namespace {

std::string ParentOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Keys of `path`'s strict descendants are exactly [path + "/", path + "0"): '0' follows '/'.
std::string SubtreeBegin(std::string_view path) { return path == "/" ? "/" : std::string(path) + "/"; }
std::string SubtreeEnd(std::string_view path) { return path == "/" ? "0" : std::string(path) + "0"; }

}  // namespace

std::string_view ChangeKindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdded: return "added";
    case ChangeKind::kChanged: return "changed";
    case ChangeKind::kDeleted: return "deleted";
  }
  return "added";
}

MergedTree::MergedTree() {
  Node root;
  root.implicit = true;
  nodes_.emplace("/", root);
}

const Node* MergedTree::Find(std::string_view path) const {
  auto it = nodes_.find(path);
  return it == nodes_.end() ? nullptr : &it->second;
}

void MergedTree::Release(int32_t id, int hidden_by) {
  if (id < 0) return;
  Content& c = contents_[static_cast<size_t>(id)];
  DD_CHECK(c.refs > 0);
  if (--c.refs == 0) {
    if (c.size > 0) wasted_.push_back({c.path, c.layer, hidden_by, c.size});
    std::string().swap(c.bytes);
  }
}

void MergedTree::RemoveSubtree(const std::string& path, bool keep_self, int layer, LayerStats& stats) {
  auto begin = nodes_.lower_bound(SubtreeBegin(path));
  auto end = nodes_.lower_bound(SubtreeEnd(path));
  for (auto it = begin; it != end; ++it) {
    if (it->first == "/") continue;
    Release(it->second.content, layer);
    changes_.back().push_back({it->first, ChangeKind::kDeleted, it->second.type, 0});
    ++stats.deleted;
  }
  // The root sorts first in its own range; keep it.
  if (path == "/" && begin != end && begin->first == "/") ++begin;
  nodes_.erase(begin, end);
  if (!keep_self && path != "/") {
    auto self = nodes_.find(path);
    if (self != nodes_.end()) {
      Release(self->second.content, layer);
      changes_.back().push_back({path, ChangeKind::kDeleted, self->second.type, 0});
      ++stats.deleted;
      nodes_.erase(self);
    }
  }
}

void MergedTree::EnsureParent(const std::string& path, int layer, LayerStats& stats) {
  if (path == "/") return;
  auto it = nodes_.find(path);
  if (it != nodes_.end() && it->second.type == EntryType::kDirectory) return;
  EnsureParent(ParentOf(path), layer, stats);
  int added = layer;
  if (it != nodes_.end()) {
    // A non-directory in a lower layer is replaced by the directory this layer's entries need.
    added = it->second.added_layer;
    Release(it->second.content, layer);
    nodes_.erase(it);
    changes_.back().push_back({path, ChangeKind::kChanged, EntryType::kDirectory, 0});
    ++stats.changed;
  } else {
    changes_.back().push_back({path, ChangeKind::kAdded, EntryType::kDirectory, 0});
    ++stats.added;
  }
  Node dir;
  dir.implicit = true;
  dir.added_layer = added;
  dir.changed_layer = layer;
  nodes_.emplace(path, dir);
}

Result<LayerStats> MergedTree::ApplyLayer(const LayerRecord& layer, int index) {
  LayerStats stats;
  changes_.emplace_back();
  for (const std::string& dir : layer.opaque_dirs) {
    const Node* n = Find(dir);
    if (n != nullptr && n->type == EntryType::kDirectory) RemoveSubtree(dir, /*keep_self=*/true, index, stats);
  }
  for (const std::string& path : layer.whiteouts) {
    if (Find(path) != nullptr) RemoveSubtree(path, /*keep_self=*/false, index, stats);
  }
  for (const LayerFile& f : layer.entries) {
    ++stats.entries;
    if (f.type == EntryType::kFile) stats.file_bytes += f.size;
    Node node;
    node.type = f.type;
    node.mode = f.mode;
    node.uid = f.uid;
    node.gid = f.gid;
    node.size = f.type == EntryType::kFile ? f.size : 0;
    node.mtime = f.mtime;
    node.link = f.link;
    node.dev_major = f.dev_major;
    node.dev_minor = f.dev_minor;
    node.has_capabilities = f.has_capabilities;
    node.added_layer = index;
    node.changed_layer = index;
    if (f.type == EntryType::kHardLink) {
      const Node* target = Find(f.link);
      if (target == nullptr) {
        return MakeError("layer " + std::to_string(index) + ": hard link '" + f.path + "' to '" + f.link +
                         "', which does not exist");
      }
      if (target->type == EntryType::kDirectory) {
        return MakeError("layer " + std::to_string(index) + ": hard link '" + f.path + "' to directory '" + f.link + "'");
      }
      // link(2) shares the inode: the target's type and bytes; the header's mode and owner are
      // applied to it as go-archive does (chmod/lchown after linking).
      node.type = target->type;
      node.size = target->size;
      node.link = target->type == EntryType::kSymlink ? target->link : f.link;
      node.hard_link = target->type == EntryType::kFile;
      node.dev_major = target->dev_major;
      node.dev_minor = target->dev_minor;
      node.content = target->content;
      if (node.content >= 0) ++contents_[static_cast<size_t>(node.content)].refs;
      if (target->type == EntryType::kSymlink) {
        node.mode = target->mode;
        node.uid = target->uid;
        node.gid = target->gid;
      }
    } else if (f.type == EntryType::kFile) {
      Content c;
      c.size = f.size;
      c.layer = index;
      c.path = f.path;
      c.refs = 1;
      c.has_digest = f.has_digest;
      c.digest = f.digest;
      c.bytes = f.content;
      node.content = static_cast<int32_t>(contents_.size());
      contents_.push_back(std::move(c));
    }
    if (f.path == "/") {
      if (node.type != EntryType::kDirectory) {
        return MakeError("layer " + std::to_string(index) + ": the image root is not a directory");
      }
      Node& root = nodes_["/"];
      node.added_layer = root.implicit && index == 0 ? 0 : root.added_layer;
      root = node;
      continue;
    }
    EnsureParent(ParentOf(f.path), index, stats);
    auto it = nodes_.find(f.path);
    ChangeKind kind = ChangeKind::kAdded;
    if (it != nodes_.end()) {
      Node& old = it->second;
      if (old.type == EntryType::kDirectory && node.type == EntryType::kDirectory) {
        bool same = old.mode == node.mode && old.uid == node.uid && old.gid == node.gid;
        node.added_layer = old.added_layer;
        if (same) node.changed_layer = old.changed_layer;
        old = node;
        if (!same) {
          changes_.back().push_back({f.path, ChangeKind::kChanged, node.type, 0});
          ++stats.changed;
        }
        continue;
      }
      if (old.changed_layer == index && !old.implicit) {
        // The spec forbids duplicates within a layer; extractors let the last one win.
        warnings_.push_back("layer " + std::to_string(index) + ": '" + f.path +
                            "' appears twice; the later entry wins");
      }
      if (old.type == EntryType::kDirectory) RemoveSubtree(f.path, /*keep_self=*/true, index, stats);
      Release(old.content, index);
      kind = ChangeKind::kChanged;
      node.added_layer = old.added_layer;
      old = std::move(node);
    } else {
      it = nodes_.emplace(f.path, std::move(node)).first;
    }
    changes_.back().push_back({f.path, kind, it->second.type, f.type == EntryType::kFile ? f.size : 0});
    ++(kind == ChangeKind::kAdded ? stats.added : stats.changed);
  }
  return stats;
}

namespace {

// "/", or "/" followed by non-empty components none of which is "." or "..".
bool IsNormalisedAbsolute(std::string_view path) {
  if (path.empty() || path[0] != '/') return false;
  if (path.size() == 1) return true;
  if (path.back() == '/') return false;
  for (size_t i = 1; i <= path.size();) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view part = path.substr(i, j - i);
    if (part.empty() || part == "." || part == "..") return false;
    i = j + 1;
  }
  return true;
}

}  // namespace

Result<std::string> MergedTree::Resolve(std::string_view path, bool follow_last) const {
  // Every node's ancestors are directories (ApplyLayer replaces a non-directory parent with one
  // and drops a directory's subtree when something else replaces it), so a normalised path that
  // exists resolves to itself unless its last component is a symlink to follow. This is the
  // common case (RECORD files, stdlib lookups) and costs one lookup instead of one per component.
  if (IsNormalisedAbsolute(path)) {
    if (const Node* node = Find(path); node != nullptr && (node->type != EntryType::kSymlink || !follow_last)) {
      return std::string(path);
    }
  }
  std::vector<std::string> pending;  // Components still to walk, next one last.
  auto push = [&pending](std::string_view p) {
    std::vector<std::string> parts;
    size_t i = 0;
    while (i <= p.size()) {
      size_t j = p.find('/', i);
      if (j == std::string_view::npos) j = p.size();
      if (j > i) parts.emplace_back(p.substr(i, j - i));
      i = j + 1;
    }
    pending.insert(pending.end(), parts.rbegin(), parts.rend());
  };
  push(path);
  std::string current;  // Resolved so far, "" for the root.
  int hops = 0;
  while (!pending.empty()) {
    std::string part = std::move(pending.back());
    pending.pop_back();
    if (part == ".") continue;
    if (part == "..") {
      size_t slash = current.rfind('/');
      current = slash == std::string::npos ? "" : current.substr(0, slash);
      continue;
    }
    std::string next = current + "/" + part;
    const Node* node = Find(next);
    if (node == nullptr) return MakeError(std::string(path) + ": No such file or directory");
    if (node->type == EntryType::kSymlink && (!pending.empty() || follow_last)) {
      if (++hops > kMaxSymlinkHops) return MakeError(std::string(path) + ": Too many levels of symbolic links");
      if (!node->link.empty() && node->link[0] == '/') current.clear();
      push(node->link);
      continue;
    }
    if (!pending.empty() && node->type != EntryType::kDirectory) {
      return MakeError(std::string(path) + ": Not a directory");
    }
    current = std::move(next);
  }
  return current.empty() ? std::string("/") : current;
}

void MergedTree::ForEachChild(std::string_view path,
                              const std::function<void(std::string_view, const Node&)>& fn) const {
  std::string prefix = SubtreeBegin(path);
  auto end = nodes_.lower_bound(SubtreeEnd(path));
  auto it = nodes_.lower_bound(prefix);
  while (it != end) {
    if (it->first == "/") {
      ++it;
      continue;
    }
    std::string_view rest = std::string_view(it->first).substr(prefix.size());
    size_t slash = rest.find('/');
    if (slash == std::string_view::npos) {
      fn(rest, it->second);
      ++it;
    } else {
      // A descendant whose parent was not listed (cannot happen with the parent invariant, but
      // skipping its whole subtree keeps this linear in the number of children either way).
      it = nodes_.lower_bound(prefix + std::string(rest.substr(0, slash)) + "0");
    }
  }
}

}  // namespace drydock::image
