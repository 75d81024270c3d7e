#include "build/hash_cache.h"

#include <optional>

#include "build/json.h"

namespace drydock::build {

namespace {

std::optional<Sha256Digest> FromHex(const std::string& hex) {
  if (hex.size() != 64) return std::nullopt;
  Sha256Digest d{};
  for (size_t i = 0; i < 32; ++i) {
    auto nibble = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      return -1;
    };
    int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    d[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return d;
}

}  // namespace

void HashCache::Load(const std::string& json_text) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
  reads_ = 0;
  Json doc = Json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("files") || !doc["files"].is_object()) return;
  for (const auto& [path, e] : doc["files"].items()) {
    if (!e.is_object()) continue;
    const Json& size = e.value("size", Json());
    const Json& mtime = e.value("mtime_ns", Json());
    const Json& inode = e.value("inode", Json());
    const Json& sha = e.value("sha256", Json());
    if (!size.is_number_unsigned() || !mtime.is_number_integer() ||
        !inode.is_number_unsigned() || !sha.is_string()) {
      continue;
    }
    std::optional<Sha256Digest> digest = FromHex(sha.get<std::string>());
    if (!digest) continue;
    Entry entry;
    entry.size = size.get<uint64_t>();
    entry.mtime_ns = mtime.get<int64_t>();
    entry.inode = inode.get<uint64_t>();
    entry.digest = *digest;
    entries_[path] = entry;
  }
}

std::string HashCache::Serialize() const {
  std::lock_guard<std::mutex> lock(mu_);
  Json files = Json::object();
  for (const auto& [path, e] : entries_) {
    files[path] = {{"size", e.size}, {"mtime_ns", e.mtime_ns}, {"inode", e.inode},
                   {"sha256", ToHex(e.digest)}};
  }
  Json doc = {{"version", 1}, {"files", files}};
  return doc.dump(1) + "\n";
}

Result<Sha256Digest> HashCache::FileHash(const FileSystem& fs, const std::string& path,
                                         const FileStat& stat) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(path);
    if (it != entries_.end() && it->second.size == stat.size &&
        it->second.mtime_ns == stat.mtime_ns && it->second.inode == stat.inode) {
      it->second.used = true;
      return it->second.digest;
    }
  }
  Result<Sha256Digest> digest = fs.FileSha256(path);
  if (!digest.ok()) return digest;
  std::lock_guard<std::mutex> lock(mu_);
  ++reads_;
  entries_[path] = Entry{stat.size, stat.mtime_ns, stat.inode, *digest, true};
  return digest;
}

int HashCache::reads() const {
  std::lock_guard<std::mutex> lock(mu_);
  return reads_;
}

}  // namespace drydock::build
