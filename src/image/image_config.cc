#include "image/image_config.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace drydock::image {

namespace {

using Json = nlohmann::json;

// Reads helpers that never throw on a wrong type: a mismatch is reported through `bad`.
struct Reader {
  std::string what;
  std::string problem;

  std::string String(const Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return "";
    if (!it->is_string()) {
      Fail(std::string("\"") + key + "\" is not a string");
      return "";
    }
    return it->get<std::string>();
  }
  std::optional<std::vector<std::string>> Strings(const Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    if (it->is_string()) return std::vector<std::string>{it->get<std::string>()};
    if (!it->is_array()) {
      Fail(std::string("\"") + key + "\" is not a list of strings");
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (const Json& v : *it) {
      if (!v.is_string()) {
        Fail(std::string("\"") + key + "\" is not a list of strings");
        return std::nullopt;
      }
      out.push_back(v.get<std::string>());
    }
    return out;
  }
  std::vector<std::string> Keys(const Json& j, const char* key) {
    std::vector<std::string> out;
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return out;
    if (!it->is_object()) {
      Fail(std::string("\"") + key + "\" is not an object");
      return out;
    }
    for (auto kv = it->begin(); kv != it->end(); ++kv) out.push_back(kv.key());
    std::sort(out.begin(), out.end());
    return out;
  }
  std::map<std::string, std::string> StringMap(const Json& j, const char* key) {
    std::map<std::string, std::string> out;
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return out;
    if (!it->is_object()) {
      Fail(std::string("\"") + key + "\" is not an object");
      return out;
    }
    for (auto kv = it->begin(); kv != it->end(); ++kv) {
      if (kv.value().is_string()) out[kv.key()] = kv.value().get<std::string>();
    }
    return out;
  }
  int64_t Int(const Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return 0;
    if (!it->is_number_integer()) {
      Fail(std::string("\"") + key + "\" is not an integer");
      return 0;
    }
    return it->get<int64_t>();
  }
  void Fail(std::string message) {
    if (problem.empty()) problem = std::move(message);
  }
  Error error() const { return MakeError(what + ": " + problem); }
};

Result<Json> Parse(std::string_view text, std::string_view what) {
  if (text.size() > kMaxJsonBytes) {
    return MakeError(std::string(what) + ": larger than " + std::to_string(kMaxJsonBytes) + " bytes");
  }
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return MakeError(std::string(what) + ": not valid JSON");
  return j;
}

Descriptor ReadDescriptor(Reader& r, const Json& j) {
  Descriptor d;
  if (!j.is_object()) {
    r.Fail("a descriptor is not an object");
    return d;
  }
  d.media_type = r.String(j, "mediaType");
  d.digest = r.String(j, "digest");
  d.size = r.Int(j, "size");
  if (!IsValidDigest(d.digest)) r.Fail("invalid digest \"" + d.digest + "\"");
  if (d.size < 0) r.Fail("negative size in the descriptor of " + d.digest);
  auto p = j.find("platform");
  if (p != j.end() && p->is_object()) {
    d.platform_os = r.String(*p, "os");
    d.platform_architecture = r.String(*p, "architecture");
    d.platform_variant = r.String(*p, "variant");
  }
  d.annotations = r.StringMap(j, "annotations");
  return d;
}

}  // namespace

bool IsValidDigest(std::string_view digest) {
  if (digest.size() != 71 || digest.substr(0, 7) != "sha256:") return false;
  return std::all_of(digest.begin() + 7, digest.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Result<ImageConfig> ParseImageConfig(std::string_view json) {
  Result<Json> parsed = Parse(json, "image config");
  if (!parsed.ok()) return parsed.error();
  const Json& j = *parsed;
  Reader r{"image config", ""};
  if (!j.is_object()) return MakeError("image config: not a JSON object");
  ImageConfig c;
  c.architecture = r.String(j, "architecture");
  c.os = r.String(j, "os");
  c.created = r.String(j, "created");
  auto cfg = j.find("config");
  if (cfg != j.end() && cfg->is_object()) {
    c.user = r.String(*cfg, "User");
    c.env = r.Strings(*cfg, "Env").value_or(std::vector<std::string>{});
    c.entrypoint = r.Strings(*cfg, "Entrypoint");
    c.cmd = r.Strings(*cfg, "Cmd");
    c.shell = r.Strings(*cfg, "Shell");
    c.working_dir = r.String(*cfg, "WorkingDir");
    c.exposed_ports = r.Keys(*cfg, "ExposedPorts");
    c.volumes = r.Keys(*cfg, "Volumes");
    c.labels = r.StringMap(*cfg, "Labels");
    c.stop_signal = r.String(*cfg, "StopSignal");
    auto hc = cfg->find("Healthcheck");
    if (hc != cfg->end() && hc->is_object()) {
      Healthcheck h;
      h.test = r.Strings(*hc, "Test").value_or(std::vector<std::string>{});
      h.interval_ns = r.Int(*hc, "Interval");
      h.timeout_ns = r.Int(*hc, "Timeout");
      h.start_period_ns = r.Int(*hc, "StartPeriod");
      h.retries = r.Int(*hc, "Retries");
      c.healthcheck = std::move(h);
    }
  }
  auto rootfs = j.find("rootfs");
  if (rootfs == j.end() || !rootfs->is_object()) return MakeError("image config: no \"rootfs\"");
  c.diff_ids = r.Strings(*rootfs, "diff_ids").value_or(std::vector<std::string>{});
  for (const std::string& d : c.diff_ids) {
    if (!IsValidDigest(d)) r.Fail("invalid diff_id \"" + d + "\"");
  }
  auto history = j.find("history");
  if (history != j.end() && history->is_array()) {
    for (const Json& h : *history) {
      if (!h.is_object()) continue;
      HistoryEntry e;
      e.created = r.String(h, "created");
      e.created_by = r.String(h, "created_by");
      e.comment = r.String(h, "comment");
      auto el = h.find("empty_layer");
      e.empty_layer = el != h.end() && el->is_boolean() && el->get<bool>();
      c.history.push_back(std::move(e));
    }
  }
  if (!r.problem.empty()) return r.error();
  return c;
}

Result<std::vector<SaveManifestEntry>> ParseSaveManifest(std::string_view json) {
  Result<Json> parsed = Parse(json, "manifest.json");
  if (!parsed.ok()) return parsed.error();
  Reader r{"manifest.json", ""};
  if (!parsed->is_array()) return MakeError("manifest.json: not a JSON list");
  std::vector<SaveManifestEntry> out;
  for (const Json& m : *parsed) {
    if (!m.is_object()) return MakeError("manifest.json: an entry is not an object");
    SaveManifestEntry e;
    e.config = r.String(m, "Config");
    e.repo_tags = r.Strings(m, "RepoTags").value_or(std::vector<std::string>{});
    e.layers = r.Strings(m, "Layers").value_or(std::vector<std::string>{});
    if (e.config.empty()) r.Fail("an entry has no \"Config\"");
    out.push_back(std::move(e));
  }
  if (!r.problem.empty()) return r.error();
  return out;
}

Result<OciDocument> ParseOciDocument(std::string_view json, std::string_view what) {
  Result<Json> parsed = Parse(json, what);
  if (!parsed.ok()) return parsed.error();
  const Json& j = *parsed;
  Reader r{std::string(what), ""};
  if (!j.is_object()) return MakeError(std::string(what) + ": not a JSON object");
  OciDocument d;
  std::string media_type = r.String(j, "mediaType");
  bool index = media_type == "application/vnd.oci.image.index.v1+json" ||
               media_type == "application/vnd.docker.distribution.manifest.list.v2+json" ||
               (media_type.empty() && j.contains("manifests"));
  if (index) {
    d.kind = OciDocument::Kind::kIndex;
    auto m = j.find("manifests");
    // Docker 25 wrote "manifests": null for `docker save IMG@DIGEST` (moby #47210).
    if (m != j.end() && m->is_array()) {
      for (const Json& e : *m) d.manifests.push_back(ReadDescriptor(r, e));
    }
  } else {
    d.kind = OciDocument::Kind::kManifest;
    auto c = j.find("config");
    if (c == j.end()) return MakeError(std::string(what) + ": manifest has no \"config\"");
    d.config = ReadDescriptor(r, *c);
    auto l = j.find("layers");
    if (l != j.end() && l->is_array()) {
      for (const Json& e : *l) d.layers.push_back(ReadDescriptor(r, e));
    }
  }
  if (!r.problem.empty()) return r.error();
  return d;
}

}  // namespace drydock::image
