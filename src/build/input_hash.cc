#include "build/input_hash.h"

#include <algorithm>
#include <cstdint>

namespace drydock::build {

namespace {

// Length-prefixed fields, so no two different input sets can produce the same byte stream.
class Encoder {
 public:
  void Field(char tag, std::string_view bytes) {
    uint64_t n = bytes.size();
    char head[9];
    head[0] = tag;
    for (int i = 0; i < 8; ++i) head[1 + i] = static_cast<char>((n >> (56 - 8 * i)) & 0xff);
    sha_.Update(head, sizeof head);
    sha_.Update(bytes);
  }
  void Number(char tag, uint64_t n) { Field(tag, std::to_string(n)); }
  std::string Finish() { return ToHex(sha_.Finish()); }

 private:
  Sha256 sha_;
};

char TypeTag(DirectoryEntry::Type type) {
  switch (type) {
    case DirectoryEntry::Type::kFile: return 'f';
    case DirectoryEntry::Type::kDirectory: return 'd';
    case DirectoryEntry::Type::kSymlink: return 'l';
    case DirectoryEntry::Type::kOther: return 'o';
  }
  return 'o';
}

}  // namespace

Result<std::string> ComputeInputHash(const FileSystem& fs, HashCache& cache,
                                     const HashInputs& inputs) {
  Encoder e;
  e.Field('V', "drydock input hash v1");
  e.Field('D', inputs.dockerfile);
  // Sorted by path: the hash must not depend on the walker's order, only on what is sent.
  std::vector<const buildcontext::ContextEntry*> entries;
  for (const auto& entry : inputs.context) entries.push_back(&entry);
  std::sort(entries.begin(), entries.end(),
            [](const auto* a, const auto* b) { return a->path < b->path; });
  for (const buildcontext::ContextEntry* entry : entries) {
    std::string full = JoinPath(inputs.context_dir, entry->path);
    Result<FileStat> stat = fs.Stat(full);
    if (!stat.ok()) return stat.error();
    e.Field('P', entry->path);
    e.Field('T', std::string(1, TypeTag(stat->type)));
    e.Number('M', stat->mode);
    if (stat->type == DirectoryEntry::Type::kFile) {
      e.Number('S', stat->size);
      Result<Sha256Digest> digest = cache.FileHash(fs, full, *stat);
      if (!digest.ok()) return digest.error();
      e.Field('C', std::string_view(reinterpret_cast<const char*>(digest->data()),
                                    digest->size()));
    } else if (stat->type == DirectoryEntry::Type::kSymlink) {
      e.Field('L', entry->symlink_target);
    }
  }
  for (const auto& [name, value] : inputs.build_args) {
    e.Field('A', name);
    e.Field('a', value);
  }
  e.Field('G', inputs.target_stage);
  e.Field('F', inputs.platform);
  for (const ParentImage& parent : inputs.parents) {
    e.Field('R', parent.target);
    e.Field('I', parent.image_id);
  }
  return e.Finish();
}

}  // namespace drydock::build
