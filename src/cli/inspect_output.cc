#include "cli/inspect_output.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "image/image_facts.h"
#include "image/layer.h"

namespace drydock::cli {

namespace {

using image::Change;
using image::Image;
using image::Node;
using image::Wasted;

std::string Quoted(const std::optional<std::vector<std::string>>& v) {
  if (!v) return "(not set)";
  return nlohmann::json(*v).dump();
}

struct FileRow {
  std::string path;
  uint64_t size;
  int layer;
};

std::vector<FileRow> Largest(const Image& image, size_t top) {
  std::vector<FileRow> rows;
  for (const auto& [path, n] : image.tree.nodes()) {
    if (n.type == image::EntryType::kFile && n.size > 0) rows.push_back({path, n.size, n.changed_layer});
  }
  std::sort(rows.begin(), rows.end(), [](const FileRow& a, const FileRow& b) {
    return a.size != b.size ? a.size > b.size : a.path < b.path;
  });
  if (rows.size() > top) rows.resize(top);
  return rows;
}

uint64_t WastedTotal(const Image& image) {
  uint64_t total = 0;
  for (const Wasted& w : image.tree.wasted()) total += w.size;
  return total;
}

std::vector<Wasted> WastedSorted(const Image& image) {
  std::vector<Wasted> rows = image.tree.wasted();
  std::stable_sort(rows.begin(), rows.end(), [](const Wasted& a, const Wasted& b) {
    return a.size != b.size ? a.size > b.size : a.path < b.path;
  });
  return rows;
}

uint64_t VisibleBytes(const Image& image) {
  // Hard links share bytes: count each content once.
  std::vector<bool> seen;
  uint64_t total = 0;
  for (const auto& [path, n] : image.tree.nodes()) {
    if (n.content < 0) continue;
    size_t id = static_cast<size_t>(n.content);
    if (seen.size() <= id) seen.resize(id + 1);
    if (seen[id]) continue;
    seen[id] = true;
    total += n.size;
  }
  return total;
}

struct PathEvent {
  int layer;
  Change change;
};

// A path's changes across layers (itself, or removed with a deleted / opaque ancestor).
std::vector<PathEvent> PathStory(const Image& image, const std::string& path) {
  std::vector<PathEvent> out;
  const auto& changes = image.tree.changes();
  for (size_t i = 0; i < changes.size(); ++i) {
    for (const Change& c : changes[i]) {
      if (c.path == path) out.push_back({static_cast<int>(i), c});
    }
  }
  return out;
}

std::string NodeLine(const Node& n) {
  std::string s = fmt::format("{} {:04o} {}:{}", image::EntryTypeName(n.type), n.mode, n.uid, n.gid);
  if (n.type == image::EntryType::kFile) s += fmt::format(" {} bytes", n.size);
  if (!n.link.empty()) s += (n.hard_link ? " hard link to " : " -> ") + n.link;
  return s;
}

std::string OneLine(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\t', ' ');
  return s;
}

}  // namespace

std::string HumanBytes(uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes) / 1024;
  int u = 0;
  while (v >= 1024 && u < 3) {
    v /= 1024;
    ++u;
  }
  return fmt::format("{:.1f} {}", v, units[u]);
}

std::string InspectToText(const Image& image, const InspectView& view) {
  const image::ImageConfig& c = image.config;
  std::string out;
  if (view.path) {
    Result<std::string> norm = image::NormalizeMemberPath(*view.path);
    std::string p = norm.ok() ? *norm : *view.path;
    out += fmt::format("path {}\n", p);
    for (const PathEvent& e : PathStory(image, p)) {
      out += fmt::format("  layer {}: {} {}", e.layer, image::ChangeKindName(e.change.kind), image::EntryTypeName(e.change.type));
      if (e.change.size > 0) out += fmt::format(" {} bytes", e.change.size);
      out += "\n";
    }
    for (const Wasted& w : image.tree.wasted()) {
      if (w.path == p) out += fmt::format("  wasted: {} bytes shipped in layer {}, hidden by layer {}\n", w.size, w.layer, w.hidden_by);
    }
    const Node* n = image.tree.Find(p);
    out += n ? fmt::format("  final: {} (layer {})\n", NodeLine(*n), n->changed_layer) : "  final: absent\n";
    return out;
  }
  if (view.layer) {
    int i = *view.layer;
    const image::LayerInfo& l = image.layers[static_cast<size_t>(i)];
    out += fmt::format("layer {}: {} ({} files, +{} ~{} -{})\n", i, l.diff_id, HumanBytes(l.stats.file_bytes), l.stats.added,
                       l.stats.changed, l.stats.deleted);
    if (!l.created_by.empty()) out += fmt::format("created by: {}\n", OneLine(l.created_by));
    for (const Change& ch : image.tree.changes()[static_cast<size_t>(i)]) {
      char mark = ch.kind == image::ChangeKind::kAdded ? '+' : ch.kind == image::ChangeKind::kChanged ? '~' : '-';
      out += fmt::format("{} {:<8} {:>12} {}\n", mark, image::EntryTypeName(ch.type),
                         ch.kind == image::ChangeKind::kDeleted ? "" : std::to_string(ch.size), ch.path);
    }
    return out;
  }
  out += fmt::format("image:       {} ({})\n", image.id, image::ImageFormatName(image.format));
  if (!image.repo_tags.empty()) out += fmt::format("tags:        {}\n", fmt::join(image.repo_tags, ", "));
  out += fmt::format("platform:    {}/{}\n", c.os, c.architecture);
  if (!c.created.empty()) out += fmt::format("created:     {}\n", c.created);
  out += fmt::format("user:        {}\n", c.user.empty() ? "(root)" : c.user);
  if (!c.working_dir.empty()) out += fmt::format("workdir:     {}\n", c.working_dir);
  out += fmt::format("entrypoint:  {}\n", Quoted(c.entrypoint));
  out += fmt::format("cmd:         {}\n", Quoted(c.cmd));
  if (c.shell) out += fmt::format("shell:       {}\n", Quoted(c.shell));
  if (c.healthcheck) out += fmt::format("healthcheck: {}\n", Quoted(c.healthcheck->test));
  if (!c.exposed_ports.empty()) out += fmt::format("ports:       {}\n", fmt::join(c.exposed_ports, " "));
  if (!c.volumes.empty()) out += fmt::format("volumes:     {}\n", fmt::join(c.volumes, " "));
  if (!c.env.empty()) {
    out += "env:\n";
    for (const std::string& e : c.env) out += fmt::format("  {}\n", e);
  }
  if (!c.labels.empty()) {
    out += "labels:\n";
    for (const auto& [k, v] : c.labels) out += fmt::format("  {}={}\n", k, v);
  }
  image::ImageFacts facts = image::ComputeFacts(image);
  for (const image::PythonFacts& py : facts.pythons) {
    std::vector<std::string> notes;
    if (!py.version.empty()) notes.push_back(py.version);
    if (py.has_ensurepip) notes.push_back("ensurepip");
    if (py.has_venv) notes.push_back("venv");
    if (py.externally_managed) notes.push_back("externally managed");
    if (!py.venv_dir.empty()) notes.push_back("venv " + py.venv_dir);
    if (!py.version.empty() && py.stdlib_dir.empty()) notes.push_back("no stdlib dir");
    out += fmt::format("python:      {}{} ({})\n", py.path, py.resolved == py.path ? "" : " -> " + py.resolved,
                       fmt::join(notes, ", "));
  }
  for (const std::string& w : image.warnings) out += fmt::format("warning:     {}\n", w);

  out += fmt::format("\nlayers ({}):\n", image.layers.size());
  out += fmt::format("  {:>3}  {:>10}  {:>10}  {:>7} {:>7} {:>7}  {}\n", "#", "files", "blob", "added", "changed", "deleted",
                     "created by");
  uint64_t shipped = 0;
  for (size_t i = 0; i < image.layers.size(); ++i) {
    const image::LayerInfo& l = image.layers[i];
    shipped += l.stats.file_bytes;
    std::string by = OneLine(l.created_by);
    if (by.size() > 80) by = by.substr(0, 77) + "...";
    std::string blob = HumanBytes(l.blob_size);
    if (l.compression != image::Compression::kNone) blob += " " + std::string(image::CompressionName(l.compression));
    out += fmt::format("  {:>3}  {:>10}  {:>10}  {:>7} {:>7} {:>7}  {}\n", i, HumanBytes(l.stats.file_bytes), blob,
                       l.stats.added, l.stats.changed, l.stats.deleted, by);
  }
  uint64_t wasted = WastedTotal(image);
  out += fmt::format("\nfile bytes shipped: {} ({}); visible in the final tree: {} ({}); paths: {}\n", shipped,
                     HumanBytes(shipped), VisibleBytes(image), HumanBytes(VisibleBytes(image)), image.tree.nodes().size());

  std::vector<FileRow> largest = Largest(image, view.top);
  if (!largest.empty()) {
    out += "\nlargest files:\n";
    for (const FileRow& r : largest) out += fmt::format("  {:>10}  L{:<3} {}\n", HumanBytes(r.size), r.layer, r.path);
  }
  std::vector<Wasted> rows = WastedSorted(image);
  out += fmt::format("\nwasted bytes: {} ({}) in {} paths (shipped in a layer, hidden by a later one)\n", wasted,
                     HumanBytes(wasted), rows.size());
  for (size_t i = 0; i < rows.size() && i < view.top; ++i) {
    const Wasted& w = rows[i];
    out += fmt::format("  {:>10}  L{} hidden by L{}  {}\n", HumanBytes(w.size), w.layer, w.hidden_by, w.path);
  }
  return out;
}

std::string InspectToJson(const Image& image, const InspectView& view) {
  using Json = nlohmann::ordered_json;
  const image::ImageConfig& c = image.config;
  Json j;
  j["id"] = image.id;
  j["format"] = image::ImageFormatName(image.format);
  j["repo_tags"] = image.repo_tags;
  Json config;
  config["os"] = c.os;
  config["architecture"] = c.architecture;
  config["created"] = c.created;
  config["user"] = c.user;
  config["working_dir"] = c.working_dir;
  config["entrypoint"] = c.entrypoint ? Json(*c.entrypoint) : Json(nullptr);
  config["cmd"] = c.cmd ? Json(*c.cmd) : Json(nullptr);
  config["shell"] = c.shell ? Json(*c.shell) : Json(nullptr);
  config["healthcheck"] = c.healthcheck ? Json(c.healthcheck->test) : Json(nullptr);
  config["env"] = c.env;
  config["exposed_ports"] = c.exposed_ports;
  config["volumes"] = c.volumes;
  config["labels"] = c.labels;
  Json history = Json::array();
  for (const image::HistoryEntry& h : c.history) {
    history.push_back({{"created", h.created}, {"created_by", h.created_by}, {"empty_layer", h.empty_layer}});
  }
  config["history"] = history;
  j["config"] = config;
  j["warnings"] = image.warnings;
  image::ImageFacts facts = image::ComputeFacts(image);
  Json user = {{"spec", facts.user.spec}, {"name", facts.user.name}, {"in_passwd", facts.user.in_passwd}};
  user["uid"] = facts.user.uid ? Json(*facts.user.uid) : Json(nullptr);
  user["gid"] = facts.user.gid ? Json(*facts.user.gid) : Json(nullptr);
  Json pythons = Json::array();
  for (const image::PythonFacts& py : facts.pythons) {
    pythons.push_back({{"path", py.path}, {"resolved", py.resolved}, {"version", py.version}, {"stdlib_dir", py.stdlib_dir},
                       {"ensurepip", py.has_ensurepip}, {"venv", py.has_venv}, {"externally_managed", py.externally_managed}, {"venv_dir", py.venv_dir}});
  }
  j["facts"] = {{"user", user}, {"path", facts.path_dirs}, {"shell", facts.shell}, {"pythons", pythons}};
  Json layers = Json::array();
  for (size_t i = 0; i < image.layers.size(); ++i) {
    const image::LayerInfo& l = image.layers[i];
    layers.push_back({{"index", i},
                      {"source", l.source},
                      {"diff_id", l.diff_id},
                      {"blob_digest", l.blob_digest},
                      {"compression", image::CompressionName(l.compression)},
                      {"blob_size", l.blob_size},
                      {"tar_size", l.tar_size},
                      {"file_bytes", l.stats.file_bytes},
                      {"entries", l.stats.entries},
                      {"added", l.stats.added},
                      {"changed", l.stats.changed},
                      {"deleted", l.stats.deleted},
                      {"created_by", l.created_by}});
  }
  j["layers"] = layers;
  j["paths"] = image.tree.nodes().size();
  j["visible_bytes"] = VisibleBytes(image);
  Json largest = Json::array();
  for (const FileRow& r : Largest(image, view.top)) largest.push_back({{"path", r.path}, {"size", r.size}, {"layer", r.layer}});
  j["largest_files"] = largest;
  j["wasted_bytes"] = WastedTotal(image);
  Json wasted = Json::array();
  for (const Wasted& w : WastedSorted(image)) {
    wasted.push_back({{"path", w.path}, {"size", w.size}, {"layer", w.layer}, {"hidden_by", w.hidden_by}});
  }
  j["wasted"] = wasted;
  if (view.layer) {
    Json changes = Json::array();
    for (const Change& ch : image.tree.changes()[static_cast<size_t>(*view.layer)]) {
      changes.push_back({{"path", ch.path}, {"change", image::ChangeKindName(ch.kind)}, {"type", image::EntryTypeName(ch.type)}, {"size", ch.size}});
    }
    j["layer_changes"] = {{"layer", *view.layer}, {"changes", changes}};
  }
  if (view.path) {
    Result<std::string> norm = image::NormalizeMemberPath(*view.path);
    std::string p = norm.ok() ? *norm : *view.path;
    Json story = Json::array();
    for (const PathEvent& e : PathStory(image, p)) {
      story.push_back({{"layer", e.layer}, {"change", image::ChangeKindName(e.change.kind)}, {"type", image::EntryTypeName(e.change.type)}, {"size", e.change.size}});
    }
    const Node* n = image.tree.Find(p);
    Json final_state = nullptr;
    if (n) {
      final_state = {{"type", image::EntryTypeName(n->type)}, {"mode", n->mode}, {"uid", n->uid}, {"gid", n->gid},
                     {"size", n->size}, {"link", n->link}, {"layer", n->changed_layer}};
    }
    j["path_story"] = {{"path", p}, {"changes", story}, {"final", final_state}};
  }
  return j.dump(2) + "\n";
}

}  // namespace drydock::cli
