#include "image/tar_reader.h"

#include <cstring>
#include <string_view>

namespace drydock::image {

namespace {

constexpr size_t kBlock = 512;

bool AllZero(const char* p, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (p[i] != 0) return false;
  }
  return true;
}

// The C string in a fixed-size field.
std::string Field(const char* p, size_t n) {
  size_t len = 0;
  while (len < n && p[len] != 0) ++len;
  return std::string(p, len);
}

// An octal field (spaces and NULs around it allowed) or GNU base-256 (high bit set).
// Negative base-256 values are rejected (node-tar CVE-2026-59874 looped on them).
std::optional<uint64_t> ParseNumber(const char* p, size_t n) {
  auto b0 = static_cast<uint8_t>(p[0]);
  if (b0 & 0x80) {
    if (b0 == 0xff) return std::nullopt;
    uint64_t v = b0 & 0x7f;
    for (size_t i = 1; i < n; ++i) {
      if (v >> 55) return std::nullopt;
      v = (v << 8) | static_cast<uint8_t>(p[i]);
    }
    return v;
  }
  size_t i = 0;
  while (i < n && (p[i] == ' ' || p[i] == 0)) ++i;
  uint64_t v = 0;
  bool any = false;
  for (; i < n && p[i] >= '0' && p[i] <= '7'; ++i) {
    if (v >> 60) return std::nullopt;
    v = v * 8 + static_cast<uint64_t>(p[i] - '0');
    any = true;
  }
  for (; i < n; ++i) {
    if (p[i] != ' ' && p[i] != 0) return std::nullopt;
  }
  if (!any) return uint64_t{0};
  return v;
}

std::optional<uint64_t> ParseDecimal(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

}  // namespace

std::string_view EntryTypeName(EntryType type) {
  switch (type) {
    case EntryType::kFile: return "file";
    case EntryType::kHardLink: return "hardlink";
    case EntryType::kSymlink: return "symlink";
    case EntryType::kCharDevice: return "char";
    case EntryType::kBlockDevice: return "block";
    case EntryType::kDirectory: return "dir";
    case EntryType::kFifo: return "fifo";
  }
  return "file";
}

TarReader::TarReader(ByteSource& source, std::string what, TarLimits limits)
    : source_(source), what_(std::move(what)), limits_(limits), body_(source, 0, what_) {}

Result<void> TarReader::FinishBody() {
  if (body_.remaining() > 0) {
    Result<uint64_t> drained = Drain(body_);
    if (!drained.ok()) return drained.error();
  }
  uint64_t pad = padding_;
  padding_ = 0;
  if (pad > 0) return Skip(source_, pad, what_);
  return {};
}

Result<std::string> TarReader::ReadRecord(uint64_t size, size_t cap, std::string_view kind) {
  if (size > cap) {
    return MakeError(what_ + ": " + std::string(kind) + " of " + std::to_string(size) +
                     " bytes exceeds the limit of " + std::to_string(cap));
  }
  std::string data(static_cast<size_t>(size), '\0');
  Result<size_t> n = ReadFull(source_, data.data(), data.size());
  if (!n.ok()) return n.error();
  if (*n != data.size()) return MakeError(what_ + ": unexpected end of stream inside a " + std::string(kind));
  uint64_t pad = (kBlock - size % kBlock) % kBlock;
  if (pad > 0) {
    Result<void> s = Skip(source_, pad, what_);
    if (!s.ok()) return s.error();
  }
  return data;
}

Result<std::optional<TarEntry>> TarReader::Next() {
  if (ended_) return std::optional<TarEntry>();
  Result<void> finished = FinishBody();
  if (!finished.ok()) return finished.error();

  std::optional<std::string> long_name, long_link;
  std::vector<std::pair<std::string, std::string>> pax;
  for (int extension = 0;; ++extension) {
    if (extension > 16) return MakeError(what_ + ": too many extension headers in a row");
    char h[kBlock];
    Result<size_t> n = ReadFull(source_, h, kBlock);
    if (!n.ok()) return n.error();
    if (*n == 0 && extension == 0) {
      ended_ = true;
      return std::optional<TarEntry>();
    }
    if (*n != kBlock && first_) {
      return MakeError(what_ + ": not a tar archive (" + std::to_string(*n) + " bytes)");
    }
    if (*n != kBlock) return MakeError(what_ + ": unexpected end of stream inside a tar header");
    if (AllZero(h, kBlock)) {
      if (extension > 0) return MakeError(what_ + ": extension header not followed by an entry");
      ended_ = true;  // The second zero block (if any) and padding are left to the caller to drain.
      return std::optional<TarEntry>();
    }
    // Checksum: the sum of all bytes with the checksum field read as spaces (unsigned, or
    // signed as some old tars wrote it).
    std::optional<uint64_t> stored = ParseNumber(h + 148, 8);
    uint64_t usum = 0;
    int64_t ssum = 0;
    for (size_t i = 0; i < kBlock; ++i) {
      char c = (i >= 148 && i < 156) ? ' ' : h[i];
      usum += static_cast<uint8_t>(c);
      ssum += static_cast<signed char>(c);
    }
    if (!stored || (*stored != usum && static_cast<int64_t>(*stored) != ssum)) {
      if (first_) return MakeError(what_ + ": not a tar archive (no valid tar header at the start)");
      return MakeError(what_ + ": invalid tar header (checksum mismatch)");
    }
    first_ = false;
    std::optional<uint64_t> size = ParseNumber(h + 124, 12);
    if (!size) return MakeError(what_ + ": invalid size field in a tar header");
    if (*size > (uint64_t{1} << 40)) return MakeError(what_ + ": entry size " + std::to_string(*size) + " is absurd");
    char flag = h[156];
    bool posix = std::memcmp(h + 257, "ustar\0", 6) == 0;
    bool gnu = std::memcmp(h + 257, "ustar  \0", 8) == 0;

    if (flag == 'x' || flag == 'g') {
      Result<std::string> data = ReadRecord(*size, limits_.max_pax_bytes, "pax header");
      if (!data.ok()) return data.error();
      if (flag == 'g') continue;  // Global defaults: ignored, as Docker's go-archive does.
      std::string_view rest = *data;
      while (!rest.empty()) {
        size_t sp = rest.find(' ');
        if (sp == std::string_view::npos) return MakeError(what_ + ": malformed pax record");
        std::optional<uint64_t> len = ParseDecimal(rest.substr(0, sp));
        if (!len || *len <= sp + 1 || *len > rest.size() || rest[*len - 1] != '\n') {
          return MakeError(what_ + ": malformed pax record");
        }
        std::string_view kv = rest.substr(sp + 1, *len - sp - 2);
        size_t eq = kv.find('=');
        if (eq == std::string_view::npos) return MakeError(what_ + ": malformed pax record");
        pax.emplace_back(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
        rest.remove_prefix(*len);
      }
      continue;
    }
    if (flag == 'L' || flag == 'K') {
      Result<std::string> data = ReadRecord(*size, limits_.max_long_name_bytes, "GNU long name");
      if (!data.ok()) return data.error();
      std::string value = Field(data->data(), data->size());
      (flag == 'L' ? long_name : long_link) = std::move(value);
      continue;
    }
    if (flag == 'S') return MakeError(what_ + ": sparse entry '" + Field(h, 100) + "' is not supported");

    TarEntry e;
    e.name = Field(h, 100);
    if (posix) {
      std::string prefix = Field(h + 345, 155);
      if (!prefix.empty()) e.name = prefix + "/" + e.name;
    }
    e.link_name = Field(h + 157, 100);
    std::optional<uint64_t> mode = ParseNumber(h + 100, 8);
    std::optional<uint64_t> uid = ParseNumber(h + 108, 8);
    std::optional<uint64_t> gid = ParseNumber(h + 116, 8);
    std::optional<uint64_t> mtime = ParseNumber(h + 136, 12);
    std::optional<uint64_t> major = ParseNumber(h + 329, 8);
    std::optional<uint64_t> minor = ParseNumber(h + 337, 8);
    if (!mode || !uid || !gid || !mtime || *uid > UINT32_MAX || *gid > UINT32_MAX) {
      return MakeError(what_ + ": invalid numeric field in the tar header of '" + e.name + "'");
    }
    e.mode = static_cast<uint32_t>(*mode & 07777);
    e.uid = static_cast<uint32_t>(*uid);
    e.gid = static_cast<uint32_t>(*gid);
    e.mtime = static_cast<int64_t>(*mtime);
    if ((posix || gnu) && major && minor) {
      e.dev_major = static_cast<uint32_t>(*major);
      e.dev_minor = static_cast<uint32_t>(*minor);
    }
    e.size = *size;
    if (long_name) e.name = *long_name;
    if (long_link) e.link_name = *long_link;
    for (auto& [key, value] : pax) {
      if (key == "path") {
        e.name = value;
      } else if (key == "linkpath") {
        e.link_name = value;
      } else if (key == "size") {
        std::optional<uint64_t> v = ParseDecimal(value);
        if (!v || *v > (uint64_t{1} << 40)) return MakeError(what_ + ": invalid pax size '" + value + "'");
        e.size = *v;
      } else if (key == "uid" || key == "gid") {
        std::optional<uint64_t> v = ParseDecimal(value);
        if (!v || *v > UINT32_MAX) return MakeError(what_ + ": invalid pax " + key + " '" + value + "'");
        (key == "uid" ? e.uid : e.gid) = static_cast<uint32_t>(*v);
      } else if (key == "mtime") {
        std::optional<uint64_t> v = ParseDecimal(value.substr(0, value.find('.')));
        if (v) e.mtime = static_cast<int64_t>(*v);
      } else if (key.rfind("GNU.sparse.", 0) == 0) {
        return MakeError(what_ + ": sparse entry '" + e.name + "' is not supported");
      } else if (key.rfind("SCHILY.xattr.", 0) == 0) {
        e.xattrs.emplace_back(key.substr(13), value);
      }
    }
    if (e.name.size() > limits_.max_path_bytes || e.link_name.size() > limits_.max_path_bytes) {
      return MakeError(what_ + ": entry name longer than " + std::to_string(limits_.max_path_bytes) + " bytes");
    }
    if (e.name.find('\0') != std::string::npos || e.link_name.find('\0') != std::string::npos) {
      return MakeError(what_ + ": entry name contains a NUL byte");
    }
    if (e.name.empty()) return MakeError(what_ + ": entry with an empty name");
    uint64_t body_size = e.size;
    switch (flag) {
      case '0': case '\0': case '7':
        e.type = !e.name.empty() && e.name.back() == '/' ? EntryType::kDirectory : EntryType::kFile;
        break;
      case '1': e.type = EntryType::kHardLink; break;
      case '2': e.type = EntryType::kSymlink; break;
      case '3': e.type = EntryType::kCharDevice; break;
      case '4': e.type = EntryType::kBlockDevice; break;
      case '5': e.type = EntryType::kDirectory; break;
      case '6': e.type = EntryType::kFifo; break;
      default: {
        std::string shown = flag >= 0x20 && flag < 0x7f ? std::string(1, flag) : "\\x" + std::to_string(static_cast<uint8_t>(flag));
        return MakeError(what_ + ": entry '" + e.name + "' has unsupported tar type '" + shown + "'");
      }
    }
    // Only regular files carry a body that belongs to them; a size on anything else is skipped
    // (hard links written with a size by some tools carry their target's bytes again).
    if (e.type != EntryType::kFile) e.size = 0;
    body_ = LimitedByteSource(source_, body_size, what_ + ": body of '" + e.name + "'");
    padding_ = (kBlock - body_size % kBlock) % kBlock;
    if (e.type != EntryType::kFile && body_size > 0) {
      Result<void> s = FinishBody();
      if (!s.ok()) return s.error();
    }
    return std::optional<TarEntry>(std::move(e));
  }
}

}  // namespace drydock::image
