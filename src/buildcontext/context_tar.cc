#include "buildcontext/context_tar.h"

#include <algorithm>
#include <cstring>

namespace drydock::buildcontext {

namespace {

constexpr size_t kBlock = 512;
constexpr uint64_t kMaxOctal11 = 077777777777ULL;  // What 11 octal digits hold.

size_t Padded(uint64_t n) { return static_cast<size_t>((n + kBlock - 1) / kBlock * kBlock); }

bool FitsUstarField(const std::string& s, size_t width) {
  if (s.size() > width) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
  });
}

void PutOctal(char* field, size_t width, uint64_t value) {
  // width-1 digits, zero padded, NUL terminated (the form GNU tar and Go write).
  std::string digits(width - 1, '0');
  for (size_t i = width - 1; i-- > 0 && value > 0; value >>= 3) digits[i] = '0' + (value & 7);
  std::memcpy(field, digits.data(), width - 1);
  field[width - 1] = '\0';
}

void PutString(char* field, size_t width, const std::string& s) {
  std::memcpy(field, s.data(), std::min(width, s.size()));
}

// One pax record: "<len> key=value\n", where len counts the whole record.
std::string PaxRecord(const std::string& key, const std::string& value) {
  size_t body = 1 + key.size() + 1 + value.size() + 1;
  size_t len = body + 1;
  while (std::to_string(len).size() + body != len) len = std::to_string(len).size() + body;
  return std::to_string(len) + " " + key + "=" + value + "\n";
}

std::string Header(const std::string& name, char type, uint32_t mode, uint64_t size,
                   int64_t mtime, const std::string& linkname) {
  std::string block(kBlock, '\0');
  char* h = block.data();
  PutString(h + 0, 100, name);
  PutOctal(h + 100, 8, mode);
  PutOctal(h + 108, 8, 0);
  PutOctal(h + 116, 8, 0);
  PutOctal(h + 124, 12, std::min<uint64_t>(size, kMaxOctal11));
  PutOctal(h + 136, 12, mtime > 0 ? static_cast<uint64_t>(mtime) : 0);
  std::memset(h + 148, ' ', 8);
  h[156] = type;
  PutString(h + 157, 100, linkname);
  std::memcpy(h + 257, "ustar\0" "00", 8);
  unsigned sum = 0;
  for (size_t i = 0; i < kBlock; ++i) sum += static_cast<unsigned char>(h[i]);
  PutOctal(h + 148, 7, sum);
  h[155] = ' ';
  return block;
}

struct EntryHeader {
  std::string name;
  std::string linkname;
  char type = '0';
  uint64_t size = 0;
};

EntryHeader Describe(const ContextEntry& entry) {
  EntryHeader h;
  h.name = entry.path;
  switch (entry.type) {
    case DirectoryEntry::Type::kDirectory:
      h.type = '5';
      h.name += "/";
      break;
    case DirectoryEntry::Type::kSymlink:
      h.type = '2';
      h.linkname = entry.symlink_target;
      break;
    default:
      h.type = '0';
      h.size = entry.size;
  }
  return h;
}

std::string PaxFor(const EntryHeader& h) {
  std::string records;
  if (!FitsUstarField(h.name, 100)) records += PaxRecord("path", h.name);
  if (!FitsUstarField(h.linkname, 100)) records += PaxRecord("linkpath", h.linkname);
  if (h.size > kMaxOctal11) records += PaxRecord("size", std::to_string(h.size));
  return records;
}

}  // namespace

ContextTarReader::ContextTarReader(const FileSystem& fs, std::string context_dir,
                                   std::vector<ContextEntry> entries)
    : fs_(fs), context_dir_(std::move(context_dir)), entries_(std::move(entries)) {
  // Devices, sockets and fifos are never sent (Docker's walkers skip them too).
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                [](const ContextEntry& e) {
                                  return e.type == DirectoryEntry::Type::kOther;
                                }),
                 entries_.end());
}

void ContextTarReader::AddMemoryFile(std::string path, std::string content, uint32_t mode) {
  ContextEntry entry;
  entry.path = path;
  entry.type = DirectoryEntry::Type::kFile;
  entry.size = content.size();
  entries_.push_back(std::move(entry));
  memory_files_.emplace_back(std::move(path), std::move(content));
  memory_modes_.push_back(mode);
}

uint64_t ContextTarReader::TotalSize() const {
  uint64_t total = 2 * kBlock;
  for (const ContextEntry& entry : entries_) {
    EntryHeader h = Describe(entry);
    std::string pax = PaxFor(h);
    if (!pax.empty()) total += kBlock + Padded(pax.size());
    total += kBlock + Padded(h.size);
  }
  return total;
}

Result<void> ContextTarReader::LoadNext() {
  pending_.clear();
  pending_offset_ = 0;
  if (next_ == entries_.size()) {
    pending_.assign(2 * kBlock, '\0');
    finished_ = true;
    return {};
  }
  const size_t index = next_++;
  const ContextEntry& entry = entries_[index];
  const size_t first_memory = entries_.size() - memory_files_.size();
  std::string full = JoinPath(context_dir_, entry.path);
  EntryHeader h = Describe(entry);
  if (index >= first_memory) {
    const std::string& content = memory_files_[index - first_memory].second;
    pending_ += Header(h.name, '0', memory_modes_[index - first_memory], content.size(), 0, "");
    pending_ += content;
    pending_.resize(Padded(pending_.size()), '\0');
    return {};
  }
  uint32_t mode = entry.type == DirectoryEntry::Type::kDirectory ? 0755
                  : entry.type == DirectoryEntry::Type::kSymlink ? 0777
                                                                 : 0644;
  int64_t mtime = 0;
  if (Result<FileStat> st = fs_.Stat(full); st.ok()) {
    mode = st->mode;
    mtime = st->mtime_ns / 1000000000;
  }
  std::string content;
  if (h.type == '0') {
    Result<std::string> bytes = fs_.ReadFile(full);
    if (!bytes.ok()) return bytes.error();
    if (bytes->size() != h.size) return MakeError(full + ": changed while sending the context");
    content = std::move(*bytes);
  }
  std::string pax = PaxFor(h);
  if (!pax.empty()) {
    std::string pax_name = "PaxHeaders.0/" + BaseName(entry.path).substr(0, 80);
    pending_ += Header(pax_name, 'x', 0644, pax.size(), mtime, "");
    pending_ += pax;
    pending_.resize(Padded(pending_.size()), '\0');
  }
  std::string name = FitsUstarField(h.name, 100) ? h.name : h.name.substr(0, 100);
  std::string link = FitsUstarField(h.linkname, 100) ? h.linkname : h.linkname.substr(0, 100);
  pending_ += Header(name, h.type, mode, h.size, mtime, link);
  pending_ += content;
  pending_.resize(Padded(pending_.size()), '\0');
  return {};
}

Result<size_t> ContextTarReader::Read(char* buffer, size_t size) {
  size_t written = 0;
  while (written < size) {
    if (pending_offset_ == pending_.size()) {
      if (finished_) break;
      Result<void> loaded = LoadNext();
      if (!loaded.ok()) return loaded.error();
      continue;
    }
    size_t n = std::min(size - written, pending_.size() - pending_offset_);
    std::memcpy(buffer + written, pending_.data() + pending_offset_, n);
    pending_offset_ += n;
    written += n;
  }
  return written;
}

}  // namespace drydock::buildcontext
