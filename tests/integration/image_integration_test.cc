// The image reader against a real engine. A small image is built from a busybox-static rootfs
// (docker import) with a file deleted in a later layer and a directory replaced (an opaque
// directory in the layer tar); `drydock inspect` reads it by name, from its docker save file and
// from stdin, and must report the
// wasted bytes and layer changes. Then the engine is the oracle: for that image and every local
// image named pipeline/* or base-*, the merged tree drydock computes must equal `docker export` of
// a created (never started) container, minus the paths the engine's init layer adds.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "image/byte_source.h"
#include "image/image.h"
#include "image/open_image.h"
#include "image/tar_reader.h"
#include "image_engine_helper.h"
#include "testing/tar_builder.h"

namespace drydock::image {
namespace {

using testing::Shell;

// What the engine's init layer (daemon/initlayer) puts into every container: never compared.
const std::set<std::string> kInitPaths = {
    "/.dockerenv", "/etc/hosts", "/etc/hostname", "/etc/resolv.conf", "/etc/mtab",
    "/dev/console", "/dev/pts", "/dev/shm", "/proc", "/sys",
};
// Parents the init layer creates or re-creates (their metadata comes from the init layer).
const std::set<std::string> kInitParents = {"/", "/dev", "/etc"};

class ImageEngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string why;
    engine_ = testing::FindEngine(&why);
    if (engine_.empty()) skip_reason_ = why;
    char tmpl[] = "/tmp/drydock-image-it-XXXXXX";
    if (::mkdtemp(tmpl) != nullptr) dir_ = tmpl;
  }
  static void TearDownTestSuite() {
    if (!dir_.empty()) std::system(("rm -rf " + dir_).c_str());
    for (const std::string& image : created_) Shell("docker rmi -f " + image + " >/dev/null 2>&1");
  }
  void SetUp() override {
    if (engine_.empty()) GTEST_SKIP() << "image integration: skipped, " << skip_reason_;
  }

  // Builds drydock-test-image/layers:<pid> once.
  static std::string TestImage() {
    static std::string name;
    if (!name.empty()) return name;
    std::string tag = std::to_string(::getpid());
    std::string base = "drydock-test-image/busybox:" + tag;
    std::string rootfs = dir_ + "/rootfs";
    std::string script = fmt::format(
        "set -e; mkdir -p {0}/bin {0}/etc {0}/tmp; cp /bin/busybox {0}/bin/busybox; "
        "for c in sh mkdir rm dd echo cat ls ln; do ln -s busybox {0}/bin/$c; done; "
        "echo 'root:x:0:0:root:/root:/bin/sh' > {0}/etc/passwd; "
        "tar -C {0} -c . | docker import - {1} >/dev/null",
        rootfs, base);
    if (Shell(script).status != 0) return "";
    created_.push_back(base);
    std::string context = dir_ + "/context";
    Shell("mkdir -p " + context);
    std::ofstream(context + "/Dockerfile") << "FROM " << base << "\n"
        << "RUN mkdir -p /data/opq && dd if=/dev/zero of=/data/big bs=1024 count=100 2>/dev/null && echo a > /data/opq/a\n"
        << "RUN rm /data/big && rm -rf /data/opq && mkdir /data/opq && echo b > /data/opq/b\n"
        << "USER root\nCMD [\"sh\"]\n";
    std::string n = "drydock-test-image/layers:" + tag;
    if (Shell("DOCKER_BUILDKIT=0 docker build -q -t " + n + " " + context + " >/dev/null").status != 0) return "";
    created_.push_back(n);
    name = n;
    return name;
  }

  static std::string Save(const std::string& image) {
    std::string file = dir_ + "/save-" + std::to_string(saves_++) + ".tar";
    if (Shell("docker save -o " + file + " " + image).status != 0) return "";
    return file;
  }

  static std::string engine_;
  static std::string skip_reason_;
  static std::string dir_;
  static std::vector<std::string> created_;
  static int saves_;
};

// One line per wasted file: path, bytes, the layer that wrote it and the one that hid it.
std::string WastedText(const Image& image) {
  std::string out;
  for (const Wasted& w : image.tree.wasted()) out += fmt::format("{} {} L{}->L{}\n", w.path, w.size, w.layer, w.hidden_by);
  return out;
}

std::string ImageEngineTest::engine_;
std::string ImageEngineTest::skip_reason_;
std::string ImageEngineTest::dir_;
std::vector<std::string> ImageEngineTest::created_;
int ImageEngineTest::saves_ = 0;

TEST_F(ImageEngineTest, InspectReportsWastedBytesAndLayerChanges) {
  std::string name = TestImage();
  ASSERT_FALSE(name.empty()) << "could not build the test image";
  std::string file = Save(name);
  ASSERT_FALSE(file.empty());
  Result<Image> image = OpenImagePath(file, {});
  ASSERT_TRUE(image.ok()) << image.error().message;
  ASSERT_EQ(image->layers.size(), 3u);
  EXPECT_EQ(WastedText(*image), "/data/opq/a 2 L1->L2\n/data/big 102400 L1->L2\n");
  std::string changes;
  for (const Change& c : image->tree.changes()[2]) {
    if (c.path.rfind("/data", 0) == 0) changes += fmt::format("{} {}\n", ChangeKindName(c.kind), c.path);
  }
  EXPECT_EQ(changes, "deleted /data/opq/a\ndeleted /data/big\nadded /data/opq/b\n");
  EXPECT_EQ(image->tree.Find("/data/big"), nullptr);
  ASSERT_NE(image->tree.Find("/data/opq/b"), nullptr);
  EXPECT_NE(image->layers[2].created_by.find("rm /data/big"), std::string::npos);
  // The engine wrote the re-created directory as an opaque one and the deletion as a whiteout.
  testing::CommandResult members = Shell("tar -xOf " + file + " " + image->layers[2].source + " | tar -t");
  EXPECT_NE(members.output.find("data/opq/.wh..wh..opq"), std::string::npos) << members.output;
  EXPECT_NE(members.output.find("data/.wh.big"), std::string::npos) << members.output;

  // The CLI on the same file, and on the same bytes through stdin.
  testing::CommandResult json = Shell(std::string(DRYDOCK_BINARY) + " inspect --format json " + file);
  ASSERT_EQ(json.status, 0);
  EXPECT_NE(json.output.find("\"wasted_bytes\": 102402"), std::string::npos) << json.output;
  testing::CommandResult piped = Shell("cat " + file + " | " + DRYDOCK_BINARY + " inspect --format json -");
  EXPECT_EQ(piped.output, json.output);
  testing::CommandResult by_name = Shell(std::string(DRYDOCK_BINARY) + " inspect --format json " + name);
  // By name: streamed from the engine's GET /images/{name}/get, the same bytes as docker save.
  ASSERT_EQ(by_name.status, 0);
  EXPECT_EQ(by_name.output, json.output);
}

struct Entry {
  std::string type;
  uint32_t mode = 0, uid = 0, gid = 0;
  uint64_t size = 0;
  std::string link;
  std::string digest;
  bool operator==(const Entry&) const = default;
};

std::string Show(const Entry& e) {
  return fmt::format("{} {:04o} {}:{} {} {} {}", e.type, e.mode, e.uid, e.gid, e.size, e.link, e.digest.substr(0, 12));
}

// The engine's flattening: `docker export` of a created container, hard links as files.
Result<std::map<std::string, Entry>> Export(const std::string& image, const std::string& dir) {
  testing::CommandResult created = Shell("docker create " + image + " /drydock-never-started 2>/dev/null");
  if (created.status != 0) return MakeError("docker create " + image + " failed");
  std::string id = created.output.substr(0, created.output.find('\n'));
  std::string file = dir + "/export-" + id.substr(0, 12) + ".tar";
  int rc = Shell("docker export -o " + file + " " + id).status;
  Shell("docker rm " + id + " >/dev/null");
  if (rc != 0) return MakeError("docker export failed");
  Result<std::unique_ptr<ByteSource>> src = OpenFileSource(file);
  if (!src.ok()) return src.error();
  TarReader reader(**src, file);
  std::map<std::string, Entry> out;
  for (;;) {
    Result<std::optional<TarEntry>> next = reader.Next();
    if (!next.ok()) return next.error();
    if (!next->has_value()) break;
    TarEntry& t = **next;
    Result<std::string> p = NormalizeMemberPath(t.name);
    if (!p.ok()) return p.error();
    Entry e;
    e.type = std::string(EntryTypeName(t.type));
    e.mode = t.mode;
    e.uid = t.uid;
    e.gid = t.gid;
    e.size = t.size;
    if (t.type == EntryType::kSymlink) e.link = t.link_name;
    if (t.type == EntryType::kFile) {
      Sha256 h;
      char buf[65536];
      for (;;) {
        Result<size_t> n = reader.body().Read(buf, sizeof buf);
        if (!n.ok()) return n.error();
        if (*n == 0) break;
        h.Update(buf, *n);
      }
      e.digest = ToHex(h.Finish());
    }
    if (t.type == EntryType::kHardLink) {
      Result<std::string> target = NormalizeMemberPath(t.link_name);
      auto it = target.ok() ? out.find(*target) : out.end();
      if (it == out.end()) return MakeError("export: hard link to an unknown path " + t.link_name);
      e.type = "file";
      e.size = it->second.size;
      e.digest = it->second.digest;
    }
    out[*p] = e;
  }
  ::unlink(file.c_str());
  return out;
}

// The same layers built by BuildKit (drydock build --builder=buildkit, through the engine API:
// the docker CLI here has no buildx): BuildKit's differ writes the re-created directory as an
// opaque one and the deletion as a whiteout, and the reader gives the same wasted bytes.
TEST_F(ImageEngineTest, BuildKitOpaqueDirectoryAndWhiteout) {
  std::string classic = TestImage();
  ASSERT_FALSE(classic.empty()) << "could not build the test image";
  std::string tag = std::to_string(::getpid());
  std::string project = dir_ + "/buildkit";
  Shell("mkdir -p " + project + " && cp " + dir_ + "/context/Dockerfile " + project + "/");
  std::string name = "drydock-test-image/layers-buildkit:" + tag;
  std::ofstream(project + "/compose.yaml")
      << "name: layers\nservices:\n  layers:\n    image: " << name << "\n    build: .\n";
  testing::CommandResult built = Shell(std::string(DRYDOCK_BINARY) + " build --builder=buildkit -f " +
                                       project + "/compose.yaml --progress=plain 2>&1");
  ASSERT_EQ(built.status, 0) << built.output;
  created_.push_back(name);
  // BuildKit marks the history of the layers it made.
  testing::CommandResult history = Shell("docker history --no-trunc --format '{{.Comment}}' " + name);
  EXPECT_NE(history.output.find("buildkit.dockerfile.v0"), std::string::npos) << history.output;
  std::string file = Save(name);
  ASSERT_FALSE(file.empty());
  Result<Image> image = OpenImagePath(file, {});
  ASSERT_TRUE(image.ok()) << image.error().message;
  ASSERT_EQ(image->layers.size(), 3u);
  EXPECT_EQ(WastedText(*image), "/data/opq/a 2 L1->L2\n/data/big 102400 L1->L2\n");
  ASSERT_NE(image->tree.Find("/data/opq/b"), nullptr);
  EXPECT_EQ(image->tree.Find("/data/opq/a"), nullptr);
  testing::CommandResult members = Shell("tar -xOf " + file + " " + image->layers[2].source + " | tar -t");
  EXPECT_NE(members.output.find("data/opq/.wh..wh..opq"), std::string::npos) << members.output;
  EXPECT_NE(members.output.find("data/.wh.big"), std::string::npos) << members.output;
}

TEST_F(ImageEngineTest, MergedTreeEqualsEngineExport) {
  // Each image is named by its ID, taken once here: other tests may rebuild (re-tag) the
  // pipeline's images meanwhile, and an ID never moves.
  std::vector<std::string> images;
  std::map<std::string, std::string> shown;  // ID -> the name it had when listed.
  std::string test_image = TestImage();
  if (!test_image.empty()) {
    images.push_back(test_image);
    shown[test_image] = test_image;
  }
  testing::CommandResult list = Shell("docker images --format '{{.Repository}}:{{.Tag}} {{.ID}}'");
  std::istringstream lines(list.output);
  for (std::string line; std::getline(lines, line);) {
    size_t space = line.find(' ');
    if (space == std::string::npos) continue;
    std::string name = line.substr(0, space), id = line.substr(space + 1);
    // The pipeline's images, and the debootstrap base when present (GNU tar, hard links, devices).
    bool wanted = name.rfind("pipeline/", 0) == 0 || name.rfind("base-", 0) == 0 ||
                  name == "debian:bookworm-slim";
    if (wanted && name.find("<none>") == std::string::npos && !shown.count(id)) {
      images.push_back(id);
      shown[id] = name;
    }
  }
  size_t compared_entries = 0;
  size_t compared_images = 0;
  IndexOptions options;
  options.digest_all = true;
  for (const std::string& name : images) {
    SCOPED_TRACE(shown[name] + " (" + name + ")");
    std::string file = Save(name);
    if (file.empty() && name != test_image &&
        Shell("docker image inspect " + name + " >/dev/null 2>&1").status != 0) {
      std::printf("image integration: %s was removed during the test; not compared\n",
                  shown[name].c_str());
      continue;
    }
    ASSERT_FALSE(file.empty()) << "docker save " << name;
    Result<Image> image = OpenImagePath(file, options);
    ::unlink(file.c_str());
    ASSERT_TRUE(image.ok()) << image.error().message;
    Result<std::map<std::string, Entry>> exported = Export(name, dir_);
    ASSERT_TRUE(exported.ok()) << exported.error().message;
    std::map<std::string, Entry> ours;
    for (const auto& [path, n] : image->tree.nodes()) {
      Entry e;
      e.type = std::string(EntryTypeName(n.type));
      e.mode = n.mode;
      e.uid = n.uid;
      e.gid = n.gid;
      e.size = n.size;
      if (n.type == EntryType::kSymlink) e.link = n.link;
      if (n.content >= 0) e.digest = ToHex(image->tree.content(n.content).digest);
      ours[path] = e;
    }
    size_t mismatches = 0;
    auto skip = [](const std::string& p) {
      for (const std::string& init : kInitPaths) {
        if (p == init || p.rfind(init + "/", 0) == 0) return true;
      }
      return false;
    };
    for (const auto& [path, e] : *exported) {
      if (skip(path) || kInitParents.count(path)) continue;
      auto it = ours.find(path);
      if (it == ours.end()) {
        if (++mismatches <= 20) ADD_FAILURE() << "only in docker export: " << path << " " << Show(e);
        continue;
      }
      ++compared_entries;
      if (!(it->second == e)) {
        if (++mismatches <= 20) ADD_FAILURE() << path << ": drydock " << Show(it->second) << ", engine " << Show(e);
      }
    }
    for (const auto& [path, e] : ours) {
      if (skip(path) || kInitParents.count(path)) continue;
      if (!exported->count(path) && ++mismatches <= 20) ADD_FAILURE() << "only in drydock's tree: " << path << " " << Show(e);
    }
    ++compared_images;
    std::printf("image integration: %s: %zu entries, %zu mismatches\n", shown[name].c_str(), exported->size(), mismatches);
  }
  std::printf("image integration: compared %zu images, %zu entries against docker export\n", compared_images, compared_entries);
}

}  // namespace
}  // namespace drydock::image
