#include "pyenv/pip_check.h"

#include <algorithm>
#include <map>
#include <set>

#include "pyenv/canonical_name.h"
#include "pyenv/requirement.h"
#include "pyenv/version.h"

namespace drydock::pyenv {

std::string_view PipProblemKindString(PipProblem::Kind kind) {
  switch (kind) {
    case PipProblem::Kind::kMissing: return "missing";
    case PipProblem::Kind::kConflict: return "conflict";
    case PipProblem::Kind::kUnsupported: return "unsupported";
  }
  return "";
}

std::string_view PipWarningKindString(PipWarning::Kind kind) {
  switch (kind) {
    case PipWarning::Kind::kMetadataError: return "metadata-error";
    case PipWarning::Kind::kIgnoredInvalidName: return "ignored-invalid-name";
    case PipWarning::Kind::kSkippedBadMetadata: return "skipped-bad-metadata";
    case PipWarning::Kind::kCrash: return "crash";
  }
  return "";
}

std::string PipCheckResult::Stdout() const {
  if (exit_code == 2) return "";
  std::string out;
  for (const PipProblem& p : problems) out += p.line + "\n";
  if (exit_code == 0) out += "No broken requirements found.\n";
  return out;
}

namespace {

struct Details {
  const Distribution* dist;
  Version version;
  std::vector<Requirement> dependencies;
};

// WHEEL Tag values expanded the way packaging.tags.parse_tag does ("py2.py3-none-any" is two
// tags). nullopt: a tag without exactly three parts (pip crashes with InvalidTag).
std::optional<std::set<std::string>> ExpandTags(const std::vector<std::string>& values,
                                                std::string* bad) {
  std::set<std::string> out;
  auto split = [](const std::string& s, char sep) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
      size_t p = s.find(sep, start);
      parts.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
      if (p == std::string::npos) break;
      start = p + 1;
    }
    return parts;
  };
  for (const std::string& raw : values) {
    std::string v(TrimAscii(raw));
    for (char& c : v) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    std::vector<std::string> parts = split(v, '-');
    if (parts.size() != 3) {
      *bad = raw;
      return std::nullopt;
    }
    for (const std::string& i : split(parts[0], '.')) {
      for (const std::string& a : split(parts[1], '.')) {
        for (const std::string& p : split(parts[2], '.')) out.insert(i + "-" + a + "-" + p);
      }
    }
  }
  return out;
}

// Python's str() of the tuples pip sorts its problem lists by.
std::string MissingSortKey(const std::string& name, const Requirement& req) {
  return "('" + name + "', <Requirement('" + req.ToString() + "')>)";
}
std::string ConflictSortKey(const std::string& name, const Version& v, const Requirement& req) {
  return "('" + name + "', <Version('" + v.ToString() + "')>, <Requirement('" + req.ToString() +
         "')>)";
}

}  // namespace

PipCheckResult RunPipCheck(const std::vector<const Distribution*>& dists,
                           const PipCheckOptions& options) {
  PipCheckResult result;
  MarkerEnvironment env = options.environment;
  env.values["extra"] = "";
  bool parse_problems = false;

  // The installed distributions, as pip's environment iterates them.
  std::set<std::string> found;
  std::vector<const Distribution*> installed;
  for (const Distribution* d : dists) {
    if (!d->raw_name) {
      result.warnings.push_back({PipWarning::Kind::kSkippedBadMetadata, d->info_name,
                                 "invalid metadata entry 'name'", d});
      continue;
    }
    if (!found.insert(d->canonical_name).second) continue;  // Shadowed: silently ignored.
    if (!IsValidProjectName(d->canonical_name)) {
      // pip iterates the environment twice (check and unsupported-tags), so warns twice.
      for (int i = 0; i < 2; ++i) {
        result.warnings.push_back({PipWarning::Kind::kIgnoredInvalidName, d->canonical_name, "", d});
      }
      continue;
    }
    installed.push_back(d);
  }
  result.package_set = installed;

  // The package set: a distribution whose metadata fails is dropped with a warning.
  std::vector<Details> set;
  std::map<std::string, size_t> index;
  for (const Distribution* d : installed) {
    std::string error = d->metadata_error;
    std::vector<Requirement> deps;
    if (error.empty()) {
      for (const std::string& text : d->requires_dist) {
        Result<Requirement> r = Requirement::Parse(text);
        if (!r.ok()) {
          error = r.error().message;
          break;
        }
        if (r->marker()) {
          Result<bool> holds = r->marker()->Evaluate(env);
          if (!holds.ok()) {
            error = holds.error().message;
            break;
          }
          if (!*holds) continue;
        }
        deps.push_back(std::move(r).value());
      }
    }
    std::optional<Version> version;
    if (error.empty()) {
      if (!d->version) {
        error = "Invalid version: None";
      } else {
        version = Version::TryParse(*d->version);
        if (!version) error = "Invalid version: '" + *d->version + "'";
      }
    }
    if (!error.empty()) {
      result.warnings.push_back({PipWarning::Kind::kMetadataError, d->canonical_name, error, d});
      parse_problems = true;
      continue;
    }
    index[d->canonical_name] = set.size();
    set.push_back({d, *version, std::move(deps)});
  }

  std::vector<PipProblem> missing_lines, conflict_lines;
  for (const Details& det : set) {
    std::vector<std::pair<std::string, PipProblem>> missing, conflicting;
    std::set<std::string> seen;
    for (const Requirement& req : det.dependencies) {
      std::string name = req.canonical_name();
      auto it = index.find(name);
      if (it == index.end()) {
        std::string key = MissingSortKey(name, req);
        if (!seen.insert(key).second) continue;
        PipProblem p;
        p.kind = PipProblem::Kind::kMissing;
        p.dist = det.dist->canonical_name;
        p.dist_version = det.version.ToString();
        p.requirement = name;
        p.requirer = det.dist;
        p.line = p.dist + " " + p.dist_version + " requires " + name + ", which is not installed.";
        missing.emplace_back(key, std::move(p));
        continue;
      }
      const Details& dep = set[it->second];
      if (!req.specifier().Contains(dep.version, true)) {
        std::string key = ConflictSortKey(name, dep.version, req);
        if (!seen.insert(key).second) continue;
        PipProblem p;
        p.kind = PipProblem::Kind::kConflict;
        p.dist = det.dist->canonical_name;
        p.dist_version = det.version.ToString();
        p.requirement = req.ToString();
        p.installed = name + " " + dep.version.ToString();
        p.requirer = det.dist;
        p.dependency = dep.dist;
        p.line = p.dist + " " + p.dist_version + " has requirement " + p.requirement +
                 ", but you have " + p.installed + ".";
        conflicting.emplace_back(key, std::move(p));
      }
    }
    auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
    std::sort(missing.begin(), missing.end(), by_key);
    std::sort(conflicting.begin(), conflicting.end(), by_key);
    for (auto& [k, p] : missing) missing_lines.push_back(std::move(p));
    for (auto& [k, p] : conflicting) conflict_lines.push_back(std::move(p));
  }
  for (PipProblem& p : missing_lines) result.problems.push_back(std::move(p));
  for (PipProblem& p : conflict_lines) result.problems.push_back(std::move(p));

  // WHEEL tags: every installed distribution (broken metadata included) with a WHEEL file.
  if (options.supported_tags) {
    std::set<std::string> supported(options.supported_tags->begin(), options.supported_tags->end());
    for (const Distribution* d : installed) {
      if (!d->wheel_tags) continue;
      std::string bad;
      std::optional<std::set<std::string>> tags = ExpandTags(*d->wheel_tags, &bad);
      if (!tags) {
        result.warnings.push_back({PipWarning::Kind::kCrash, "",
                                   "InvalidTag: Tag '" + bad + "' must have exactly three components", d});
        result.exit_code = 2;
        return result;
      }
      bool any = false;
      for (const std::string& t : *tags) any = any || supported.count(t) > 0;
      if (any) continue;
      PipProblem p;
      p.kind = PipProblem::Kind::kUnsupported;
      p.dist = d->metadata_name.value_or(d->raw_name.value_or(""));
      std::optional<Version> v = d->version ? Version::TryParse(*d->version) : std::nullopt;
      p.dist_version = v ? v->ToString() : d->version.value_or("");
      p.requirer = d;
      p.line = p.dist + " " + p.dist_version + " is not supported on this platform";
      result.problems.push_back(std::move(p));
    }
  }
  result.exit_code = (parse_problems || !result.problems.empty()) ? 1 : 0;
  return result;
}

MarkerEnvironment LinuxCPythonEnvironment(const std::string& python_version,
                                          const std::string& python_full_version,
                                          const std::string& architecture) {
  std::string machine = architecture;
  if (architecture == "amd64") machine = "x86_64";
  else if (architecture == "arm64") machine = "aarch64";
  else if (architecture == "386") machine = "i686";
  else if (architecture == "arm") machine = "armv7l";
  MarkerEnvironment env;
  env.values = {{"implementation_name", "cpython"},
                {"implementation_version", python_full_version},
                {"os_name", "posix"},
                {"platform_machine", machine},
                {"platform_release", ""},
                {"platform_system", "Linux"},
                {"platform_version", ""},
                {"python_full_version", python_full_version},
                {"platform_python_implementation", "CPython"},
                {"python_version", python_version},
                {"sys_platform", "linux"}};
  return env;
}

std::vector<std::string> LinuxCPythonSupportedTags(const std::string& python_version,
                                                   const std::string& machine) {
  std::vector<std::string> tags;
  size_t dot = python_version.find('.');
  if (dot == std::string::npos) return tags;
  std::string major = python_version.substr(0, dot);
  int minor = std::atoi(python_version.c_str() + dot + 1);
  std::string xy = major + std::to_string(minor);
  std::vector<std::string> platforms = {"linux_" + machine};
  for (int g = 40; g >= 5; --g) platforms.push_back("manylinux_2_" + std::to_string(g) + "_" + machine);
  for (const char* legacy : {"manylinux2014_", "manylinux2010_", "manylinux1_"}) {
    platforms.push_back(legacy + machine);
  }
  for (int m = 2; m >= 0; --m) platforms.push_back("musllinux_1_" + std::to_string(m) + "_" + machine);
  for (const std::string& p : platforms) tags.push_back("cp" + xy + "-cp" + xy + "-" + p);
  for (int m = minor; m >= 2; --m) {
    for (const std::string& p : platforms) tags.push_back("cp" + major + std::to_string(m) + "-abi3-" + p);
  }
  for (const std::string& p : platforms) tags.push_back("cp" + xy + "-none-" + p);
  for (const std::string& p : platforms) {
    tags.push_back("py" + xy + "-none-" + p);
    tags.push_back("py" + major + "-none-" + p);
  }
  tags.push_back("cp" + xy + "-none-any");
  for (int m = minor; m >= 0; --m) {
    tags.push_back("py" + major + std::to_string(m) + "-none-any");
    if (m == minor) tags.push_back("py" + major + "-none-any");
  }
  return tags;
}

}  // namespace drydock::pyenv
