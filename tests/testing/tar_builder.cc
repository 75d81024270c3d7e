#include "testing/tar_builder.h"

#include <sys/stat.h>

#include <cstring>
#include <fstream>

#include "base/sha256.h"
#include "image/compression.h"

namespace drydock::testing {

namespace {

void Octal(char* field, size_t width, uint64_t value) {
  std::string s(width - 1, '0');
  for (size_t i = width - 1; i-- > 0;) {
    s[i] = static_cast<char>('0' + (value & 7));
    value >>= 3;
  }
  std::memcpy(field, s.data(), width - 1);
  field[width - 1] = 0;
}

std::string PaxRecord(const std::string& key, const std::string& value) {
  size_t base = key.size() + value.size() + 3;  // ' ', '=', '\n'
  size_t len = base + 1;
  while (std::to_string(len).size() + base != len) ++len;
  return std::to_string(len) + " " + key + "=" + value + "\n";
}

void Pad(std::string& out) { out.append((512 - out.size() % 512) % 512, '\0'); }

void Header(std::string& out, char flag, const std::string& name, const std::string& link, uint64_t size,
            const TarBuilder::Meta& meta, bool gnu) {
  char h[512] = {};
  std::memcpy(h, name.data(), std::min<size_t>(name.size(), 100));
  Octal(h + 100, 8, meta.mode);
  Octal(h + 108, 8, meta.uid);
  Octal(h + 116, 8, meta.gid);
  Octal(h + 124, 12, size);
  Octal(h + 136, 12, static_cast<uint64_t>(meta.mtime));
  h[156] = flag;
  std::memcpy(h + 157, link.data(), std::min<size_t>(link.size(), 100));
  if (gnu) {
    std::memcpy(h + 257, "ustar  \0", 8);
  } else {
    std::memcpy(h + 257, "ustar\0" "00", 8);
  }
  std::memset(h + 148, ' ', 8);
  unsigned sum = 0;
  for (char c : h) sum += static_cast<uint8_t>(c);
  Octal(h + 148, 7, sum);
  h[155] = ' ';
  out.append(h, 512);
}

std::string WriteTar(const std::vector<std::pair<std::string, std::string>>& members) {
  TarBuilder t;
  for (const auto& [name, body] : members) t.File(name, body);
  return t.Finish();
}

}  // namespace

void TarBuilder::Add(char flag, std::string name, const std::string& body, const std::string& link, Meta meta) {
  bool gnu = format_ == Format::kGnu;
  std::vector<std::pair<std::string, std::string>> pax = meta.pax;
  std::string short_name = name;
  std::string short_link = link;
  if (name.size() > 100) {
    if (gnu) {
      Meta m;
      Header(out_, 'L', "././@LongLink", "", name.size() + 1, m, true);
      out_ += name;
      out_ += '\0';
      Pad(out_);
    } else {
      pax.emplace_back("path", name);
    }
    short_name = name.substr(0, 100);
  }
  if (link.size() > 100) {
    if (gnu) {
      Meta m;
      Header(out_, 'K', "././@LongLink", "", link.size() + 1, m, true);
      out_ += link;
      out_ += '\0';
      Pad(out_);
    } else {
      pax.emplace_back("linkpath", link);
    }
    short_link = link.substr(0, 100);
  }
  if (!pax.empty()) {
    std::string records;
    for (const auto& [k, v] : pax) records += PaxRecord(k, v);
    Meta m;
    Header(out_, 'x', "PaxHeaders/" + short_name.substr(0, 80), "", records.size(), m, false);
    out_ += records;
    Pad(out_);
  }
  Header(out_, flag, short_name, short_link, body.size(), meta, gnu);
  out_ += body;
  Pad(out_);
}

TarBuilder& TarBuilder::File(const std::string& name, const std::string& content, Meta meta) {
  if (meta.mode == 0) meta.mode = 0644;
  Add('0', name, content, "", meta);
  return *this;
}
TarBuilder& TarBuilder::Dir(const std::string& name, Meta meta) {
  if (meta.mode == 0) meta.mode = 0755;
  Add('5', name.empty() || name.back() == '/' ? name : name + "/", "", "", meta);
  return *this;
}
TarBuilder& TarBuilder::Symlink(const std::string& name, const std::string& target, Meta meta) {
  if (meta.mode == 0) meta.mode = 0777;
  Add('2', name, "", target, meta);
  return *this;
}
TarBuilder& TarBuilder::HardLink(const std::string& name, const std::string& target, Meta meta) {
  if (meta.mode == 0) meta.mode = 0644;
  Add('1', name, "", target, meta);
  return *this;
}
TarBuilder& TarBuilder::Fifo(const std::string& name, Meta meta) {
  if (meta.mode == 0) meta.mode = 0644;
  Add('6', name, "", "", meta);
  return *this;
}
TarBuilder& TarBuilder::Whiteout(const std::string& dir, const std::string& name) {
  return File((dir.empty() ? "" : dir + "/") + ".wh." + name, "");
}
TarBuilder& TarBuilder::Opaque(const std::string& dir) { return File(dir + "/.wh..wh..opq", ""); }
TarBuilder& TarBuilder::Raw(char flag, const std::string& name, const std::string& body, const std::string& link) {
  Meta m;
  m.mode = 0644;
  Add(flag, name, body, link, m);
  return *this;
}

std::string TarBuilder::Finish() const { return out_ + std::string(1024, '\0'); }

std::string CompressBytes(const std::string& bytes, Compress compress) {
  switch (compress) {
    case Compress::kGzip: return image::GzipCompress(bytes);
    case Compress::kZstd: return image::ZstdCompress(bytes, 3);
    case Compress::kNone: break;
  }
  return bytes;
}

std::string Sha256Hex(const std::string& bytes) { return ToHex(Sha256Of(bytes)); }

ImageBuilder& ImageBuilder::Layer(std::string tar, std::string created_by) {
  layers_.push_back(std::move(tar));
  history_.push_back({{"created", "2026-01-01T00:00:00Z"}, {"created_by", std::move(created_by)}});
  return *this;
}

ImageBuilder& ImageBuilder::EmptyLayerHistory(std::string created_by) {
  history_.push_back({{"created", "2026-01-01T00:00:00Z"}, {"created_by", std::move(created_by)}, {"empty_layer", true}});
  return *this;
}

std::string ImageBuilder::ConfigJson() const {
  nlohmann::json diff_ids = nlohmann::json::array();
  for (const std::string& l : layers_) diff_ids.push_back("sha256:" + Sha256Hex(l));
  nlohmann::json config = {{"architecture", "amd64"},
                           {"os", "linux"},
                           {"created", "2026-01-01T00:00:00Z"},
                           {"config", container_config_},
                           {"rootfs", {{"type", "layers"}, {"diff_ids", diff_ids}}},
                           {"history", history_}};
  return config.dump();
}

std::string ImageBuilder::DockerSaveLegacy(const SaveOptions& options) const {
  nlohmann::json config = nlohmann::json::parse(ConfigJson());
  if (options.edit_config) options.edit_config(config);
  std::string config_bytes = config.dump();
  std::string config_name = Sha256Hex(config_bytes) + ".json";
  std::vector<std::pair<std::string, std::string>> layer_members;
  nlohmann::json layer_names = nlohmann::json::array();
  std::string chain;
  for (size_t i = 0; i < layers_.size(); ++i) {
    chain = Sha256Hex(chain + layers_[i]);  // A synthetic v1 id, as docker's is.
    std::string body = layers_[i];
    if (options.corrupt_layer) options.corrupt_layer(i, body);
    layer_members.emplace_back(chain + "/VERSION", "1.0");
    layer_members.emplace_back(chain + "/json", "{\"id\":\"" + chain + "\"}");
    layer_members.emplace_back(chain + "/layer.tar", body);
    layer_names.push_back(chain + "/layer.tar");
  }
  nlohmann::json manifest = nlohmann::json::array(
      {{{"Config", config_name}, {"RepoTags", options.repo_tags}, {"Layers", layer_names}}});
  if (options.edit_manifest) options.edit_manifest(manifest[0]);
  std::vector<std::pair<std::string, std::string>> meta = {{config_name, config_bytes},
                                                          {"manifest.json", manifest.dump()},
                                                          {"repositories", "{}"}};
  std::vector<std::pair<std::string, std::string>> all;
  if (options.metadata_first) all = meta;
  all.insert(all.end(), layer_members.begin(), layer_members.end());
  if (!options.metadata_first) all.insert(all.end(), meta.begin(), meta.end());
  return WriteTar(all);
}

std::string ImageBuilder::DockerSaveOci(Compress compress, const SaveOptions& options) const {
  nlohmann::json config = nlohmann::json::parse(ConfigJson());
  if (options.edit_config) options.edit_config(config);
  std::string config_bytes = config.dump();
  std::vector<std::pair<std::string, std::string>> blobs;
  nlohmann::json layer_descs = nlohmann::json::array();
  nlohmann::json layer_names = nlohmann::json::array();
  for (size_t i = 0; i < layers_.size(); ++i) {
    std::string blob = CompressBytes(layers_[i], compress);
    std::string hex = Sha256Hex(blob);
    std::string media = compress == Compress::kGzip   ? "application/vnd.oci.image.layer.v1.tar+gzip"
                        : compress == Compress::kZstd ? "application/vnd.oci.image.layer.v1.tar+zstd"
                                                      : "application/vnd.oci.image.layer.v1.tar";
    layer_descs.push_back({{"mediaType", media}, {"digest", "sha256:" + hex}, {"size", blob.size()}});
    layer_names.push_back("blobs/sha256/" + hex);
    if (options.corrupt_layer) options.corrupt_layer(i, blob);
    blobs.emplace_back("blobs/sha256/" + hex, blob);
  }
  std::string config_hex = Sha256Hex(config_bytes);
  nlohmann::json oci_manifest = {
      {"schemaVersion", 2},
      {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
      {"config", {{"mediaType", "application/vnd.oci.image.config.v1+json"}, {"digest", "sha256:" + config_hex}, {"size", config_bytes.size()}}},
      {"layers", layer_descs}};
  std::string manifest_bytes = oci_manifest.dump();
  std::string manifest_hex = Sha256Hex(manifest_bytes);
  nlohmann::json index = {
      {"schemaVersion", 2},
      {"mediaType", "application/vnd.oci.image.index.v1+json"},
      {"manifests",
       {{{"mediaType", "application/vnd.oci.image.manifest.v1+json"}, {"digest", "sha256:" + manifest_hex},
         {"size", manifest_bytes.size()}, {"annotations", {{"org.opencontainers.image.ref.name", "latest"}}}}}}};
  nlohmann::json manifest = nlohmann::json::array(
      {{{"Config", "blobs/sha256/" + config_hex}, {"RepoTags", options.repo_tags}, {"Layers", layer_names}}});
  if (options.edit_manifest) options.edit_manifest(manifest[0]);
  std::vector<std::pair<std::string, std::string>> meta = {
      {"blobs/sha256/" + config_hex, config_bytes}, {"blobs/sha256/" + manifest_hex, manifest_bytes},
      {"index.json", index.dump()}, {"oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"}};
  if (!options.edit_manifest || !manifest[0].is_null()) meta.emplace_back("manifest.json", manifest.dump());
  std::vector<std::pair<std::string, std::string>> all;
  if (options.metadata_first) all = meta;
  all.insert(all.end(), blobs.begin(), blobs.end());
  if (!options.metadata_first) all.insert(all.end(), meta.begin(), meta.end());
  return WriteTar(all);
}

void ImageBuilder::WriteOciLayout(const std::string& dir, Compress compress, bool nested,
                                  const std::function<void(nlohmann::json&)>& edit_manifest) const {
  ::mkdir(dir.c_str(), 0755);
  ::mkdir((dir + "/blobs").c_str(), 0755);
  ::mkdir((dir + "/blobs/sha256").c_str(), 0755);
  auto put = [&](const std::string& bytes) {
    std::string hex = Sha256Hex(bytes);
    std::ofstream(dir + "/blobs/sha256/" + hex, std::ios::binary) << bytes;
    return hex;
  };
  std::string config_bytes = ConfigJson();
  std::string config_hex = put(config_bytes);
  nlohmann::json layer_descs = nlohmann::json::array();
  for (const std::string& l : layers_) {
    std::string blob = CompressBytes(l, compress);
    layer_descs.push_back({{"mediaType", "application/vnd.oci.image.layer.v1.tar"}, {"digest", "sha256:" + put(blob)}, {"size", blob.size()}});
  }
  nlohmann::json manifest = {
      {"schemaVersion", 2},
      {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
      {"config", {{"mediaType", "application/vnd.oci.image.config.v1+json"}, {"digest", "sha256:" + config_hex}, {"size", config_bytes.size()}}},
      {"layers", layer_descs}};
  if (edit_manifest) edit_manifest(manifest);
  std::string manifest_bytes = manifest.dump();
  std::string manifest_hex = put(manifest_bytes);
  nlohmann::json desc = {{"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                         {"digest", "sha256:" + manifest_hex},
                         {"size", manifest_bytes.size()},
                         {"platform", {{"os", "linux"}, {"architecture", "amd64"}}}};
  if (nested) {
    nlohmann::json inner = {{"schemaVersion", 2},
                            {"mediaType", "application/vnd.oci.image.index.v1+json"},
                            {"manifests", {desc}}};
    std::string inner_bytes = inner.dump();
    desc = {{"mediaType", "application/vnd.oci.image.index.v1+json"}, {"digest", "sha256:" + put(inner_bytes)}, {"size", inner_bytes.size()}};
  }
  desc["annotations"] = {{"org.opencontainers.image.ref.name", "latest"}};
  nlohmann::json index = {{"schemaVersion", 2}, {"manifests", {desc}}};
  std::ofstream(dir + "/index.json") << index.dump();
  std::ofstream(dir + "/oci-layout") << "{\"imageLayoutVersion\":\"1.0.0\"}";
}

}  // namespace drydock::testing
