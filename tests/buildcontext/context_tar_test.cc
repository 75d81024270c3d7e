#include "buildcontext/context_tar.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drydock::buildcontext {
namespace {

// Everything the reader produces, pulled `chunk` bytes at a time.
std::string Drain(ContextTarReader& reader, size_t chunk) {
  std::string out;
  std::vector<char> buffer(chunk);
  for (;;) {
    Result<size_t> n = reader.Read(buffer.data(), buffer.size());
    EXPECT_TRUE(n.ok()) << n.error().message;
    if (!n.ok() || *n == 0) break;
    out.append(buffer.data(), *n);
  }
  return out;
}

// The tar as libarchive reads it back: one line per entry.
std::string Listing(const std::string& tar) {
  archive* a = archive_read_new();
  archive_read_support_format_tar(a);
  EXPECT_EQ(archive_read_open_memory(a, tar.data(), tar.size()), ARCHIVE_OK);
  std::string out;
  archive_entry* entry;
  while (archive_read_next_header(a, &entry) == ARCHIVE_OK) {
    char line[64];
    std::snprintf(line, sizeof line, " %o %lld %lld %d:%d", archive_entry_perm(entry),
                  static_cast<long long>(archive_entry_size(entry)),
                  static_cast<long long>(archive_entry_mtime(entry)),
                  static_cast<int>(archive_entry_uid(entry)),
                  static_cast<int>(archive_entry_gid(entry)));
    std::string kind = archive_entry_filetype(entry) == AE_IFDIR   ? "dir"
                       : archive_entry_filetype(entry) == AE_IFLNK ? "link"
                                                                   : "file";
    out += kind + " " + archive_entry_pathname(entry) + line;
    if (archive_entry_symlink(entry) != nullptr) {
      out += std::string(" -> ") + archive_entry_symlink(entry);
    }
    std::string content;
    char buf[4096];
    la_ssize_t n;
    while ((n = archive_read_data(a, buf, sizeof buf)) > 0) content.append(buf, n);
    if (!content.empty()) out += " \"" + content + "\"";
    out += "\n";
  }
  archive_read_free(a);
  return out;
}

TEST(ContextTarTest, ReadsBackWithModesSymlinksAndLongPaths) {
  MemoryFileSystem fs;
  std::string long_name(120, 'n');
  fs.Write("/ctx/Dockerfile", "FROM scratch\n");  // mtime 1 (logical clock): 0 seconds.
  fs.Write("/ctx/app/run.sh", "#!/bin/sh\n");
  fs.SetMode("/ctx/app/run.sh", 0755);
  fs.Write("/ctx/app/" + long_name, "long");
  fs.Symlink("/ctx/app/link", "run.sh");
  std::vector<ContextEntry> entries = {
      {"Dockerfile", DirectoryEntry::Type::kFile, 13, ""},
      {"app", DirectoryEntry::Type::kDirectory, 0, ""},
      {"app/" + long_name, DirectoryEntry::Type::kFile, 4, ""},
      {"app/link", DirectoryEntry::Type::kSymlink, 0, "run.sh"},
      {"app/run.sh", DirectoryEntry::Type::kFile, 10, ""},
  };
  ContextTarReader reader(fs, "/ctx", entries);
  uint64_t total = reader.TotalSize();
  std::string tar = Drain(reader, 7);
  EXPECT_EQ(tar.size(), total);
  EXPECT_EQ(tar.size() % 512, 0u);
  EXPECT_EQ(Listing(tar),
            "file Dockerfile 644 13 0 0:0 \"FROM scratch\n\"\n"
            "dir app/ 755 0 0 0:0\n"
            "file app/" + long_name + " 644 4 0 0:0 \"long\"\n"
            "link app/link 777 0 0 0:0 -> run.sh\n"
            "file app/run.sh 755 10 0 0:0 \"#!/bin/sh\n\"\n");
  // The chunk size does not change a byte.
  ContextTarReader again(fs, "/ctx", entries);
  EXPECT_EQ(Drain(again, 1), tar);
  ContextTarReader big(fs, "/ctx", entries);
  EXPECT_EQ(Drain(big, 1 << 20), tar);
}

TEST(ContextTarTest, MemoryFilesComeAfterTheWalkedEntries) {
  MemoryFileSystem fs;
  fs.Write("/ctx/a", "A");
  ContextTarReader reader(fs, "/ctx", {{"a", DirectoryEntry::Type::kFile, 1, ""}});
  reader.AddMemoryFile(".drydock-dockerfile.0123", "FROM scratch\n");
  uint64_t total = reader.TotalSize();
  std::string tar = Drain(reader, 333);
  EXPECT_EQ(tar.size(), total);
  EXPECT_EQ(Listing(tar),
            "file a 644 1 0 0:0 \"A\"\n"
            "file .drydock-dockerfile.0123 644 13 0 0:0 \"FROM scratch\n\"\n");
}

TEST(ContextTarTest, EmptyContextIsTwoZeroBlocks) {
  MemoryFileSystem fs;
  ContextTarReader reader(fs, "/ctx", {});
  EXPECT_EQ(reader.TotalSize(), 1024u);
  EXPECT_EQ(Drain(reader, 100), std::string(1024, '\0'));
}

TEST(ContextTarTest, AFileThatChangedSizeSinceTheWalkIsAnError) {
  MemoryFileSystem fs;
  fs.Write("/ctx/a", "grown");
  ContextTarReader reader(fs, "/ctx", {{"a", DirectoryEntry::Type::kFile, 2, ""}});
  char buffer[4096];
  Result<size_t> n = reader.Read(buffer, sizeof buffer);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().message, "/ctx/a: changed while sending the context");
}

}  // namespace
}  // namespace drydock::buildcontext
