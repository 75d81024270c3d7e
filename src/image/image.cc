#include "image/image.h"

#include <sys/stat.h>

#include <map>
#include <optional>

namespace drydock::image {

namespace {

std::string DigestString(const Sha256Digest& d) { return "sha256:" + ToHex(d); }

bool LooksLikeJson(std::string_view head) {
  for (char c : head) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{' || c == '[';
  }
  return false;
}

// What a forward pass over a save archive collected.
struct Member {
  std::optional<std::string> json;        // Small JSON members, kept whole.
  std::optional<LayerRecord> layer;       // Members that indexed as a layer.
  std::optional<Error> layer_error;       // Why a non-JSON member did not index.
  Sha256Digest digest{};                  // Of the member's bytes (JSON and layers).
  uint64_t size = 0;
};

// Picks one image manifest out of an index, following nested indexes.
template <typename Load>
Result<OciDocument> ResolveManifest(const OciDocument& top, Load load, int depth) {
  if (top.kind == OciDocument::Kind::kManifest) return top;
  if (depth > 8) return MakeError("index.json: image indexes nested more than 8 deep");
  const Descriptor* chosen = nullptr;
  for (const Descriptor& d : top.manifests) {
    // Attestation manifests (BuildKit's "unknown/unknown") are never the image.
    if (d.platform_os == "unknown") continue;
    bool fits = (d.platform_os.empty() || d.platform_os == "linux") &&
                (d.platform_architecture.empty() || d.platform_architecture == "amd64");
    if (fits) {
      chosen = &d;
      break;
    }
    if (chosen == nullptr) chosen = &d;
  }
  if (chosen == nullptr) return MakeError("index.json: the image index lists no manifest");
  Result<std::string> bytes = load(*chosen);
  if (!bytes.ok()) return bytes.error();
  Result<OciDocument> doc = ParseOciDocument(*bytes, "manifest " + chosen->digest);
  if (!doc.ok()) return doc.error();
  return ResolveManifest(*doc, load, depth + 1);
}

Result<void> CheckBlob(const std::string& digest, int64_t size, const Sha256Digest& actual, uint64_t actual_size,
                       const std::string& what) {
  if (size >= 0 && static_cast<uint64_t>(size) != actual_size) {
    return MakeError(what + ": size " + std::to_string(actual_size) + " does not match the descriptor's " +
                     std::to_string(size));
  }
  if (DigestString(actual) != digest) {
    return MakeError(what + ": content hashes to " + DigestString(actual) + ", not " + digest);
  }
  return {};
}

// Stacks the layers, checks them against rootfs.diff_ids, maps history. `records[i]` is layer i
// as the manifest ordered it; `trust_order` is false for an OCI manifest alone (Docker 25.0.0
// wrote those in random order), in which case a permutation is put right with a warning.
Result<void> Assemble(Image& image, std::vector<const LayerRecord*> records, std::vector<std::string> sources,
                      bool trust_order, const std::string& order_source) {
  const std::vector<std::string>& diff_ids = image.config.diff_ids;
  if (records.size() != diff_ids.size()) {
    return MakeError(order_source + " lists " + std::to_string(records.size()) + " layers, but the config's rootfs.diff_ids has " +
                     std::to_string(diff_ids.size()));
  }
  bool in_order = true;
  for (size_t i = 0; i < records.size(); ++i) {
    if (DigestString(records[i]->diff_id) != diff_ids[i]) in_order = false;
  }
  if (!in_order) {
    std::multimap<std::string, size_t> by_diff;
    for (size_t i = 0; i < records.size(); ++i) by_diff.emplace(DigestString(records[i]->diff_id), i);
    std::vector<size_t> order;
    for (const std::string& d : diff_ids) {
      auto it = by_diff.find(d);
      if (it == by_diff.end()) break;
      order.push_back(it->second);
      by_diff.erase(it);
    }
    bool permutation = order.size() == records.size();
    if (!permutation) {
      for (size_t i = 0; i < records.size(); ++i) {
        if (DigestString(records[i]->diff_id) != diff_ids[i]) {
          return MakeError("layer " + std::to_string(i) + " (" + sources[i] + "): its content hashes to " +
                           DigestString(records[i]->diff_id) + ", but the config's rootfs.diff_ids[" +
                           std::to_string(i) + "] is " + diff_ids[i]);
        }
      }
    }
    if (trust_order) {
      return MakeError(order_source + " lists the layers in a different order than the config's rootfs.diff_ids");
    }
    image.warnings.push_back(order_source + " lists the layers in a different order than the config's rootfs.diff_ids; "
                             "the config's order was used");
    std::vector<const LayerRecord*> r2;
    std::vector<std::string> s2;
    for (size_t i : order) {
      r2.push_back(records[i]);
      s2.push_back(sources[i]);
    }
    records = std::move(r2);
    sources = std::move(s2);
  }
  std::vector<const HistoryEntry*> history;
  for (const HistoryEntry& h : image.config.history) {
    if (!h.empty_layer) history.push_back(&h);
  }
  for (size_t i = 0; i < records.size(); ++i) {
    Result<LayerStats> stats = image.tree.ApplyLayer(*records[i], static_cast<int>(i));
    if (!stats.ok()) return stats.error();
    LayerInfo info;
    info.source = sources[i];
    info.diff_id = DigestString(records[i]->diff_id);
    info.blob_digest = DigestString(records[i]->blob_digest);
    info.compression = records[i]->compression;
    info.blob_size = records[i]->blob_size;
    info.tar_size = records[i]->tar_size;
    if (i < history.size()) info.created_by = history[i]->created_by;
    info.stats = *stats;
    image.layers.push_back(std::move(info));
  }
  image.warnings.insert(image.warnings.end(), image.tree.warnings().begin(), image.tree.warnings().end());
  return {};
}

}  // namespace

std::string_view ImageFormatName(ImageFormat f) {
  switch (f) {
    case ImageFormat::kDockerSaveLegacy: return "docker-save";
    case ImageFormat::kDockerSaveOci: return "docker-save-oci";
    case ImageFormat::kOciLayout: return "oci-layout";
  }
  return "docker-save";
}

Result<Image> ReadImageArchive(ByteSource& source, const IndexOptions& options, const std::string& what) {
  std::map<std::string, Member> members;
  std::map<std::string, std::string> aliases;  // Legacy layer.tar symlinks to an earlier copy.
  // All JSON members together (configs, manifests, legacy v1 JSONs) are capped too.
  constexpr uint64_t kMaxArchiveJsonBytes = 64 << 20;
  uint64_t json_bytes = 0;
  TarReader outer(source, what);
  for (;;) {
    Result<std::optional<TarEntry>> next = outer.Next();
    if (!next.ok()) return next.error();
    if (!next->has_value()) break;
    TarEntry& e = **next;
    Result<std::string> norm = NormalizeMemberPath(e.name);
    if (!norm.ok()) return MakeError(what + ": member " + norm.error().message);
    std::string name = norm->substr(1);
    if (e.type == EntryType::kSymlink) {
      Result<std::string> target = NormalizeMemberPath(
          e.link_name.empty() || e.link_name[0] == '/' ? e.link_name : norm->substr(0, norm->rfind('/') + 1) + e.link_name);
      if (!target.ok()) return MakeError(what + ": member '" + e.name + "' links to " + target.error().message);
      aliases[name] = target->substr(1);
      continue;
    }
    if (e.type != EntryType::kFile || e.size == 0) continue;
    Member& m = members[name];
    m.size = e.size;
    PeekableByteSource body(outer.body());
    Result<std::string_view> head = body.Peek(512);
    if (!head.ok()) return head.error();
    bool is_layer_name = name.size() > 4 && name.substr(name.size() - 4) == ".tar";
    if (!is_layer_name && LooksLikeJson(*head)) {
      if (e.size > kMaxJsonBytes || json_bytes + e.size > kMaxArchiveJsonBytes) {
        // Fatal only if a manifest names it (the skipped body is drained by the outer reader).
        m.layer_error = MakeError(what + ": member '" + name + "' is " + std::to_string(e.size) +
                                  " bytes of JSON, more than the reader keeps");
        continue;
      }
      json_bytes += e.size;
      Result<std::string> bytes = ReadAll(body, kMaxJsonBytes, what + ": " + name);
      if (!bytes.ok()) return bytes.error();
      m.digest = Sha256Of(*bytes);
      m.json = std::move(*bytes);
      continue;
    }
    // Anything else may be a layer (blobs, layer.tar, a compressed layer.tar.gz from other tools);
    // the bookkeeping members are known not to be.
    std::string base = name.substr(name.rfind('/') + 1);
    if (base == "VERSION" || base == "repositories" || base == "oci-layout") continue;
    Result<LayerRecord> record = IndexLayer(body, options, what + ": layer " + name);
    if (!record.ok()) {
      // Unreferenced blobs may be anything; the error matters only if a manifest names it. The
      // rest of the member is skipped by the outer reader.
      m.layer_error = record.error();
      continue;
    }
    m.digest = record->blob_digest;
    m.layer = std::move(*record);
  }

  auto find = [&](std::string name) -> Member* {
    for (int hop = 0; hop < 8; ++hop) {
      auto alias = aliases.find(name);
      if (alias == aliases.end()) break;
      name = alias->second;
    }
    auto it = members.find(name);
    return it == members.end() ? nullptr : &it->second;
  };
  auto blob_name = [](const std::string& digest) { return "blobs/sha256/" + digest.substr(7); };

  Image image;
  std::vector<const LayerRecord*> records;
  std::vector<std::string> sources;
  std::string config_name;
  bool trust_order = true;
  std::string order_source;
  Member* manifest = find("manifest.json");
  if (manifest != nullptr && !manifest->json && manifest->layer_error) return *manifest->layer_error;
  if (manifest != nullptr && manifest->json) {
    Result<std::vector<SaveManifestEntry>> entries = ParseSaveManifest(*manifest->json);
    if (!entries.ok()) return entries.error();
    if (entries->empty()) return MakeError(what + ": manifest.json lists no image");
    const SaveManifestEntry& entry = entries->front();
    image.repo_tags = entry.repo_tags;
    image.format = entry.config.rfind("blobs/", 0) == 0 ? ImageFormat::kDockerSaveOci : ImageFormat::kDockerSaveLegacy;
    order_source = "manifest.json";
    for (const std::string& layer : entry.layers) {
      Result<std::string> n = NormalizeMemberPath(layer);
      if (!n.ok()) return MakeError("manifest.json: layer " + n.error().message);
      Member* m = find(n->substr(1));
      if (m == nullptr) return MakeError(what + ": manifest.json names layer '" + layer + "', which is not in the archive");
      if (m->layer_error) return *m->layer_error;
      if (!m->layer) return MakeError(what + ": manifest.json names layer '" + layer + "', which is not a layer");
      if (n->rfind("/blobs/sha256/", 0) == 0 && ToHex(m->layer->blob_digest) != n->substr(14)) {
        return MakeError(what + ": blob '" + layer + "' hashes to " + DigestString(m->layer->blob_digest));
      }
      records.push_back(&*m->layer);
      sources.push_back(layer);
    }
    Result<std::string> cn = NormalizeMemberPath(entry.config);
    if (!cn.ok()) return MakeError("manifest.json: config " + cn.error().message);
    config_name = cn->substr(1);
  } else {
    Member* index = find("index.json");
    if (index == nullptr || !index->json) {
      return MakeError(what + ": neither manifest.json nor index.json found (not a docker save or OCI archive)");
    }
    image.format = ImageFormat::kDockerSaveOci;
    Result<OciDocument> top = ParseOciDocument(*index->json, "index.json");
    if (!top.ok()) return top.error();
    auto load = [&](const Descriptor& d) -> Result<std::string> {
      Member* m = find(blob_name(d.digest));
      if (m != nullptr && !m->json && m->layer_error) return *m->layer_error;
      if (m == nullptr || !m->json) return MakeError(what + ": blob " + d.digest + " is not in the archive");
      Result<void> ok = CheckBlob(d.digest, d.size, m->digest, m->size, what + ": blob " + d.digest);
      if (!ok.ok()) return ok.error();
      return *m->json;
    };
    Result<OciDocument> doc = ResolveManifest(*top, load, 0);
    if (!doc.ok()) return doc.error();
    trust_order = false;
    order_source = "the OCI manifest";
    for (const Descriptor& d : doc->layers) {
      Member* m = find(blob_name(d.digest));
      if (m == nullptr) return MakeError(what + ": layer blob " + d.digest + " is not in the archive");
      if (m->layer_error) return *m->layer_error;
      if (!m->layer) return MakeError(what + ": blob " + d.digest + " is not a layer");
      Result<void> ok = CheckBlob(d.digest, d.size, m->layer->blob_digest, m->layer->blob_size, what + ": layer blob " + d.digest);
      if (!ok.ok()) return ok.error();
      records.push_back(&*m->layer);
      sources.push_back(blob_name(d.digest));
    }
    config_name = blob_name(doc->config->digest);
  }
  Member* config = find(config_name);
  if (config != nullptr && !config->json && config->layer_error) return *config->layer_error;
  if (config == nullptr || !config->json) return MakeError(what + ": config '" + config_name + "' is not in the archive");
  image.id = DigestString(config->digest);
  // The config's name is its digest in both layouts ("<hex>.json", "blobs/sha256/<hex>").
  std::string expected = config_name.rfind("blobs/sha256/", 0) == 0 ? config_name.substr(13)
                         : config_name.size() == 69 ? config_name.substr(0, 64) : "";
  if (!expected.empty() && expected != ToHex(config->digest)) {
    return MakeError(what + ": config '" + config_name + "' hashes to " + image.id);
  }
  Result<ImageConfig> parsed = ParseImageConfig(*config->json);
  if (!parsed.ok()) return parsed.error();
  image.config = std::move(*parsed);
  Result<void> assembled = Assemble(image, std::move(records), std::move(sources), trust_order, order_source);
  if (!assembled.ok()) return assembled.error();
  return image;
}

Result<Image> ReadOciLayout(const std::string& dir, const IndexOptions& options) {
  auto read_small = [&](const std::string& rel) -> Result<std::string> {
    Result<std::unique_ptr<ByteSource>> f = OpenFileSource(dir + "/" + rel);
    if (!f.ok()) return f.error();
    return ReadAll(**f, kMaxJsonBytes, dir + "/" + rel);
  };
  Result<std::string> layout = read_small("oci-layout");
  if (!layout.ok()) return MakeError(dir + ": not an OCI image layout (" + layout.error().message + ")");
  Result<std::string> index_bytes = read_small("index.json");
  if (!index_bytes.ok()) return index_bytes.error();
  Result<OciDocument> top = ParseOciDocument(*index_bytes, "index.json");
  if (!top.ok()) return top.error();
  auto blob_path = [](const std::string& digest) { return "blobs/sha256/" + digest.substr(7); };
  auto load = [&](const Descriptor& d) -> Result<std::string> {
    Result<std::string> bytes = read_small(blob_path(d.digest));
    if (!bytes.ok()) return bytes.error();
    Result<void> ok = CheckBlob(d.digest, d.size, Sha256Of(*bytes), bytes->size(), dir + ": blob " + d.digest);
    if (!ok.ok()) return ok.error();
    return bytes;
  };
  Result<OciDocument> doc = ResolveManifest(*top, load, 0);
  if (!doc.ok()) return doc.error();
  Result<std::string> config_bytes = load(*doc->config);
  if (!config_bytes.ok()) return config_bytes.error();
  Image image;
  image.format = ImageFormat::kOciLayout;
  image.id = doc->config->digest;
  Result<ImageConfig> parsed = ParseImageConfig(*config_bytes);
  if (!parsed.ok()) return parsed.error();
  image.config = std::move(*parsed);
  for (const Descriptor& d : top->manifests) {
    auto ref = d.annotations.find("org.opencontainers.image.ref.name");
    if (ref != d.annotations.end()) image.repo_tags.push_back(ref->second);
  }
  std::vector<LayerRecord> owned;
  owned.reserve(doc->layers.size());
  std::vector<std::string> sources;
  for (const Descriptor& d : doc->layers) {
    std::string rel = blob_path(d.digest);
    Result<std::unique_ptr<ByteSource>> f = OpenFileSource(dir + "/" + rel);
    if (!f.ok()) return f.error();
    Result<LayerRecord> record = IndexLayer(**f, options, dir + ": layer " + d.digest);
    if (!record.ok()) return record.error();
    Result<void> ok = CheckBlob(d.digest, d.size, record->blob_digest, record->blob_size, dir + ": layer " + d.digest);
    if (!ok.ok()) return ok.error();
    owned.push_back(std::move(*record));
    sources.push_back(rel);
  }
  std::vector<const LayerRecord*> records;
  for (const LayerRecord& r : owned) records.push_back(&r);
  Result<void> assembled = Assemble(image, std::move(records), std::move(sources), /*trust_order=*/false, "the OCI manifest");
  if (!assembled.ok()) return assembled.error();
  return image;
}

}  // namespace drydock::image
