// Builds tars, docker save archives (both layouts) and OCI layouts in memory, so image tests
// state exactly which layers, whiteouts, links and headers an image has.
#ifndef DRYDOCK_TESTING_TAR_BUILDER_H_
#define DRYDOCK_TESTING_TAR_BUILDER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace drydock::testing {

// Header fields of one entry.
struct TarMeta {
  uint32_t mode = 0;  // 0: the type's default (0644 files, 0755 dirs, 0777 symlinks).
  uint32_t uid = 0;
  uint32_t gid = 0;
  int64_t mtime = 0;
  std::vector<std::pair<std::string, std::string>> pax;  // Extra pax records.
};

// One tar archive. Names longer than 100 bytes get a pax `path` record (or a GNU 'L' record
// in kGnu format); links likewise.
class TarBuilder {
 public:
  enum class Format { kPax, kGnu };
  explicit TarBuilder(Format format = Format::kPax) : format_(format) {}

  using Meta = TarMeta;

  TarBuilder& File(const std::string& name, const std::string& content, Meta meta = {});
  TarBuilder& Dir(const std::string& name, Meta meta = {});
  TarBuilder& Symlink(const std::string& name, const std::string& target, Meta meta = {});
  TarBuilder& HardLink(const std::string& name, const std::string& target, Meta meta = {});
  TarBuilder& Fifo(const std::string& name, Meta meta = {});
  // `dir`/.wh.`name`, and `dir`/.wh..wh..opq.
  TarBuilder& Whiteout(const std::string& dir, const std::string& name);
  TarBuilder& Opaque(const std::string& dir);
  // A raw header of type `flag` with `size` body bytes of `body` (hostile-input tests).
  TarBuilder& Raw(char flag, const std::string& name, const std::string& body, const std::string& link = "");

  // The archive with its two zero blocks.
  std::string Finish() const;

 private:
  void Add(char flag, std::string name, const std::string& body, const std::string& link, Meta meta);
  Format format_;
  std::string out_;
};

enum class Compress { kNone, kGzip, kZstd };

// An image: layer tars plus a config. Knobs let tests produce broken or unusual archives.
class ImageBuilder {
 public:
  // Adds a layer (an uncompressed tar) and the history entry that made it.
  ImageBuilder& Layer(std::string tar, std::string created_by = "");
  // A history entry with empty_layer: true (ENV, USER, ...).
  ImageBuilder& EmptyLayerHistory(std::string created_by);
  // The "config" object of the image config (User, Env, Entrypoint, ...).
  nlohmann::json& container_config() { return container_config_; }

  std::string ConfigJson() const;

  struct SaveOptions {
    bool metadata_first = false;            // manifest.json and config before the layers.
    std::vector<std::string> repo_tags = {"drydock-test/image:latest"};
    // Mutates manifest.json's first entry / the config just before they are written.
    std::function<void(nlohmann::json&)> edit_manifest;
    std::function<void(nlohmann::json&)> edit_config;
    // Replace layer i's bytes after digests are computed (wrong-digest tests).
    std::function<void(size_t, std::string&)> corrupt_layer;
  };
  // Docker <= 24: <id>/layer.tar, <hex>.json, manifest.json, repositories.
  std::string DockerSaveLegacy(const SaveOptions& options) const;
  std::string DockerSaveLegacy() const { return DockerSaveLegacy(SaveOptions{}); }
  // Docker >= 25: blobs/sha256/, index.json, oci-layout, manifest.json. Layers compressed as asked
  // (the containerd image store keeps them compressed).
  std::string DockerSaveOci(Compress compress, const SaveOptions& options) const;
  std::string DockerSaveOci(Compress compress) const { return DockerSaveOci(compress, SaveOptions{}); }
  // An OCI layout in `dir` (created). With `nested`, index.json points to a nested index.
  void WriteOciLayout(const std::string& dir, Compress compress, bool nested = false,
                      const std::function<void(nlohmann::json& manifest)>& edit_manifest = nullptr) const;

 private:
  std::vector<std::string> layers_;
  nlohmann::json history_ = nlohmann::json::array();
  nlohmann::json container_config_ = nlohmann::json::object();
};

std::string CompressBytes(const std::string& bytes, Compress compress);
std::string Sha256Hex(const std::string& bytes);

}  // namespace drydock::testing

#endif  // DRYDOCK_TESTING_TAR_BUILDER_H_
