#include "image/image.h"

#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "testing/tar_builder.h"

namespace drydock::image {
namespace {

using testing::Compress;
using testing::ImageBuilder;
using testing::TarBuilder;

// The merged tree, one line per path: type, mode, owner, size, link, layers (added/changed).
std::string Tree(const Image& image) {
  std::string out;
  for (const auto& [path, n] : image.tree.nodes()) {
    out += fmt::format("{} {} {:04o} {}:{}", path, EntryTypeName(n.type), n.mode, n.uid, n.gid);
    if (n.type == EntryType::kFile) out += fmt::format(" {}", n.size);
    if (!n.link.empty()) out += (n.hard_link ? " => " : " -> ") + n.link;
    out += fmt::format(" L{}/{}\n", n.added_layer, n.changed_layer);
  }
  return out;
}

std::string Wasted(const Image& image) {
  std::string out;
  for (const auto& w : image.tree.wasted()) out += fmt::format("{} {}B L{} hidden by L{}\n", w.path, w.size, w.layer, w.hidden_by);
  return out;
}

std::string Changes(const Image& image, size_t layer) {
  std::string out;
  for (const Change& c : image.tree.changes()[layer]) out += fmt::format("{} {}\n", ChangeKindName(c.kind), c.path);
  return out;
}

Result<Image> Read(const std::string& archive, const IndexOptions& options = {}) {
  MemoryByteSource src{std::string_view(archive)};
  return ReadImageArchive(src, options, "img.tar");
}

std::string BaseLayer() {
  return TarBuilder().Dir("etc").File("etc/passwd", "root:x:0:0::/root:/bin/sh\n").Dir("app").File("app/a", "aaaa")
      .File("app/b", "bb").Dir("app/sub").File("app/sub/c", "ccc").Finish();
}

ImageBuilder Base() {
  ImageBuilder b;
  b.Layer(BaseLayer(), "/bin/sh -c #(nop) ADD file:base in /");
  return b;
}

TEST(Image, LegacySaveStacksLayers) {
  ImageBuilder b = Base();
  b.EmptyLayerHistory("ENV A=1");
  b.Layer(TarBuilder().File("app/a", "AAAAAAAA").Symlink("app/link", "/etc/passwd").Finish(), "RUN change");
  b.container_config() = {{"User", "app"}, {"Env", {"PATH=/usr/bin", "A=1"}}, {"Cmd", {"sh"}}};
  Result<Image> image = Read(b.DockerSaveLegacy());
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->format, ImageFormat::kDockerSaveLegacy);
  EXPECT_EQ(image->repo_tags, std::vector<std::string>{"drydock-test/image:latest"});
  EXPECT_EQ(image->config.user, "app");
  EXPECT_EQ(Tree(*image),
            "/ dir 0755 0:0 L0/0\n"
            "/app dir 0755 0:0 L0/0\n"
            "/app/a file 0644 0:0 8 L0/1\n"
            "/app/b file 0644 0:0 2 L0/0\n"
            "/app/link symlink 0777 0:0 -> /etc/passwd L1/1\n"
            "/app/sub dir 0755 0:0 L0/0\n"
            "/app/sub/c file 0644 0:0 3 L0/0\n"
            "/etc dir 0755 0:0 L0/0\n"
            "/etc/passwd file 0644 0:0 26 L0/0\n");
  EXPECT_EQ(Wasted(*image), "/app/a 4B L0 hidden by L1\n");
  ASSERT_EQ(image->layers.size(), 2u);
  EXPECT_EQ(image->layers[1].created_by, "RUN change");
  EXPECT_EQ(image->layers[1].stats.added, 1u);
  EXPECT_EQ(image->layers[1].stats.changed, 1u);
  EXPECT_EQ(image->layers[0].stats.file_bytes, 35u);
  EXPECT_EQ(image->layers[0].diff_id, image->config.diff_ids[0]);
}

// Whiteouts and opaque markers hide lower layers only, wherever they sit in the layer's tar.
TEST(Image, WhiteoutAndOpaqueInEveryOrder) {
  const std::string expected_tree =
      "/ dir 0755 0:0 L0/0\n"
      "/app dir 0755 0:0 L0/0\n"
      "/app/b file 0644 0:0 2 L0/0\n"
      "/app/sub dir 0700 0:0 L0/1\n"
      "/app/sub/new file 0644 0:0 1 L1/1\n"
      "/etc dir 0755 0:0 L0/0\n"
      "/etc/passwd file 0644 0:0 26 L0/0\n";
  for (int order = 0; order < 4; ++order) {
    TarBuilder t;
    TarBuilder::Meta m;
    m.mode = 0700;
    // Opaque before or after the new entry in the same dir; whiteout before or after.
    if (order & 1) t.Whiteout("app", "a");
    if (order & 2) t.Opaque("app/sub");
    t.Dir("app/sub", m).File("app/sub/new", "n");
    if (!(order & 2)) t.Opaque("app/sub");
    if (!(order & 1)) t.Whiteout("app", "a");
    ImageBuilder b = Base();
    b.Layer(t.Finish(), "RUN rm");
    Result<Image> image = Read(b.DockerSaveLegacy());
    ASSERT_TRUE(image.ok()) << image.error().message;
    EXPECT_EQ(Tree(*image), expected_tree) << "order " << order;
    EXPECT_EQ(Wasted(*image), "/app/sub/c 3B L0 hidden by L1\n/app/a 4B L0 hidden by L1\n") << "order " << order;
    EXPECT_EQ(Changes(*image, 1), "deleted /app/sub/c\ndeleted /app/a\nchanged /app/sub\nadded /app/sub/new\n");
  }
}

TEST(Image, WhiteoutOfDirectoryAndOpaqueOnNewDirectory) {
  ImageBuilder b = Base();
  // BuildKit marks directories it creates as opaque: that hides nothing.
  b.Layer(TarBuilder().Whiteout("", "app").Dir("new").Opaque("new").File("new/x", "x").Finish());
  Result<Image> image = Read(b.DockerSaveLegacy());
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(Tree(*image),
            "/ dir 0755 0:0 L0/0\n"
            "/etc dir 0755 0:0 L0/0\n"
            "/etc/passwd file 0644 0:0 26 L0/0\n"
            "/new dir 0755 0:0 L1/1\n"
            "/new/x file 0644 0:0 1 L1/1\n");
  EXPECT_EQ(image->layers[1].stats.deleted, 5u);
  EXPECT_EQ(image->layers[1].stats.added, 2u);
  uint64_t wasted = 0;
  for (const auto& w : image->tree.wasted()) wasted += w.size;
  EXPECT_EQ(wasted, 9u);
}

TEST(Image, WhiteoutDoesNotHideSameLayerEntry) {
  ImageBuilder b = Base();
  b.Layer(TarBuilder().File("app/a", "new!").Whiteout("app", "a").Finish());
  Result<Image> image = Read(b.DockerSaveLegacy());
  ASSERT_TRUE(image.ok()) << image.error().message;
  const Node* a = image->tree.Find("/app/a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->size, 4u);
  EXPECT_EQ(a->added_layer, 1);
}

TEST(Image, HardLinkSurvivesDeletionOfItsTarget) {
  ImageBuilder b;
  b.Layer(TarBuilder().File("bin/gzip", "GZIPBODY").HardLink("bin/gunzip", "./bin/gzip").Finish());
  b.Layer(TarBuilder().Whiteout("bin", "gzip").Finish());
  IndexOptions options;
  options.digest_all = true;
  options.keep_content = [](std::string_view, uint64_t) { return kWholeFile; };
  Result<Image> image = Read(b.DockerSaveLegacy(), options);
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(Tree(*image),
            "/ dir 0755 0:0 L0/0\n"
            "/bin dir 0755 0:0 L0/0\n"
            "/bin/gunzip file 0644 0:0 8 => /bin/gzip L0/0\n");
  // The bytes are still visible through the link: nothing is wasted.
  EXPECT_EQ(Wasted(*image), "");
  const Node* n = image->tree.Find("/bin/gunzip");
  EXPECT_EQ(image->tree.content(n->content).bytes, "GZIPBODY");
  EXPECT_EQ(ToHex(image->tree.content(n->content).digest), ToHex(Sha256Of("GZIPBODY")));
}

TEST(Image, HardLinkToMissingTargetIsAnError) {
  ImageBuilder b;
  b.Layer(TarBuilder().HardLink("bin/x", "bin/nothing").Finish());
  EXPECT_EQ(Read(b.DockerSaveLegacy()).error().message, "layer 0: hard link '/bin/x' to '/bin/nothing', which does not exist");
}

TEST(Image, TraversalInMemberNamesIsAnError) {
  ImageBuilder b;
  b.Layer(TarBuilder().File("../../etc/evil", "x").Finish());
  Result<Image> image = Read(b.DockerSaveLegacy());
  ASSERT_FALSE(image.ok());
  EXPECT_NE(image.error().message.find("entry '../../etc/evil' climbs above the image root"), std::string::npos)
      << image.error().message;
  ImageBuilder h;
  h.Layer(TarBuilder().File("a", "x").HardLink("b", "../../etc/shadow").Finish());
  image = Read(h.DockerSaveLegacy());
  ASSERT_FALSE(image.ok());
  EXPECT_NE(image.error().message.find("hard link 'b' to '../../etc/shadow' climbs above the image root"), std::string::npos)
      << image.error().message;
}

TEST(Image, SymlinksResolveInsideTheImage) {
  ImageBuilder b;
  b.Layer(TarBuilder()
              .Dir("usr/bin")
              .File("usr/bin/python3.11", "#!elf")
              .Symlink("usr/bin/python3", "python3.11")
              .Symlink("usr/bin/python", "/usr/bin/python3")
              .Symlink("bin", "usr/bin")
              .Symlink("escape", "../../../../usr/bin/python")
              .Symlink("loop1", "loop2")
              .Symlink("loop2", "/loop1")
              .Symlink("dangling", "/nowhere")
              .Finish());
  Result<Image> image = Read(b.DockerSaveLegacy());
  ASSERT_TRUE(image.ok()) << image.error().message;
  const MergedTree& t = image->tree;
  EXPECT_EQ(*t.Resolve("/bin/python", true), "/usr/bin/python3.11");
  EXPECT_EQ(*t.Resolve("/bin/python", false), "/usr/bin/python");
  EXPECT_EQ(*t.Resolve("/escape", true), "/usr/bin/python3.11");
  EXPECT_EQ(*t.Resolve("/bin/../../..", true), "/");
  EXPECT_EQ(t.Resolve("/loop1", true).error().message, "/loop1: Too many levels of symbolic links");
  EXPECT_EQ(t.Resolve("/dangling", true).error().message, "/dangling: No such file or directory");
  EXPECT_EQ(t.Resolve("/usr/bin/python3.11/x", true).error().message, "/usr/bin/python3.11/x: Not a directory");
}

TEST(Image, NonDirectoryParentIsReplaced) {
  ImageBuilder b;
  b.Layer(TarBuilder().Symlink("lib", "usr/lib").File("etc/f", "1234").Finish());
  b.Layer(TarBuilder().File("lib/x", "x").Dir("etc").File("etc", "now a file").Finish());
  Result<Image> image = Read(b.DockerSaveLegacy());
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(Tree(*image),
            "/ dir 0755 0:0 L0/0\n"
            "/etc file 0644 0:0 10 L0/1\n"
            "/lib dir 0755 0:0 L0/1\n"
            "/lib/x file 0644 0:0 1 L1/1\n");
  EXPECT_EQ(Wasted(*image), "/etc/f 4B L0 hidden by L1\n");
}

TEST(Image, MetadataFirstAndOciVariants) {
  ImageBuilder b = Base();
  b.Layer(TarBuilder().Whiteout("app", "b").File("app/d", "dd").Finish(), "RUN x");
  Result<Image> legacy = Read(b.DockerSaveLegacy());
  ASSERT_TRUE(legacy.ok()) << legacy.error().message;
  std::string expected = Tree(*legacy);
  ImageBuilder::SaveOptions first;
  first.metadata_first = true;
  Result<Image> streamed = Read(b.DockerSaveLegacy(first));
  ASSERT_TRUE(streamed.ok()) << streamed.error().message;
  EXPECT_EQ(Tree(*streamed), expected);
  for (Compress c : {Compress::kNone, Compress::kGzip, Compress::kZstd}) {
    Result<Image> oci = Read(b.DockerSaveOci(c));
    ASSERT_TRUE(oci.ok()) << oci.error().message;
    EXPECT_EQ(oci->format, ImageFormat::kDockerSaveOci);
    EXPECT_EQ(Tree(*oci), expected);
    EXPECT_EQ(oci->layers[0].diff_id, legacy->layers[0].diff_id);
    EXPECT_EQ(oci->layers[1].compression, c == Compress::kGzip   ? Compression::kGzip
                                          : c == Compress::kZstd ? Compression::kZstd
                                                                 : Compression::kNone);
    // Without manifest.json, index.json leads (containerd store exports).
    ImageBuilder::SaveOptions no_manifest;
    no_manifest.edit_manifest = [](nlohmann::json& m) { m = nullptr; };
    Result<Image> index_only = Read(b.DockerSaveOci(c, no_manifest));
    ASSERT_TRUE(index_only.ok()) << index_only.error().message;
    EXPECT_EQ(Tree(*index_only), expected);
  }
}

TEST(Image, OciLayoutDirectory) {
  ImageBuilder b = Base();
  b.Layer(TarBuilder().Whiteout("app", "b").Finish(), "RUN x");
  Result<Image> legacy = Read(b.DockerSaveLegacy());
  ASSERT_TRUE(legacy.ok());
  char tmpl[] = "/tmp/drydock-image-test-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  int n = 0;
  for (Compress c : {Compress::kNone, Compress::kGzip, Compress::kZstd}) {
    for (bool nested : {false, true}) {
      std::string d = dir + "/" + std::to_string(n++);
      b.WriteOciLayout(d, c, nested);
      Result<Image> oci = ReadOciLayout(d, {});
      ASSERT_TRUE(oci.ok()) << oci.error().message;
      EXPECT_EQ(Tree(*oci), Tree(*legacy));
      EXPECT_EQ(oci->repo_tags, std::vector<std::string>{"latest"});
    }
  }
  std::string d = dir + "/reversed";
  b.WriteOciLayout(d, Compress::kGzip, false, [](nlohmann::json& m) {
    std::swap(m["layers"][0], m["layers"][1]);
  });
  Result<Image> reordered = ReadOciLayout(d, {});
  ASSERT_TRUE(reordered.ok()) << reordered.error().message;
  EXPECT_EQ(Tree(*reordered), Tree(*legacy));
  EXPECT_EQ(reordered->warnings, std::vector<std::string>{
      "the OCI manifest lists the layers in a different order than the config's rootfs.diff_ids; the config's order was used"});
  EXPECT_EQ(ReadOciLayout(dir + "/missing", {}).error().message,
            dir + "/missing: not an OCI image layout (" + dir + "/missing/oci-layout: No such file or directory)");
  std::system(("rm -rf " + dir).c_str());
}

TEST(Image, MisorderedManifestIsAnError) {
  ImageBuilder b = Base();
  b.Layer(TarBuilder().File("x", "x").Finish());
  ImageBuilder::SaveOptions swap;
  swap.edit_manifest = [](nlohmann::json& m) { std::swap(m["Layers"][0], m["Layers"][1]); };
  EXPECT_EQ(Read(b.DockerSaveLegacy(swap)).error().message,
            "manifest.json lists the layers in a different order than the config's rootfs.diff_ids");
}

TEST(Image, WrongDigestsAreErrors) {
  ImageBuilder b = Base();
  std::string layer = TarBuilder().File("x", "x").Finish();
  std::string other = TarBuilder().File("x", "y").Finish();
  b.Layer(layer);
  ImageBuilder::SaveOptions corrupt;
  corrupt.corrupt_layer = [&](size_t i, std::string& bytes) {
    if (i == 1) bytes = other;
  };
  std::string good = "sha256:" + testing::Sha256Hex(layer);
  std::string bad = "sha256:" + testing::Sha256Hex(other);
  std::string message = Read(b.DockerSaveLegacy(corrupt)).error().message;
  EXPECT_EQ(message.substr(0, 9), "layer 1 (");
  EXPECT_EQ(message.substr(message.find("/layer.tar)")),
            "/layer.tar): its content hashes to " + bad + ", but the config's rootfs.diff_ids[1] is " + good);
  EXPECT_EQ(Read(b.DockerSaveOci(Compress::kNone, corrupt)).error().message,
            "img.tar: blob 'blobs/sha256/" + good.substr(7) + "' hashes to " + bad);
  ImageBuilder::SaveOptions bad_config;
  bad_config.edit_manifest = [](nlohmann::json& m) { m["Config"] = std::string(64, 'a') + ".json"; };
  EXPECT_EQ(Read(b.DockerSaveLegacy(bad_config)).error().message,
            "img.tar: config '" + std::string(64, 'a') + ".json' is not in the archive");
}

TEST(Image, TruncatedStreams) {
  std::string legacy = Base().DockerSaveLegacy();
  size_t header = legacy.find("/layer.tar") - 64;
  std::string layer_name = legacy.substr(header, 74);
  EXPECT_EQ(Read(legacy.substr(0, header + 512 + 600)).error().message,
            "img.tar: body of '" + layer_name + "': unexpected end of stream (" +
                std::to_string(BaseLayer().size() - 600) + " bytes missing)");
  // Cut at a member boundary: the archive parses, but what it names is missing.
  EXPECT_EQ(Read(legacy.substr(0, header)).error().message,
            "img.tar: neither manifest.json nor index.json found (not a docker save or OCI archive)");
}

TEST(Image, CorruptCompressedLayer) {
  ImageBuilder b = Base();
  ImageBuilder::SaveOptions corrupt;
  corrupt.corrupt_layer = [](size_t, std::string& bytes) { bytes.resize(bytes.size() / 2); };
  std::string gz = Read(b.DockerSaveOci(Compress::kGzip, corrupt)).error().message;
  EXPECT_NE(gz.find(": truncated gzip stream"), std::string::npos) << gz;
  std::string zs = Read(b.DockerSaveOci(Compress::kZstd, corrupt)).error().message;
  EXPECT_NE(zs.find(": truncated zstd stream"), std::string::npos) << zs;
}

TEST(Image, NotAnImage) {
  EXPECT_EQ(Read(TarBuilder().File("hello", "world").Finish()).error().message,
            "img.tar: neither manifest.json nor index.json found (not a docker save or OCI archive)");
  EXPECT_EQ(Read("garbage").error().message, "img.tar: not a tar archive (7 bytes)");
}

// Old docker save writes a repeated layer as a symlink to the first copy.
TEST(Image, LegacySymlinkedLayerTar) {
  std::string layer = TarBuilder().File("f", "same").Finish();
  std::string diff = "sha256:" + testing::Sha256Hex(layer);
  nlohmann::json config = {{"architecture", "amd64"}, {"os", "linux"},
                           {"rootfs", {{"type", "layers"}, {"diff_ids", {diff, diff}}}}};
  std::string config_bytes = config.dump();
  std::string config_name = testing::Sha256Hex(config_bytes) + ".json";
  nlohmann::json manifest = nlohmann::json::array({{{"Config", config_name}, {"Layers", {"a/layer.tar", "b/layer.tar"}}}});
  std::string archive = TarBuilder()
                            .File("a/layer.tar", layer)
                            .Symlink("b/layer.tar", "../a/layer.tar")
                            .File(config_name, config_bytes)
                            .File("manifest.json", manifest.dump())
                            .Finish();
  Result<Image> image = Read(archive);
  ASSERT_TRUE(image.ok()) << image.error().message;
  ASSERT_EQ(image->layers.size(), 2u);
  EXPECT_EQ(image->layers[1].source, "b/layer.tar");
  EXPECT_EQ(Wasted(*image), "/f 4B L0 hidden by L1\n");
}

TEST(Image, ConcatenatedGzipMembersAndCapabilities) {
  TarBuilder::Meta caps;
  caps.pax = {{"SCHILY.xattr.security.capability", "\x01"}};
  std::string layer = TarBuilder().File("bin/ping", "p", caps).Finish();
  // pigz-style: the tar split across two gzip members.
  std::string blob = testing::CompressBytes(layer.substr(0, 1000), Compress::kGzip) +
                     testing::CompressBytes(layer.substr(1000), Compress::kGzip);
  MemoryByteSource src{std::string_view(blob)};
  Result<LayerRecord> record = IndexLayer(src, {}, "layer");
  ASSERT_TRUE(record.ok()) << record.error().message;
  EXPECT_EQ(ToHex(record->diff_id), testing::Sha256Hex(layer));
  EXPECT_EQ(ToHex(record->blob_digest), testing::Sha256Hex(blob));
  ASSERT_EQ(record->entries.size(), 1u);
  EXPECT_EQ(record->entries[0].path, "/bin/ping");
  EXPECT_TRUE(record->entries[0].has_capabilities);
}

TEST(Image, HostileLayerEntries) {
  ImageBuilder b;
  b.Layer(TarBuilder().File("etc/.wh.", "").Finish());
  std::string message = Read(b.DockerSaveLegacy()).error().message;
  EXPECT_EQ(message.substr(message.find(": whiteout")), ": whiteout 'etc/.wh.' names nothing");
  ImageBuilder s;
  s.Layer(TarBuilder().Raw('S', "sparse", "").Finish());
  message = Read(s.DockerSaveLegacy()).error().message;
  EXPECT_EQ(message.substr(message.find(": sparse")), ": sparse entry 'sparse' is not supported");
}

TEST(Image, DuplicateEntryInOneLayerWarns) {
  ImageBuilder b;
  b.Layer(TarBuilder().File("f", "first").File("f", "second!").Finish());
  Result<Image> image = Read(b.DockerSaveLegacy());
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->warnings, std::vector<std::string>{"layer 0: '/f' appears twice; the later entry wins"});
  EXPECT_EQ(image->tree.Find("/f")->size, 7u);
  EXPECT_EQ(Wasted(*image), "/f 5B L0 hidden by L0\n");
}

TEST(Image, OversizedJsonIsFatalOnlyWhenReferenced) {
  ImageBuilder b = Base();
  ImageBuilder::SaveOptions big;
  big.edit_config = [](nlohmann::json& c) { c["config"]["Labels"] = {{"x", std::string(9 << 20, 'x')}}; };
  std::string message = Read(b.DockerSaveLegacy(big)).error().message;
  EXPECT_EQ(message.substr(0, 17), "img.tar: member '");
  EXPECT_EQ(message.substr(message.find("' is ")), "' is 9437496 bytes of JSON, more than the reader keeps");
  // An unreferenced one is skipped.
  std::string archive = b.DockerSaveLegacy();
  archive.resize(archive.size() - 1024);  // Drop the end-of-archive marker, append a member.
  archive += TarBuilder().File("extra.json", "{" + std::string(9 << 20, ' ') + "}").Finish();
  EXPECT_TRUE(Read(archive).ok());
}

// umoci CVE-2021-29136: a symlink named "." replaced the root; entries written through a planted
// symlink landed wherever it pointed. Here the root cannot be replaced, and a later entry under a
// symlink replaces the symlink by a directory (as overlay shows it), never following it.
TEST(Image, SymlinkPlantedThenWrittenThrough) {
  ImageBuilder dot;
  dot.Layer(TarBuilder().Symlink(".", "/etc").Finish());
  EXPECT_EQ(Read(dot.DockerSaveLegacy()).error().message, "layer 0: the image root is not a directory");
  ImageBuilder b;
  b.Layer(TarBuilder().Dir("etc").File("etc/passwd", "root").Symlink("evil", "/etc").Finish());
  b.Layer(TarBuilder().File("evil/passwd", "owned").Finish());
  Result<Image> image = Read(b.DockerSaveLegacy());
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(Tree(*image),
            "/ dir 0755 0:0 L0/0\n"
            "/etc dir 0755 0:0 L0/0\n"
            "/etc/passwd file 0644 0:0 4 L0/0\n"
            "/evil dir 0755 0:0 L0/1\n"
            "/evil/passwd file 0644 0:0 5 L1/1\n");
}

}  // namespace
}  // namespace drydock::image
