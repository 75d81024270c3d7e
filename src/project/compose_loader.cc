#include "project/compose_loader.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>

#include "base/strings.h"
#include "project/dotenv.h"
#include "project/interpolation.h"
#include "project/yaml_document.h"

namespace drydock::project {

namespace {

const std::vector<std::string>& BuildKeys() {
  static const std::vector<std::string> keys = {
      "context", "dockerfile", "dockerfile_inline", "args", "ssh", "labels", "cache_from",
      "cache_to", "no_cache", "additional_contexts", "network", "pull", "target", "shm_size",
      "extra_hosts", "isolation", "privileged", "secrets", "tags", "ulimits", "platforms",
      "entitlements", "provenance", "sbom", "no_cache_filter", "x-drydock"};
  return keys;
}

const std::vector<std::string>& ServiceKeys() {
  static const std::vector<std::string> keys = {
      "annotations", "attach", "blkio_config", "build", "cap_add", "cap_drop", "cgroup",
      "cgroup_parent", "command", "configs", "container_name", "cpu_count", "cpu_percent",
      "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares", "cpus",
      "cpuset", "credential_spec", "depends_on", "deploy", "develop", "device_cgroup_rules",
      "devices", "dns", "dns_opt", "dns_search", "domainname", "entrypoint", "env_file",
      "environment", "expose", "extends", "external_links", "extra_hosts", "gpus", "group_add",
      "healthcheck", "hostname", "image", "init", "ipc", "isolation", "labels", "label_file",
      "links", "logging", "mac_address", "mem_limit", "mem_reservation", "mem_swappiness",
      "memswap_limit", "models", "network_mode", "networks", "oom_kill_disable",
      "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "pre_stop",
      "privileged", "profiles", "provider", "pull_policy", "read_only", "restart", "runtime",
      "scale", "secrets", "security_opt", "shm_size", "stdin_open", "stop_grace_period",
      "stop_signal", "storage_opt", "sysctls", "tmpfs", "tty", "ulimits", "use_api_socket",
      "user", "userns_mode", "uts", "volumes", "volumes_from", "working_dir"};
  return keys;
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool IsUrlContext(const std::string& s) {
  for (std::string_view p : {"http://", "https://", "git://", "ssh://", "git@", "github.com/",
                             "docker-image://", "oci-layout://", "service:", "target:"}) {
    if (s.rfind(p, 0) == 0) return true;
  }
  return false;
}

std::optional<int64_t> ParseBytes(std::string text) {
  text = ToLowerAscii(TrimAsciiSpace(text));
  if (text.empty()) return std::nullopt;
  size_t i = 0;
  while (i < text.size() && (isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
  if (i == 0) return std::nullopt;
  double value = std::stod(text.substr(0, i));
  std::string unit = text.substr(i);
  if (!unit.empty() && unit.back() == 'b' && unit.size() > 1) unit.pop_back();
  double factor = 1;
  if (unit == "k") factor = 1024;
  else if (unit == "m") factor = 1024.0 * 1024;
  else if (unit == "g") factor = 1024.0 * 1024 * 1024;
  else if (unit == "t") factor = 1024.0 * 1024 * 1024 * 1024;
  else if (!unit.empty() && unit != "b") return std::nullopt;
  return static_cast<int64_t>(value * factor);
}

class Loader {
 public:
  Loader(const ComposeOptions& options, const FileSystem& fs, SourceFileSet& sources, DiagSink& sink)
      : options_(options), fs_(fs), sources_(sources), sink_(sink) {}

  Result<Project> Load(ComposeServiceSummary* summary) {
    Result<std::vector<std::string>> files = FindFiles();
    if (!files.ok()) return files.error();
    Project project;
    project.files = *files;
    project.directory = DirName(files->front());
    if (Result<void> env = ReadDotEnv(project.directory); !env.ok()) return env.error();

    YamlNode merged;
    merged.kind = YamlNode::Kind::kMapping;
    for (const std::string& path : *files) {
      Result<std::string> text = fs_.ReadFile(path);
      if (!text.ok()) return text.error();
      const SourceFile& file = sources_.Add(path, std::move(*text));
      Result<YamlNode> doc = ParseYamlDocument(file);
      if (!doc.ok()) return MakeError(path + ": " + doc.error().message);
      if (doc->IsNull()) return MakeError("empty compose file");
      if (!doc->IsMapping()) return MakeError(path + ": top-level object must be a mapping");
      current_file_ = &file;
      Result<void> interpolated = Interpolate(*doc, "");
      if (!interpolated.ok()) return interpolated.error();
      NormalizeServices(*doc);
      Merge(merged, *doc);
    }
    project.name = ProjectName(merged, project.directory);
    static const std::vector<std::string> kTopLevel = {"version", "name", "include", "services",
                                                       "networks", "volumes", "secrets", "configs",
                                                       "models"};
    for (const auto& [k, v] : merged.entries) {
      if (k.scalar.rfind("x-", 0) == 0 ||
          std::find(kTopLevel.begin(), kTopLevel.end(), k.scalar) != kTopLevel.end()) {
        continue;
      }
      return MakeError("validating " + files->front() + ": additional properties '" + k.scalar +
                       "' not allowed");
    }
    YamlNode* services = nullptr;
    for (auto& [k, v] : merged.entries) {
      if (k.scalar == "services") services = &v;
    }
    if (!services || !services->IsMapping()) return project;
    if (Result<void> extended = ResolveExtends(*services, project.directory); !extended.ok()) {
      return extended.error();
    }
    if (Result<void> checked = CheckServices(*services, merged); !checked.ok()) return checked.error();

    std::set<std::string> profiles(options_.profiles.begin(), options_.profiles.end());
    if (options_.profiles.empty()) {
      if (auto p = Lookup("COMPOSE_PROFILES")) {
        for (const std::string& name : Split(*p, ',')) profiles.insert(std::string(TrimAsciiSpace(name)));
      }
    }
    std::set<std::string> names;
    for (const auto& [key, service] : services->entries) names.insert(key.scalar);
    size_t errors_before = sink_.error_count();
    for (const auto& [key, service] : services->entries) {
      const std::string& name = key.scalar;
      if (!service.IsMapping() && !service.IsNull()) {
        ErrorAt(key, "services." + name + " must be a mapping");
        continue;
      }
      CheckKeys(service, "services." + name, ServiceKeys());
      std::vector<std::string> service_profiles = Strings(service.Find("profiles"));
      bool active = service_profiles.empty() || profiles.count("*") ||
                    std::any_of(service_profiles.begin(), service_profiles.end(),
                                [&](const std::string& p) { return profiles.count(p) > 0; });
      std::string image = Scalar(service.Find("image"));
      if (summary) {
        (active ? summary->active : summary->disabled).push_back(name);
        summary->images[name] = image;
      }
      if (active) project.default_targets.push_back(name);
      std::vector<std::string> depends = DependsOn(service.Find("depends_on"));
      for (const std::string& dep : depends) {
        // A dependency hidden by the chosen profiles is as undefined as a missing one.
        const YamlNode* target = services->Find(dep);
        bool dep_active = target != nullptr;
        if (target) {
          std::vector<std::string> p = Strings(target->Find("profiles"));
          dep_active = p.empty() || profiles.count("*") ||
                       std::any_of(p.begin(), p.end(), [&](const std::string& x) { return profiles.count(x) > 0; });
        }
        if (!target || (active && !dep_active && DependencyRequired(service, dep))) {
          return MakeError("service \"" + name + "\" depends on undefined service \"" + dep +
                           "\": invalid compose project");
        }
      }
      const YamlNode* build = service.Find("build");
      if (!build || build->IsNull()) {
        if (image.empty()) {
          return MakeError("service \"" + name +
                           "\" has neither an image nor a build context specified: invalid compose project");
        }
        project.external_images[name] = image;
        continue;
      }
      Result<Target> target = MakeTarget(name, key, service, *build, image, project.directory);
      if (!target.ok()) return target.error();
      target->depends_on = depends;
      target->profiles = service_profiles;
      project.targets.push_back(std::move(*target));
    }
    if (sink_.error_count() > errors_before) return MakeError("invalid compose project");
    std::sort(project.targets.begin(), project.targets.end(),
              [](const Target& a, const Target& b) { return a.name < b.name; });
    std::sort(project.default_targets.begin(), project.default_targets.end());
    if (summary) {
      std::sort(summary->active.begin(), summary->active.end());
      std::sort(summary->disabled.begin(), summary->disabled.end());
    }
    return project;
  }

 private:
  static std::vector<std::string> Split(const std::string& s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
      size_t at = s.find(sep, start);
      std::string part = s.substr(start, at - start);
      if (!part.empty()) out.push_back(part);
      if (at == std::string::npos) break;
      start = at + 1;
    }
    return out;
  }

  // `extends: base` or `extends: {file: f, service: s}`: the base service first, this one
  // merged over it. A build context in another file is relative to that file.
  Result<void> ResolveExtends(YamlNode& services, const std::string& dir) {
    for (int round = 0; round < 8; ++round) {
      bool changed = false;
      for (auto& [key, service] : services.entries) {
        auto ext = std::find_if(service.entries.begin(), service.entries.end(),
                                [](const auto& e) { return e.first.scalar == "extends"; });
        if (ext == service.entries.end()) continue;
        YamlNode spec = ext->second;
        service.entries.erase(ext);
        std::string base_name = spec.IsScalar() ? spec.scalar : Scalar(spec.Find("service"));
        std::string file = spec.IsMapping() ? Scalar(spec.Find("file")) : "";
        YamlNode base;
        if (file.empty()) {
          const YamlNode* found = services.Find(base_name);
          if (!found) return MakeError("cannot extend service \"" + key.scalar + "\": service \"" + base_name + "\" not found");
          base = *found;
        } else {
          std::string path = JoinPath(dir, file);
          Result<std::string> text = fs_.ReadFile(path);
          if (!text.ok()) return text.error();
          const SourceFile& source = sources_.Add(path, std::move(*text));
          Result<YamlNode> doc = ParseYamlDocument(source);
          if (!doc.ok()) return MakeError(path + ": " + doc.error().message);
          const YamlNode* other = doc->IsMapping() ? doc->Find("services") : nullptr;
          const YamlNode* found = other ? other->Find(base_name) : nullptr;
          if (!found) return MakeError("cannot extend service \"" + key.scalar + "\": service \"" + base_name + "\" not found in " + file);
          base = *found;
          for (auto& [bk, bv] : base.entries) {
            if (bk.scalar != "build") continue;
            if (bv.IsScalar()) bv.scalar = JoinPath(DirName(path), bv.scalar);
            for (auto& [ck, cv] : bv.entries) {
              if (ck.scalar == "context" && !IsUrlContext(cv.scalar)) cv.scalar = JoinPath(DirName(path), cv.scalar);
              if (ck.scalar == "additional_contexts") {
                for (auto& [ak, av] : cv.entries) {
                  if (av.IsScalar() && !IsUrlContext(av.scalar)) av.scalar = JoinPath(DirName(path), av.scalar);
                }
                for (YamlNode& item : cv.items) {
                  size_t eq = item.scalar.find('=');
                  if (eq != std::string::npos && !IsUrlContext(item.scalar.substr(eq + 1))) {
                    item.scalar = item.scalar.substr(0, eq + 1) + JoinPath(DirName(path), item.scalar.substr(eq + 1));
                  }
                }
              }
            }
          }
          YamlNode wrapper;
          wrapper.kind = YamlNode::Kind::kMapping;
          YamlNode services_key;
          services_key.kind = YamlNode::Kind::kScalar;
          services_key.scalar = "services";
          YamlNode one;
          one.kind = YamlNode::Kind::kMapping;
          one.entries.emplace_back(key, base);
          wrapper.entries.emplace_back(services_key, one);
          NormalizeServices(wrapper);
          base = wrapper.entries[0].second.entries[0].second;
        }
        Merge(base, service);
        service = std::move(base);
        changed = true;
      }
      if (!changed) break;
    }
    return {};
  }

  // What compose-go's consistency checks reject: bad service names, dependency cycles, build
  // secrets that are not declared, a platform the build does not produce.
  Result<void> CheckServices(const YamlNode& services, const YamlNode& doc) {
    for (const auto& [key, service] : services.entries) {
      const std::string& name = key.scalar;
      bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char ch) {
        return IsNameChar(ch) || ch == '.' || ch == '-';
      });
      if (!valid) return MakeError("validating " + current_file_->path() + ": services additional properties '" + name + "' not allowed");
      const YamlNode* build = service.Find("build");
      if (!build || !build->IsMapping()) continue;
      if (const YamlNode* secrets = build->Find("secrets")) {
        const YamlNode* declared = doc.Find("secrets");
        for (const YamlNode& s : secrets->items) {
          std::string source = s.IsScalar() ? s.scalar : Scalar(s.Find("source"));
          if (!declared || !declared->Find(source)) {
            return MakeError("service \"" + name + "\" refers to undefined build secret " + source + ": invalid compose project");
          }
        }
      }
      std::string platform = Scalar(service.Find("platform"));
      std::vector<std::string> platforms = Strings(build->Find("platforms"));
      if (!platform.empty() && !platforms.empty() &&
          std::find(platforms.begin(), platforms.end(), platform) == platforms.end()) {
        return MakeError("service.build.platforms MUST include service.platform \"" + platform + "\": invalid compose project");
      }
    }
    // depends_on cycles.
    std::map<std::string, int> state;
    std::vector<std::string> stack;
    std::function<std::optional<std::string>(const std::string&)> visit = [&](const std::string& n) -> std::optional<std::string> {
      state[n] = 1;
      stack.push_back(n);
      const YamlNode* s = services.Find(n);
      for (const std::string& dep : s ? DependsOn(s->Find("depends_on")) : std::vector<std::string>{}) {
        if (state[dep] == 1) {
          auto start = std::find(stack.begin(), stack.end(), dep);
          std::string cycle;
          for (auto it = start; it != stack.end(); ++it) cycle += *it + " -> ";
          return "dependency cycle detected: " + cycle + dep;
        }
        if (state[dep] == 0 && services.Find(dep)) {
          if (auto found = visit(dep)) return found;
        }
      }
      stack.pop_back();
      state[n] = 2;
      return std::nullopt;
    };
    for (const auto& [key, service] : services.entries) {
      if (state[key.scalar] == 0) {
        if (auto cycle = visit(key.scalar)) return MakeError(*cycle);
      }
    }
    return {};
  }

  Result<std::vector<std::string>> FindFiles() {
    std::vector<std::string> files;
    for (const std::string& f : options_.files) files.push_back(JoinPath(options_.working_dir, f));
    if (files.empty()) {
      if (auto env = Lookup("COMPOSE_FILE")) {
        std::string sep = Lookup("COMPOSE_PATH_SEPARATOR").value_or(":");
        for (const std::string& f : Split(*env, sep.empty() ? ':' : sep[0])) {
          files.push_back(JoinPath(options_.working_dir, f));
        }
      }
    }
    if (files.empty()) {
      std::string dir = options_.working_dir;
      while (files.empty()) {
        for (const std::string& name : ComposeFileNames()) {
          std::string candidate = JoinPath(dir, name);
          if (fs_.IsFile(candidate)) {
            files.push_back(candidate);
            std::string base = name.substr(0, name.rfind('.'));
            std::string ext = name.substr(name.rfind('.'));
            std::string override_file = JoinPath(dir, base + ".override" + ext);
            if (fs_.IsFile(override_file)) files.push_back(override_file);
            break;
          }
        }
        if (!files.empty() || dir == "/" || dir == ".") break;
        dir = DirName(dir);
      }
    }
    if (files.empty()) {
      return MakeError("no configuration file provided: not found in " + options_.working_dir);
    }
    return files;
  }

  std::optional<std::string> Lookup(std::string_view name) const {
    auto it = options_.env.find(std::string(name));
    if (it != options_.env.end()) return it->second;
    for (const auto& [k, v] : dotenv_) {
      if (k == name) return v;
    }
    return std::nullopt;
  }

  Result<void> ReadDotEnv(const std::string& dir) {
    std::string path = JoinPath(dir, ".env");
    if (!fs_.IsFile(path)) return {};
    Result<std::string> text = fs_.ReadFile(path);
    if (!text.ok()) return text.error();
    VariableLookup process = [this](std::string_view name) -> std::optional<std::string> {
      auto it = options_.env.find(std::string(name));
      if (it == options_.env.end()) return std::nullopt;
      return it->second;
    };
    Result<std::vector<std::pair<std::string, std::string>>> vars = ParseDotEnv(*text, path, process);
    if (!vars.ok()) return vars.error();
    dotenv_ = std::move(*vars);
    return {};
  }

  Result<void> Interpolate(YamlNode& node, const std::string& path) {
    VariableLookup lookup = [this](std::string_view name) { return Lookup(name); };
    if (node.IsScalar()) {
      if (node.scalar.find('$') == std::string::npos) return {};
      Result<std::string> value = Substitute(node.scalar, lookup);
      if (!value.ok()) {
        const std::string& message = value.error().message;
        if (message.rfind("Invalid template", 0) == 0) {
          return MakeError("invalid interpolation format for " + path +
                           ".\nYou may need to escape any $ with another $.\n" + node.scalar);
        }
        return MakeError("error while interpolating " + path + ": " + message);
      }
      node.scalar = std::move(*value);
      return {};
    }
    for (size_t i = 0; i < node.items.size(); ++i) {
      Result<void> r = Interpolate(node.items[i], path + "[" + std::to_string(i) + "]");
      if (!r.ok()) return r;
    }
    for (auto& [k, v] : node.entries) {
      Result<void> r = Interpolate(v, path.empty() ? k.scalar : path + "." + k.scalar);
      if (!r.ok()) return r;
    }
    return {};
  }

  // `build: path` becomes `build: {context: path}`; list forms of args, labels and
  // additional_contexts become mappings, so files merge key by key.
  void NormalizeServices(YamlNode& doc) {
    YamlNode* services = nullptr;
    for (auto& [k, v] : doc.entries) {
      if (k.scalar == "services") services = &v;
    }
    if (!services || !services->IsMapping()) return;
    for (auto& [name, service] : services->entries) {
      for (auto& [k, v] : service.entries) {
        if (k.scalar != "build") continue;
        if (v.IsScalar()) {
          YamlNode context_key;
          context_key.kind = YamlNode::Kind::kScalar;
          context_key.scalar = "context";
          context_key.line = v.line;
          context_key.column = v.column;
          YamlNode value = v;
          v.kind = YamlNode::Kind::kMapping;
          v.scalar.clear();
          v.entries.emplace_back(context_key, value);
        }
        for (auto& [bk, bv] : v.entries) {
          if ((bk.scalar == "args" || bk.scalar == "labels" || bk.scalar == "additional_contexts") &&
              bv.IsSequence()) {
            YamlNode map;
            map.kind = YamlNode::Kind::kMapping;
            map.line = bv.line;
            map.column = bv.column;
            for (const YamlNode& item : bv.items) {
              size_t eq = item.scalar.find('=');
              YamlNode key = item, value = item;
              key.scalar = item.scalar.substr(0, eq);
              if (eq == std::string::npos) {
                value.kind = YamlNode::Kind::kNull;
                value.scalar.clear();
              } else {
                value.scalar = item.scalar.substr(eq + 1);
              }
              map.entries.emplace_back(key, value);
            }
            bv = std::move(map);
          }
        }
      }
    }
  }

  // Compose's merge: mappings key by key (recursively), sequences appended without
  // duplicates (command and entrypoint replaced), scalars replaced; `!reset` removes a key and
  // `!override` replaces it whole.
  static void Merge(YamlNode& into, const YamlNode& from, const std::string& key = "") {
    if (into.IsSequence() && from.IsSequence() && key != "command" && key != "entrypoint") {
      for (const YamlNode& item : from.items) {
        bool seen = std::any_of(into.items.begin(), into.items.end(), [&](const YamlNode& i) {
          return i.IsScalar() && item.IsScalar() && i.scalar == item.scalar;
        });
        if (!seen) into.items.push_back(item);
      }
      return;
    }
    if (!into.IsMapping() || !from.IsMapping()) {
      into = from;
      return;
    }
    for (const auto& [k, v] : from.entries) {
      const std::string& name = k.scalar;  // Structured bindings cannot be captured (C++20).
      auto it = std::find_if(into.entries.begin(), into.entries.end(),
                             [&](const auto& e) { return e.first.scalar == name; });
      if (v.tag == "!reset") {
        if (it != into.entries.end()) into.entries.erase(it);
        continue;
      }
      if (it == into.entries.end()) {
        into.entries.emplace_back(k, v);
      } else if (v.tag == "!override") {
        it->second = v;
      } else {
        Merge(it->second, v, k.scalar);
      }
    }
  }

  std::string ProjectName(const YamlNode& doc, const std::string& dir) {
    std::string name;
    if (options_.project_name) name = *options_.project_name;
    else if (auto env = Lookup("COMPOSE_PROJECT_NAME")) name = *env;
    else if (const YamlNode* n = doc.Find("name"); n && n->IsScalar()) name = n->scalar;
    else name = BaseName(dir);
    std::string out;
    for (char c : ToLowerAscii(name)) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') out += c;
    }
    return out;
  }

  // An unquoted YAML float is a number to compose-go: `1.50` reads back as `1.5`.
  static std::string NormalizeNumber(const YamlNode& node) {
    const std::string& s = node.scalar;
    if (node.quoted || s.find('.') == std::string::npos) return s;
    char* end = nullptr;
    double value = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || s.empty()) return s;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    // Shortest text that reads back to the same double, as Go prints it.
    for (int precision = 1; precision <= 17; ++precision) {
      std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
      if (std::strtod(buffer, nullptr) == value) break;
    }
    return buffer;
  }

  static std::string Scalar(const YamlNode* node) {
    return node && node->IsScalar() ? node->scalar : "";
  }

  std::vector<std::string> Strings(const YamlNode* node) {
    std::vector<std::string> out;
    if (!node) return out;
    if (node->IsScalar()) out.push_back(node->scalar);
    for (const YamlNode& item : node->items) {
      if (item.IsScalar()) out.push_back(item.scalar);
      else ErrorAt(item, "expected a string");
    }
    return out;
  }

  // `depends_on: {db: {required: false}}` tolerates a missing or disabled dependency.
  static bool DependencyRequired(const YamlNode& service, const std::string& dep) {
    const YamlNode* depends = service.Find("depends_on");
    const YamlNode* entry = depends && depends->IsMapping() ? depends->Find(dep) : nullptr;
    const YamlNode* required = entry && entry->IsMapping() ? entry->Find("required") : nullptr;
    return !(required && required->scalar == "false");
  }

  std::vector<std::string> DependsOn(const YamlNode* node) {
    std::vector<std::string> out;
    if (!node) return out;
    for (const YamlNode& item : node->items) out.push_back(item.scalar);
    for (const auto& [k, v] : node->entries) out.push_back(k.scalar);
    return out;
  }

  void ErrorAt(const YamlNode& node, std::string message) {
    const SourceFile* file = current_file_;
    uint32_t offset = file ? file->LineStart(node.line) + (node.column ? node.column - 1 : 0) : 0;
    sink_.Error(file, Span{offset, offset + static_cast<uint32_t>(node.scalar.size())}, std::move(message));
  }

  void CheckKeys(const YamlNode& node, const std::string& where, const std::vector<std::string>& allowed) {
    for (const auto& [k, v] : node.entries) {
      if (k.scalar.rfind("x-", 0) == 0) continue;
      if (std::find(allowed.begin(), allowed.end(), k.scalar) != allowed.end()) continue;
      std::string suggestion = SuggestClosest(k.scalar, allowed);
      ErrorAt(k, where + " additional properties '" + k.scalar + "' not allowed" +
                     (suggestion.empty() ? "" : " (did you mean " + suggestion + "?)"));
    }
  }

  void ReadDrydock(const YamlNode* node, DrydockSettings& settings) {
    if (!node || !node->IsMapping()) return;
    for (const auto& [k, v] : node->entries) {
      if (k.scalar == "cost") {
        try {
          settings.cost = std::stod(v.scalar);
        } catch (...) {
          ErrorAt(v, "x-drydock.cost must be a number");
        }
      } else if (k.scalar == "check") {
        if (v.scalar == "true" || v.scalar == "false") settings.check = v.scalar == "true";
        else ErrorAt(v, "x-drydock.check must be true or false");
      } else {
        settings.extra[k.scalar] = v.scalar;
      }
    }
  }

  Result<Target> MakeTarget(const std::string& name, const YamlNode& key, const YamlNode& service,
                            const YamlNode& build, const std::string& image, const std::string& dir) {
    Target t;
    t.name = name;
    t.location = FileLocation{current_file_ ? current_file_->path() : "", key.line, key.column};
    if (!build.IsMapping()) {
      ErrorAt(build, "services." + name + ".build must be a string or a mapping");
      return t;
    }
    CheckKeys(build, "services." + name + ".build", BuildKeys());
    std::string context = Scalar(build.Find("context"));
    if (context.empty()) context = ".";
    if (context == "~" || context.rfind("~/", 0) == 0) {
      context = Lookup("HOME").value_or("/root") + context.substr(1);
    }
    bool remote = IsUrlContext(context);
    t.context = remote ? context : JoinPath(dir, context);
    std::string dockerfile = Scalar(build.Find("dockerfile"));
    if (const YamlNode* inline_file = build.Find("dockerfile_inline")) {
      if (!dockerfile.empty()) {
        return MakeError("service \"" + name +
                         "\" declares mutualy exclusive dockerfile and dockerfile_inline: invalid compose project");
      }
      t.dockerfile_inline = inline_file->scalar;
    } else {
      if (dockerfile.empty()) dockerfile = "Dockerfile";
      t.dockerfile = remote ? dockerfile : JoinPath(t.context, dockerfile);
    }
    if (const YamlNode* args = build.Find("args")) {
      for (const auto& [k, v] : args->entries) {
        std::optional<std::string> value;
        if (v.IsNull()) value = Lookup(k.scalar);
        else if (v.IsScalar()) value = NormalizeNumber(v);
        else ErrorAt(v, "services." + name + ".build.args." + k.scalar + " must be a boolean, null, number or string");
        if (value) t.args.emplace_back(k.scalar, value);  // Compose drops an unset argument.
      }
    }
    t.target_stage = Scalar(build.Find("target"));
    if (!image.empty()) t.tags.push_back(image);
    for (const std::string& tag : Strings(build.Find("tags"))) t.tags.push_back(tag);
    if (const YamlNode* labels = build.Find("labels")) {
      for (const auto& [k, v] : labels->entries) t.labels.emplace_back(k.scalar, v.scalar);
    }
    if (const YamlNode* platforms = build.Find("platforms"); platforms && !platforms->IsSequence()) {
      ErrorAt(*platforms, "services." + name + ".build.platforms must be a array");
    } else {
      t.platforms = Strings(platforms);
    }
    if (const YamlNode* contexts = build.Find("additional_contexts")) {
      for (const auto& [k, v] : contexts->entries) {
        t.additional_contexts.emplace_back(k.scalar, IsUrlContext(v.scalar) ? v.scalar : JoinPath(dir, v.scalar));
      }
    }
    t.cache_from = Strings(build.Find("cache_from"));
    t.network = Scalar(build.Find("network"));
    if (const YamlNode* shm = build.Find("shm_size")) t.shm_size = ParseBytes(shm->scalar);
    ReadDrydock(service.Find("x-drydock"), t.drydock);
    ReadDrydock(build.Find("x-drydock"), t.drydock);
    return t;
  }

  const ComposeOptions& options_;
  const FileSystem& fs_;
  SourceFileSet& sources_;
  DiagSink& sink_;
  std::vector<std::pair<std::string, std::string>> dotenv_;
  const SourceFile* current_file_ = nullptr;  // The last file read: diagnostics point into it.
};

}  // namespace

const std::vector<std::string>& ComposeFileNames() {
  static const std::vector<std::string> names = {"compose.yaml", "compose.yml",
                                                 "docker-compose.yml", "docker-compose.yaml"};
  return names;
}

Result<Project> LoadComposeProject(const ComposeOptions& options, const FileSystem& fs,
                                   SourceFileSet& sources, DiagSink& sink,
                                   ComposeServiceSummary* summary) {
  return Loader(options, fs, sources, sink).Load(summary);
}

Result<Project> LoadComposeProject(const ComposeOptions& options, const FileSystem& fs,
                                   SourceFileSet& sources, DiagSink& sink) {
  return LoadComposeProject(options, fs, sources, sink, nullptr);
}

}  // namespace drydock::project
