// The JSON documents of an image: the image config, docker save's manifest.json, and OCI
// index / manifest / descriptors. Parsers take bytes already capped by the caller (kMaxJsonBytes)
// and return an Error naming the document for malformed input; unknown fields are ignored, as the
// OCI spec requires. This file is the module's only includer of nlohmann::json.
#ifndef DRYDOCK_IMAGE_IMAGE_CONFIG_H_
#define DRYDOCK_IMAGE_IMAGE_CONFIG_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace drydock::image {

// Index, manifest and config documents are small; anything bigger is hostile
// (containerd CVE-2023-25153 read such files without a limit).
inline constexpr size_t kMaxJsonBytes = 8 << 20;

struct HistoryEntry {
  std::string created;
  std::string created_by;
  std::string comment;
  bool empty_layer = false;
};

struct Healthcheck {
  std::vector<std::string> test;  // ["CMD", ...], ["CMD-SHELL", "..."] or ["NONE"].
  int64_t interval_ns = 0;
  int64_t timeout_ns = 0;
  int64_t start_period_ns = 0;
  int64_t retries = 0;
};

// The image config (OCI config.md plus Docker's Healthcheck, Shell, OnBuild).
struct ImageConfig {
  std::string architecture;
  std::string os;
  std::string created;
  std::string user;
  std::vector<std::string> env;  // "K=V", in order.
  std::optional<std::vector<std::string>> entrypoint;  // nullopt: not set.
  std::optional<std::vector<std::string>> cmd;
  std::optional<std::vector<std::string>> shell;       // Docker's SHELL.
  std::string working_dir;
  std::vector<std::string> exposed_ports;              // Sorted, e.g. "80/tcp".
  std::vector<std::string> volumes;                    // Sorted.
  std::map<std::string, std::string> labels;
  std::string stop_signal;
  std::optional<Healthcheck> healthcheck;
  std::vector<std::string> diff_ids;                   // "sha256:<hex>", base first.
  std::vector<HistoryEntry> history;
};

Result<ImageConfig> ParseImageConfig(std::string_view json);

// One image of docker save's manifest.json.
struct SaveManifestEntry {
  std::string config;                  // Archive path of the config.
  std::vector<std::string> repo_tags;
  std::vector<std::string> layers;     // Archive paths, base first.
};
Result<std::vector<SaveManifestEntry>> ParseSaveManifest(std::string_view json);

struct Descriptor {
  std::string media_type;
  std::string digest;                  // Validated: "sha256:" + 64 lower-case hex.
  int64_t size = 0;
  std::string platform_os;
  std::string platform_architecture;
  std::string platform_variant;
  std::map<std::string, std::string> annotations;
};

// An OCI image index or image manifest; `kind` tells which the document is (by mediaType, or by
// the presence of "manifests" / "layers" when mediaType is absent).
struct OciDocument {
  enum class Kind { kIndex, kManifest };
  Kind kind = Kind::kManifest;
  std::vector<Descriptor> manifests;   // Index.
  std::optional<Descriptor> config;    // Manifest.
  std::vector<Descriptor> layers;      // Manifest, base first.
};
Result<OciDocument> ParseOciDocument(std::string_view json, std::string_view what);

// True for "sha256:" + 64 lower-case hex (the only form ever joined into a path: CVE-2024-3727).
bool IsValidDigest(std::string_view digest);

}  // namespace drydock::image

#endif  // DRYDOCK_IMAGE_IMAGE_CONFIG_H_
