#include "pyenv/findings.h"

#include <algorithm>
#include <map>
#include <set>

#include "pyenv/canonical_name.h"
#include "pyenv/pip_check.h"
#include "pyenv/requirement.h"
#include "pyenv/version.h"

namespace drydock::pyenv {

std::string_view SeverityString(Severity severity) {
  switch (severity) {
    case Severity::kInfo: return "info";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "";
}

namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "a, b, c (and 4 more)".
std::string ListNames(const std::vector<std::string>& names, size_t limit) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < limit; ++i) {
    if (i) out += ", ";
    out += names[i];
  }
  if (names.size() > limit) out += " (and " + std::to_string(names.size() - limit) + " more)";
  return out;
}

std::string Plural(size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// A RECORD path as an in-tree path.
std::string RecordPath(const std::string& site_dir, const std::string& rel) {
  return CleanPath(JoinPath(site_dir, rel));
}

// Path relative to the site directory when below it, else the in-tree path.
std::string Shown(const std::string& site_dir, const std::string& path) {
  if (path.size() > site_dir.size() && path.compare(0, site_dir.size(), site_dir) == 0 &&
      path[site_dir.size()] == '/') {
    return path.substr(site_dir.size() + 1);
  }
  return path;
}

// Entries that are legitimately absent or rewritten after install: bytecode (pip writes it at
// install time, images often drop __pycache__) and rows without a hash (RECORD itself).
bool Checkable(const RecordEntry& e) {
  if (e.hash_algorithm.empty()) return false;
  if (EndsWith(e.path, ".pyc") || e.path.find("__pycache__/") != std::string::npos) return false;
  return true;
}

struct Claim {
  const Distribution* dist;
  const RecordEntry* entry;
};

enum class FileState { kMissing, kMatches, kDiffers, kUnknown };

class Checker {
 public:
  Checker(const FileSystem& fs, const CheckOptions& options) : fs_(fs), options_(options) {}

  PythonCheck Run() {
    PythonCheck out;
    out.scan = ScanEnvironments(fs_, "/");
    // Each site directory once, even when several environments share it.
    for (const PythonEnvironment& env : out.scan.environments) {
      for (const std::string& dir : env.site_dirs) {
        if (dists_.count(dir)) continue;
        dists_[dir] = ReadSiteDirectory(fs_, dir);
        dir_order_.push_back(dir);
      }
    }
    for (const std::string& dir : dir_order_) {
      out.summary.distributions += dists_[dir].size();
      CheckDuplicates(dir);
      CheckEditables(dir);
    }
    CheckRecords(out.summary);
    for (const PythonEnvironment& env : out.scan.environments) {
      CheckRequirements(env);
      CheckShadowing(env);
    }
    CheckEnsurepip(out.scan);
    out.summary.environments = out.scan.environments.size();
    std::stable_sort(findings_.begin(), findings_.end(), [](const Finding& a, const Finding& b) {
      if (a.severity != b.severity) return a.severity > b.severity;
      if (a.id != b.id) return a.id < b.id;
      return a.message < b.message;
    });
    out.findings = std::move(findings_);
    return out;
  }

 private:
  void Add(std::string id, std::string slug, Severity sev, std::string env, std::string message,
           std::string hint, std::vector<std::string> paths) {
    std::string key = id + "\n" + message;
    if (!seen_.insert(key).second) return;
    findings_.push_back({std::move(id), std::move(slug), sev, std::move(env), std::move(message),
                         std::move(hint), std::move(paths)});
  }

  FileState State(const std::string& path, const RecordEntry& e) {
    if (e.hash_algorithm == "sha256") {
      // One lookup in the common case: the digest; only a failure asks whether the file exists.
      Result<Sha256Digest> digest = Digest(path);
      if (!digest.ok()) return fs_.IsFile(path) ? FileState::kUnknown : FileState::kMissing;
      return ToBase64UrlNoPad(*digest) == e.hash_value ? FileState::kMatches : FileState::kDiffers;
    }
    if (!fs_.IsFile(path)) return FileState::kMissing;
    {
      if (!e.size) return FileState::kUnknown;
      Result<std::string> r = fs_.ReadFile(path);
      if (!r.ok()) return FileState::kUnknown;
      return r->size() == *e.size ? FileState::kMatches : FileState::kDiffers;
    }
  }

  // Not cached: an image answers from its index, and only clobbered paths ask twice.
  Result<Sha256Digest> Digest(const std::string& path) { return fs_.FileSha256(path); }

  void CheckRecords(CheckSummary& summary) {
    // Every checkable RECORD row, by in-tree path.
    std::map<std::string, std::vector<Claim>> claims;
    for (const std::string& dir : dir_order_) {
      for (const Distribution& d : dists_[dir]) {
        if (!d.record) continue;
        // Without INSTALLER no installer laid the files out by this RECORD: a distribution
        // from the OS (Debian's python3-pip) keeps the RECORD of its build tree, whose
        // scripts (`../scripts/pip`) dpkg put in /usr/bin. Its files under site-packages are
        // still as built; what climbs out of it says nothing about the image.
        bool os_packaged = d.installer.empty();
        for (const RecordEntry& e : d.record->entries) {
          if (!Checkable(e)) continue;
          if (os_packaged && (e.path == ".." || e.path.rfind("../", 0) == 0)) continue;
          std::vector<Claim>& c = claims[RecordPath(dir, e.path)];
          bool dup = false;
          for (const Claim& x : c) dup = dup || x.dist == &d;
          if (!dup) c.push_back({&d, &e});
        }
      }
    }
    // Clobbering, grouped by the pair of distributions.
    struct PairFiles {
      std::vector<std::string> files;  // In-tree paths.
      std::vector<int> owner;          // 0: first's content, 1: second's, -1: neither, -2: gone.
    };
    std::map<std::pair<const Distribution*, const Distribution*>, PairFiles> pairs;
    std::vector<std::pair<const Distribution*, const Distribution*>> pair_order;
    std::set<std::string> explained;
    std::map<const Distribution*, std::vector<std::string>> missing, modified;
    std::vector<const Distribution*> dist_order;
    std::set<const Distribution*> dist_seen;
    for (auto& [path, c] : claims) {
      ++summary.files_checked;
      if (c.size() >= 2) {
        std::vector<int> state(c.size());
        for (size_t i = 0; i < c.size(); ++i) state[i] = static_cast<int>(State(path, *c[i].entry));
        // Identical content from both (a namespace __init__.py, a shared license) is harmless.
        bool same_hash = true;
        for (const Claim& x : c) same_hash = same_hash && x.entry->hash_value == c[0].entry->hash_value;
        if (same_hash) continue;
        explained.insert(path);
        for (size_t i = 0; i < c.size(); ++i) {
          for (size_t j = i + 1; j < c.size(); ++j) {
            auto key = std::make_pair(c[i].dist, c[j].dist);
            auto [it, inserted] = pairs.try_emplace(key);
            if (inserted) pair_order.push_back(key);
            it->second.files.push_back(path);
            int owner = -1;
            if (state[i] == static_cast<int>(FileState::kMissing)) owner = -2;
            else if (state[i] == static_cast<int>(FileState::kMatches)) owner = 0;
            else if (state[j] == static_cast<int>(FileState::kMatches)) owner = 1;
            it->second.owner.push_back(owner);
          }
        }
        continue;
      }
      const Claim& only = c[0];
      FileState s = State(path, *only.entry);
      if (s == FileState::kMissing || s == FileState::kDiffers) {
        if (dist_seen.insert(only.dist).second) dist_order.push_back(only.dist);
        (s == FileState::kMissing ? missing : modified)[only.dist].push_back(path);
      }
    }
    for (const auto& key : pair_order) ReportClobber(key.first, key.second, pairs[key].files, pairs[key].owner);
    for (const Distribution* d : dist_order) {
      if (auto it = missing.find(d); it != missing.end()) {
        std::vector<std::string> shown;
        for (const std::string& p : it->second) shown.push_back(Shown(d->site_dir, p));
        Add("PY1002", "record-file-missing", Severity::kWarning, "",
            d->Label() + " in " + d->site_dir + ": " + Plural(it->second.size(), "file") +
                " listed in its RECORD " + (it->second.size() == 1 ? "is" : "are") +
                " missing: " + ListNames(shown, options_.files_listed),
            "files deleted after install break the package; reinstall it (pip install "
            "--force-reinstall " + d->canonical_name + "==" + d->version.value_or("") +
                ") or remove it (pip uninstall " + d->canonical_name + ")",
            it->second);
      }
      if (auto it = modified.find(d); it != modified.end()) {
        std::vector<std::string> shown;
        for (const std::string& p : it->second) shown.push_back(Shown(d->site_dir, p));
        Add("PY1003", "record-file-modified", Severity::kWarning, "",
            d->Label() + " in " + d->site_dir + ": " + Plural(it->second.size(), "file") +
                " no longer " + (it->second.size() == 1 ? "matches" : "match") +
                " the hash in its RECORD: " + ListNames(shown, options_.files_listed),
            "something rewrote the installed files (an edit in a later step, or another "
            "package); reinstall with pip install --force-reinstall " + d->canonical_name + "==" +
                d->version.value_or("") + ", and make deliberate patches part of the package",
            it->second);
      }
    }
  }

  void ReportClobber(const Distribution* a, const Distribution* b, const std::vector<std::string>& files,
                     const std::vector<int>& owner) {
    size_t n_a = 0, n_b = 0, n_none = 0, n_gone = 0;
    for (int o : owner) {
      if (o == 0) ++n_a;
      else if (o == 1) ++n_b;
      else if (o == -1) ++n_none;
      else ++n_gone;
    }
    // Name the distribution whose content is on disk first.
    if (n_b > n_a) {
      std::swap(a, b);
      std::swap(n_a, n_b);
    }
    std::string site = a->site_dir;
    std::vector<std::string> shown;
    std::set<std::string> modules;
    for (const std::string& f : files) {
      std::string s = Shown(site, f);
      shown.push_back(s);
      modules.insert(s.substr(0, s.find('/')));
    }
    std::string n = Plural(files.size(), "file");
    std::string msg = a->Label() + " and " + b->Label() + " both install " +
                      ListNames(shown, options_.files_listed) + " (" + n + " in " + site + "); ";
    if (n_a == files.size()) {
      msg += "the " + std::string(files.size() == 1 ? "file" : "files") + " on disk now " +
             (files.size() == 1 ? "is " : "are ") + a->Label() + "'s, so " + b->Label() +
             " is broken (its copies were overwritten)";
    } else {
      msg += "on disk now: " + std::to_string(n_a) + " " + a->Label() + "'s, " + std::to_string(n_b) +
             " " + b->Label() + "'s, " + std::to_string(n_none) + " neither's" +
             (n_gone ? ", " + std::to_string(n_gone) + " missing" : "") +
             ", so both are broken";
    }
    std::string module_list = ListNames(std::vector<std::string>(modules.begin(), modules.end()), 3);
    std::string hint = "both provide '" + module_list + "'; keep one: pip uninstall -y " +
                       a->canonical_name + " " + b->canonical_name +
                       ", then pip install only the one your code imports";
    Add("PY1001", "files-clobbered", Severity::kError, "", msg, hint, files);
  }

  void CheckDuplicates(const std::string& dir) {
    std::map<std::string, std::vector<const Distribution*>> by_name;
    std::vector<std::string> order;
    for (const Distribution& d : dists_[dir]) {
      if (!d.raw_name) continue;
      auto& v = by_name[d.canonical_name];
      if (v.empty()) order.push_back(d.canonical_name);
      v.push_back(&d);
    }
    for (const std::string& name : order) {
      const auto& v = by_name[name];
      if (v.size() < 2) continue;
      std::vector<std::string> entries, paths;
      for (const Distribution* d : v) {
        entries.push_back(d->info_name);
        paths.push_back(d->info_path);
      }
      Add("PY3001", "duplicate-distribution", Severity::kWarning, "",
          name + " is installed " + std::to_string(v.size()) + " times in " + dir + ": " +
              ListNames(entries, 10) + "; pip and importlib.metadata see only " + v[0]->info_name +
              " (first in directory order) while the files on disk may be any of them",
          "remove the stale metadata (rm -r " + v[1]->info_path +
              ") or reinstall cleanly: pip uninstall -y " + name + " until none is left, then pip install " + name,
          paths);
    }
  }

  void CheckEditables(const std::string& dir) {
    for (const Distribution& d : dists_[dir]) {
      if (!d.direct_url || !d.direct_url->editable) continue;
      std::optional<std::string> target = FileUrlPath(d.direct_url->url);
      if (!target || fs_.IsDirectory(*target) || fs_.IsFile(*target)) continue;
      Add("PY4001", "editable-target-missing", Severity::kError, "",
          d.Label() + " in " + dir + " is an editable install of " + *target +
              ", which does not exist in the image, so 'import' of it fails",
          "copy the project into the image before installing it, and install it normally "
          "(pip install " + *target + ", not pip install -e) in images",
          {d.info_path + "/direct_url.json", *target});
    }
    // Legacy editables: <name>.egg-link files whose first line names the project directory.
    Result<std::vector<DirectoryEntry>> list = fs_.ListDirectory(dir);
    if (!list.ok()) return;
    for (const DirectoryEntry& e : *list) {
      if (!EndsWith(e.name, ".egg-link")) continue;
      Result<std::string> text = fs_.ReadFile(JoinPath(dir, e.name));
      if (!text.ok()) continue;
      std::vector<std::string> lines = ParseLineList(*text);
      if (lines.empty()) continue;
      std::string target = CleanPath(JoinPath(dir, lines[0]));
      if (fs_.IsDirectory(target)) continue;
      Add("PY4001", "editable-target-missing", Severity::kError, "",
          e.name + " in " + dir + " points at " + target + ", which does not exist in the image",
          "copy the project into the image before installing it, and install it without -e",
          {JoinPath(dir, e.name), target});
    }
  }

  void CheckRequirements(const PythonEnvironment& env) {
    std::vector<const Distribution*> dists;
    for (const std::string& dir : env.site_dirs) {
      for (const Distribution& d : dists_[dir]) dists.push_back(&d);
    }
    if (dists.empty()) return;
    PipCheckOptions po;
    std::string pyver = env.python_version.empty() ? "3" : env.python_version;
    po.environment = LinuxCPythonEnvironment(pyver, env.python_full_version, options_.architecture);
    std::string machine = po.environment.values["platform_machine"];
    if (!env.python_version.empty()) po.supported_tags = LinuxCPythonSupportedTags(pyver, machine);
    PipCheckResult r = RunPipCheck(dists, po);
    for (const PipProblem& p : r.problems) {
      std::string where = p.requirer ? p.requirer->info_path : "";
      switch (p.kind) {
        case PipProblem::Kind::kMissing:
          Add("PY2001", "requirement-missing", Severity::kError, env.label,
              p.line.substr(0, p.line.size() - 1) + " (" + env.label + ")",
              "install it: pip install '" + p.requirement + "' (or add it to the requirements "
              "file), then rerun pip check", {where});
          break;
        case PipProblem::Kind::kConflict:
          Add("PY2002", "requirement-conflict", Severity::kError, env.label,
              p.line.substr(0, p.line.size() - 1) + " (" + env.label + ")",
              "install a matching version: pip install '" + p.requirement.substr(0, p.requirement.find(';')) +
                  "', or pin versions that agree", {where});
          break;
        case PipProblem::Kind::kUnsupported:
          Add("PY2003", "wheel-unsupported", Severity::kError, env.label,
              p.line + " (" + env.label + ", CPython " + pyver + " on " + machine + ")",
              "install a wheel built for this interpreter and architecture (pip install "
              "--force-reinstall from inside the image, or build for the image's platform)",
              {where});
          break;
      }
    }
    for (const PipWarning& w : r.warnings) {
      std::string where = w.distribution ? w.distribution->info_path : "";
      if (w.kind == PipWarning::Kind::kMetadataError) {
        Add("PY2004", "metadata-unreadable", Severity::kError, env.label,
            "Error parsing dependencies of " + w.dist + ": " + FirstLine(w.detail) + " (" +
                where + ")",
            "the metadata is broken, so pip treats " + w.dist +
                " as not installed; reinstall it with a current pip",
            {where});
      } else if (w.kind == PipWarning::Kind::kIgnoredInvalidName ||
                 w.kind == PipWarning::Kind::kSkippedBadMetadata) {
        Add("PY2005", "invalid-distribution", Severity::kWarning, env.label,
            where + " is ignored by pip: " +
                (w.kind == PipWarning::Kind::kIgnoredInvalidName
                     ? "'" + w.dist + "' is not a valid project name"
                     : std::string("it has no project name")),
            "an interrupted pip run leaves such folders (~name-1.0.dist-info); remove it",
            {where});
      } else {
        Add("PY2003", "wheel-unsupported", Severity::kError, env.label,
            "WHEEL file of " + where + " is malformed, which makes pip check crash: " + w.detail,
            "reinstall the distribution from a valid wheel", {where});
      }
    }
    CheckExtras(env, r, po.environment);
  }

  static std::string FirstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

  // pip check does not follow `pkg[extra]`: check the extra's own requirements here.
  void CheckExtras(const PythonEnvironment& env, const PipCheckResult& r, MarkerEnvironment menv) {
    std::map<std::string, std::pair<const Distribution*, Version>> installed;
    for (const Distribution* d : r.package_set) {
      if (!d->version) continue;
      if (std::optional<Version> v = Version::TryParse(*d->version)) installed.emplace(d->canonical_name, std::make_pair(d, *v));
    }
    menv.values["extra"] = "";
    for (const Distribution* d : r.package_set) {
      for (const std::string& text : d->requires_dist) {
        Result<Requirement> req = Requirement::Parse(text);
        if (!req.ok() || req->extras().empty()) continue;
        if (req->marker()) {
          Result<bool> holds = req->marker()->Evaluate(menv);
          if (!holds.ok() || !*holds) continue;
        }
        auto dep = installed.find(req->canonical_name());
        if (dep == installed.end()) continue;  // PY2001 already.
        const Distribution* target = dep->second.first;
        for (const std::string& extra : req->extras()) {
          std::string cextra = DistributionCanonicalName(extra);
          for (const std::string& dtext : target->requires_dist) {
            Result<Requirement> sub = Requirement::Parse(dtext);
            if (!sub.ok() || !sub->marker()) continue;
            Result<bool> with = sub->marker()->EvaluateWithExtra(menv, cextra);
            Result<bool> without = sub->marker()->EvaluateWithExtra(menv, "");
            if (!with.ok() || !*with || (without.ok() && *without)) continue;
            auto have = installed.find(sub->canonical_name());
            std::string base = d->Label() + " requires " + req->ToString() + " and " +
                               target->Label() + "'s extra '" + cextra + "' needs " +
                               sub->ToString().substr(0, sub->ToString().find(';'));
            while (!base.empty() && base.back() == ' ') base.pop_back();
            if (have == installed.end()) {
              Add("PY2006", "extra-unsatisfied", Severity::kError, env.label,
                  base + ", which is not installed (" + env.label + "; pip check does not check extras)",
                  "pip install '" + target->canonical_name + "[" + cextra + "]'", {d->info_path});
            } else if (!sub->specifier().Contains(have->second.second, true)) {
              Add("PY2006", "extra-unsatisfied", Severity::kError, env.label,
                  base + ", but " + have->second.first->Label() + " is installed (" + env.label +
                      "; pip check does not check extras)",
                  "pip install '" + target->canonical_name + "[" + cextra + "]'", {d->info_path});
            }
          }
        }
      }
    }
  }

  void CheckShadowing(const PythonEnvironment& env) {
    std::map<std::string, const Distribution*> first;
    for (const std::string& dir : env.site_dirs) {
      std::set<std::string> here;
      for (const Distribution& d : dists_[dir]) {
        if (!d.raw_name || !here.insert(d.canonical_name).second) continue;
        auto [it, inserted] = first.emplace(d.canonical_name, &d);
        if (inserted) continue;
        const Distribution* winner = it->second;
        Add("PY3002", "shadowed-distribution", Severity::kWarning, env.label,
            "in " + env.label + ", " + winner->Label() + " (" + winner->site_dir + ") shadows " +
                d.Label() + " (" + dir + "); Python imports the first, and pip may remove the wrong one",
            "install the package in one place only (pip uninstall it from one of them)",
            {winner->info_path, d.info_path});
      }
    }
  }

  void CheckEnsurepip(const EnvironmentScan& scan) {
    for (const Interpreter& in : scan.interpreters) {
      if (in.stdlib_dir.empty() || in.has_ensurepip) continue;
      std::string name = "python" + in.version;
      Severity sev = options_.history_uses_venv ? Severity::kWarning : Severity::kInfo;
      std::string msg = (in.executable.empty() ? in.stdlib_dir : in.executable) +
                        " has no ensurepip module, so '" + name +
                        " -m venv' fails (\"ensurepip is not available\")";
      if (options_.history_uses_venv) msg += ", and the image's history uses it";
      Add("PY5001", "no-ensurepip", sev, "", msg,
          in.prefix == "/usr" ? "install Debian/Ubuntu's " + name + "-venv (or python3-venv) package"
                              : "rebuild the interpreter with ensurepip, or create venvs with --without-pip",
          {in.stdlib_dir});
    }
  }

  const FileSystem& fs_;
  const CheckOptions& options_;
  std::map<std::string, std::vector<Distribution>> dists_;
  std::vector<std::string> dir_order_;
  std::vector<Finding> findings_;
  std::set<std::string> seen_;
};

}  // namespace

PythonCheck CheckPythonEnvironments(const FileSystem& fs, const CheckOptions& options) {
  return Checker(fs, options).Run();
}

}  // namespace drydock::pyenv
