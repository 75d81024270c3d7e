// The merged file tree of an image: layers stacked base first with overlay semantics, plus the
// per-layer story of every path (added / changed / deleted) and the bytes shipped in layers but
// invisible in the result ("wasted": overwritten or deleted later). Memory is proportional to
// the number of entries; file content is kept only where IndexOptions asked for it.
#ifndef DRYDOCK_IMAGE_MERGED_TREE_H_
#define DRYDOCK_IMAGE_MERGED_TREE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/sha256.h"
#include "image/layer.h"
#include "image/tar_reader.h"

namespace drydock::image {

// Linux's limit on symlinks followed in one lookup.
inline constexpr int kMaxSymlinkHops = 40;

// A path in the merged tree. Hard links are regular files (type kFile, hard_link set) sharing
// their target's content.
struct Node {
  EntryType type = EntryType::kDirectory;
  uint32_t mode = 0755;
  uint32_t uid = 0;
  uint32_t gid = 0;
  uint64_t size = 0;
  int64_t mtime = 0;
  std::string link;          // Symlink text (unresolved), or the path a hard link was made to.
  bool hard_link = false;
  bool implicit = false;     // A parent directory no layer declared (created as 0755 root:root).
  bool has_capabilities = false;
  uint32_t dev_major = 0;
  uint32_t dev_minor = 0;
  int added_layer = 0;       // Layer that created the path (as it now stands).
  int changed_layer = 0;     // Layer that last wrote it.
  int32_t content = -1;      // Index into MergedTree::contents() for regular files.
};

// The bytes of one regular-file entry, shared by its hard links.
struct Content {
  uint64_t size = 0;
  int layer = 0;             // Layer that shipped the bytes.
  std::string path;          // Path the bytes were shipped under.
  uint32_t refs = 0;
  bool has_digest = false;
  Sha256Digest digest{};
  std::string bytes;         // The kept prefix (whole content when complete()).
  bool complete() const { return bytes.size() == size; }
};

enum class ChangeKind { kAdded, kChanged, kDeleted };
std::string_view ChangeKindName(ChangeKind kind);  // "added", "changed", "deleted"

struct Change {
  std::string path;
  ChangeKind kind = ChangeKind::kAdded;
  EntryType type = EntryType::kFile;
  uint64_t size = 0;         // Bytes the layer shipped for the path (0 for deletions).
};

// Bytes shipped for `path` in `layer` that are not visible in the final tree because layer
// `hidden_by` overwrote or deleted them.
struct Wasted {
  std::string path;
  int layer = 0;
  int hidden_by = 0;
  uint64_t size = 0;
};

struct LayerStats {
  uint64_t entries = 0;
  uint64_t file_bytes = 0;   // Sum of regular-file sizes in the layer.
  uint64_t added = 0;
  uint64_t changed = 0;
  uint64_t deleted = 0;
};

class MergedTree {
 public:
  MergedTree();

  // Stacks `layer` (index `index`, base is 0) on what was applied before: its opaque markers
  // and whiteouts first (lower layers only), then its entries in tar order (a later duplicate
  // wins). An entry whose parent is not a directory replaces that parent with one, as overlay
  // does. A hard link to a path that does not exist is an Error.
  Result<LayerStats> ApplyLayer(const LayerRecord& layer, int index);

  // Lexical lookup of a normalised absolute path ("/" is the root); no symlink is followed.
  const Node* Find(std::string_view path) const;
  // Resolves `path` inside the image namespace: `..` stops at the image root, absolute symlink
  // targets restart at the image root, at most kMaxSymlinkHops links. `follow_last` follows a
  // symlink in the final component too (stat vs lstat). The result is a normalised path that
  // exists. Errors: "<path>: No such file or directory", "<path>: Not a directory",
  // "<path>: Too many levels of symbolic links".
  Result<std::string> Resolve(std::string_view path, bool follow_last) const;
  // Calls `fn(name, node)` for each child of directory `path` (normalised), sorted by name.
  void ForEachChild(std::string_view path, const std::function<void(std::string_view, const Node&)>& fn) const;

  // std::less<> lets lookups take a string_view without building a string.
  const std::map<std::string, Node, std::less<>>& nodes() const { return nodes_; }
  const Content& content(int32_t id) const { return contents_[static_cast<size_t>(id)]; }
  const std::vector<Wasted>& wasted() const { return wasted_; }
  // Per layer, in application order.
  const std::vector<std::vector<Change>>& changes() const { return changes_; }
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  void Release(int32_t content, int hidden_by);
  // Removes `path` (unless keep_self) and everything below it, recording deletions.
  void RemoveSubtree(const std::string& path, bool keep_self, int layer, LayerStats& stats);
  void EnsureParent(const std::string& path, int layer, LayerStats& stats);

  std::map<std::string, Node, std::less<>> nodes_;
  std::vector<Content> contents_;
  std::vector<Wasted> wasted_;
  std::vector<std::vector<Change>> changes_;
  std::vector<std::string> warnings_;
};

}  // namespace drydock::image

#endif  // DRYDOCK_IMAGE_MERGED_TREE_H_
