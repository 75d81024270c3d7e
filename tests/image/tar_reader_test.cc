#include "image/tar_reader.h"

#include <gtest/gtest.h>

#include "image/byte_source.h"
#include "image/layer.h"
#include "testing/tar_builder.h"

namespace drydock::image {
namespace {

using testing::TarBuilder;

std::string List(const std::string& tar) {
  MemoryByteSource src{std::string_view(tar)};
  TarReader reader(src, "t.tar");
  std::string out;
  for (;;) {
    Result<std::optional<TarEntry>> e = reader.Next();
    if (!e.ok()) return out + "error: " + e.error().message + "\n";
    if (!e->has_value()) return out;
    const TarEntry& t = **e;
    Result<std::string> body = ReadAll(reader.body(), 1 << 20, "body");
    out += std::string(EntryTypeName(t.type)) + " " + t.name + (t.link_name.empty() ? "" : " -> " + t.link_name) + " " +
           std::to_string(t.mode) + " " + std::to_string(t.uid) + ":" + std::to_string(t.gid) + " " +
           std::to_string(t.size) + " [" + (body.ok() ? *body : body.error().message) + "]\n";
  }
}

TEST(TarReader, UstarPaxAndGnuLongNames) {
  std::string long_name = "a/" + std::string(150, 'n');
  std::string long_link = "/" + std::string(120, 'l');
  TarBuilder::Meta meta;
  meta.uid = 1000;
  meta.gid = 1001;
  meta.pax = {{"uid", "3000000"}, {"SCHILY.xattr.security.capability", "x"}};
  std::string pax = TarBuilder().File("x", "hi").File(long_name, "body").Symlink("s", long_link).File("owned", "", meta).Finish();
  EXPECT_EQ(List(pax), "file x 420 0:0 2 [hi]\n"
                       "file " + long_name + " 420 0:0 4 [body]\n"
                       "symlink s -> " + long_link + " 511 0:0 0 []\n"
                       "file owned 420 3000000:1001 0 []\n");
  std::string gnu = TarBuilder(TarBuilder::Format::kGnu).File(long_name, "g").HardLink("h", long_name).Finish();
  EXPECT_EQ(List(gnu), "file " + long_name + " 420 0:0 1 [g]\nhardlink h -> " + long_name + " 420 0:0 0 []\n");
}

TEST(TarReader, SparseIsUnsupported) {
  EXPECT_EQ(List(TarBuilder().Raw('S', "sparse", "").Finish()), "error: t.tar: sparse entry 'sparse' is not supported\n");
  TarBuilder::Meta meta;
  meta.pax = {{"GNU.sparse.major", "1"}};
  EXPECT_EQ(List(TarBuilder().File("f", "", meta).Finish()), "error: t.tar: sparse entry 'f' is not supported\n");
}

TEST(TarReader, HostileHeaders) {
  std::string tar = TarBuilder().File("f", "data").Finish();
  std::string bad_sum = tar;
  bad_sum[0] = 'g';
  EXPECT_EQ(List(bad_sum), "error: t.tar: not a tar archive (no valid tar header at the start)\n");
  std::string two = TarBuilder().File("f", "data").File("g", "").Finish();
  two[1024] = 'h';
  EXPECT_EQ(List(two), "file f 420 0:0 4 [data]\nerror: t.tar: invalid tar header (checksum mismatch)\n");
  EXPECT_EQ(List(tar.substr(0, 700)), "file f 420 0:0 4 [data]\nerror: t.tar: unexpected end of stream\n");
  EXPECT_EQ(List(tar.substr(0, 514)),
            "file f 420 0:0 4 [t.tar: body of 'f': unexpected end of stream (2 bytes missing)]\n"
            "error: t.tar: body of 'f': unexpected end of stream (2 bytes missing)\n");
  TarBuilder::Meta meta;
  meta.pax = {{"comment", std::string(2 << 20, 'x')}};
  EXPECT_EQ(List(TarBuilder().File("f", "", meta).Finish()),
            "error: t.tar: pax header of 2097169 bytes exceeds the limit of 1048576\n");
  EXPECT_EQ(List(TarBuilder().Raw('D', "weird", "").Finish()), "error: t.tar: entry 'weird' has unsupported tar type 'D'\n");
}

TEST(NormalizeMemberPath, Forms) {
  EXPECT_EQ(*NormalizeMemberPath("./etc//passwd"), "/etc/passwd");
  EXPECT_EQ(*NormalizeMemberPath("/usr/bin/"), "/usr/bin");
  EXPECT_EQ(*NormalizeMemberPath("a/b/../c"), "/a/c");
  EXPECT_EQ(*NormalizeMemberPath("./"), "/");
  EXPECT_EQ(NormalizeMemberPath("a/../../etc/shadow").error().message, "'a/../../etc/shadow' climbs above the image root");
}

}  // namespace
}  // namespace drydock::image
