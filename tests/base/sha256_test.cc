#include "base/sha256.h"

#include <string>

#include <gtest/gtest.h>

#include "base/file_system.h"

namespace drydock {
namespace {

TEST(Sha256Test, KnownDigests) {
  EXPECT_EQ(ToHex(Sha256Of("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ToHex(Sha256Of("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256Test, IncrementalEqualsOneShot) {
  std::string text(100000, 'x');
  for (size_t i = 0; i < text.size(); ++i) text[i] = static_cast<char>('a' + i % 26);
  Sha256 hasher;
  for (size_t i = 0; i < text.size(); i += 777) hasher.Update(text.substr(i, 777));
  EXPECT_EQ(hasher.Finish(), Sha256Of(text));
}

TEST(Sha256Test, MovedHasherKeepsState) {
  Sha256 a;
  a.Update("ab");
  Sha256 b = std::move(a);
  b.Update("c");
  EXPECT_EQ(ToHex(b.Finish()), ToHex(Sha256Of("abc")));
}

// pip's RECORD form: urlsafe base64 without '=' padding.
TEST(Sha256Test, Base64UrlNoPad) {
  EXPECT_EQ(ToBase64UrlNoPad(Sha256Of("")), "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
}

TEST(Sha256Test, FileSystemDefaultHashesContent) {
  MemoryFileSystem fs;
  fs.Write("/a", "abc");
  Result<Sha256Digest> digest = fs.FileSha256("/a");
  ASSERT_TRUE(digest.ok());
  EXPECT_EQ(*digest, Sha256Of("abc"));
  EXPECT_FALSE(fs.FileSha256("/missing").ok());
}

}  // namespace
}  // namespace drydock
