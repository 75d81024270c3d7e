// Opening an image without a daemon and without writing anything to disk:
//  * a docker save tarball, legacy (manifest.json + <id>/layer.tar) or Docker >= 25 OCI-in-tar
//    (index.json + blobs/sha256/...), read as one forward stream, so stdin or a pipe from the
//    engine works: each layer is indexed as it streams by and the order is resolved once
//    manifest.json (or index.json) has been seen, wherever it sits in the archive;
//  * an OCI image layout directory (nested indexes; gzip, zstd or plain layers by magic bytes).
// Layer order comes from the manifest and is checked against the config's rootfs.diff_ids;
// blob digests, sizes and diff_ids are verified while streaming.
#ifndef DRYDOCK_IMAGE_IMAGE_H_
#define DRYDOCK_IMAGE_IMAGE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "image/byte_source.h"
#include "image/compression.h"
#include "image/image_config.h"
#include "image/layer.h"
#include "image/merged_tree.h"

namespace drydock::image {

enum class ImageFormat { kDockerSaveLegacy, kDockerSaveOci, kOciLayout };
std::string_view ImageFormatName(ImageFormat f);  // "docker-save", "docker-save-oci", "oci-layout"

struct LayerInfo {
  std::string source;          // Archive member or blob path it was read from.
  std::string diff_id;         // "sha256:<hex>" of the uncompressed tar.
  std::string blob_digest;     // "sha256:<hex>" of the stored bytes.
  Compression compression = Compression::kNone;
  uint64_t blob_size = 0;
  uint64_t tar_size = 0;
  std::string created_by;      // The history entry that made the layer ("" if none).
  LayerStats stats;
};

struct Image {
  ImageFormat format = ImageFormat::kDockerSaveLegacy;
  std::string id;              // "sha256:" + sha256 of the config bytes.
  std::vector<std::string> repo_tags;
  ImageConfig config;
  std::vector<LayerInfo> layers;  // Base first.
  MergedTree tree;
  std::vector<std::string> warnings;  // Tolerated oddities (e.g. an OCI manifest mis-ordered).
};

// Reads a docker save (or OCI layout) tarball from `source` to its end. When the archive holds
// several images, the first of manifest.json (or index.json) is read. `what` names the input.
Result<Image> ReadImageArchive(ByteSource& source, const IndexOptions& options, const std::string& what);
// Reads an OCI image layout directory. With several manifests, the first for linux/amd64 (or
// without a platform) is read.
Result<Image> ReadOciLayout(const std::string& dir, const IndexOptions& options);

}  // namespace drydock::image

#endif  // DRYDOCK_IMAGE_IMAGE_H_
