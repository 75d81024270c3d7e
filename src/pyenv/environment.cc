#include "pyenv/environment.h"

#include <algorithm>
#include <map>
#include <set>

#include "pyenv/canonical_name.h"

namespace drydock::pyenv {

namespace {

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Strict UTF-8 as Python's decoder accepts it (no overlongs, no surrogates, <= U+10FFFF).
// Returns the byte offset of the first bad byte, or npos.
size_t FirstInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len = 0;
    uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + static_cast<size_t>(len) > s.size()) return i;
    for (int k = 1; k < len; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
      if ((d & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return i;
    }
    i += static_cast<size_t>(len);
  }
  return std::string_view::npos;
}

// importlib.metadata's Prepared.normalize on a lower-cased name.
std::string ImportlibNormalize(const std::string& lower_name) {
  std::string out;
  bool run = false;
  for (char c : lower_name) {
    if (c == '-' || c == '_' || c == '.') {
      if (!run) out.push_back('_');
      run = true;
    } else {
      out.push_back(c);
      run = false;
    }
  }
  return out;
}

// PathDistribution.read_text: the file's text, or nullopt when it is absent / a directory.
std::optional<std::string> ReadIfFile(const FileSystem& fs, const std::string& path) {
  if (!fs.IsFile(path)) return std::nullopt;
  Result<std::string> r = fs.ReadFile(path);
  if (!r.ok()) return std::nullopt;
  return std::move(r).value();
}

}  // namespace

std::string DistributionCanonicalName(std::string_view name) {
  std::string out;
  bool run = false;
  for (char c : name) {
    if (static_cast<unsigned char>(c) >= 0x80) return CanonicalizeName(name);
    if (c == '-' || c == '_' || c == '.') {
      if (!run) out.push_back('-');
      run = true;
      continue;
    }
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    run = false;
  }
  return out;
}

bool IsValidProjectName(std::string_view name) {
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (name.empty() || !alnum(name.front()) || !alnum(name.back())) return false;
  for (char c : name) {
    if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

bool IsInfoName(const std::string& name) {
  std::string low = Lower(name);
  return EndsWith(low, ".dist-info") || EndsWith(low, ".egg-info");
}

std::string Distribution::Label() const {
  std::string name = raw_name ? canonical_name : info_name;
  if (version) return name + " " + *version;
  return name;
}

Distribution ReadDistribution(const FileSystem& fs, const std::string& dir, const std::string& name,
                              bool is_file) {
  Distribution d;
  d.site_dir = dir;
  d.info_name = name;
  d.info_path = JoinPath(dir, name);
  d.info_is_file = is_file;
  std::string low = Lower(name);
  d.format = EndsWith(low, ".egg-info") ? Distribution::Format::kEggInfo
                                        : Distribution::Format::kDistInfo;

  // Metadata text: METADATA, else PKG-INFO, else the entry itself when it is a file (each only
  // when non-empty, as `read_text(...) or ...` chains them).
  std::optional<std::string> text;
  if (!is_file) {
    text = ReadIfFile(fs, d.info_path + "/METADATA");
    if (!text || text->empty()) text = ReadIfFile(fs, d.info_path + "/PKG-INFO");
  } else {
    text = ReadIfFile(fs, d.info_path);
  }
  MetadataHeaders headers;
  if (text && !text->empty()) {
    d.metadata_found = true;
    size_t bad = FirstInvalidUtf8(*text);
    if (bad != std::string_view::npos) {
      d.metadata_error = "'utf-8' codec can't decode byte at position " + std::to_string(bad);
    } else {
      headers = MetadataHeaders::Parse(*text);
    }
  }
  CoreMetadata core = ReadCoreMetadata(headers);
  d.metadata_name = core.name;
  d.metadata_version = core.version;
  d.requires_dist = core.requires_dist;
  d.provides_extra = core.provides_extra;
  d.requires_python = core.requires_python;

  // Name and version from the folder name first (pip's parse_name_and_version_from_info_directory
  // and importlib's _name_from_stem look at the exact, case-sensitive suffix).
  std::string stem;
  std::string suffix;
  if (EndsWith(name, ".dist-info")) {
    stem = name.substr(0, name.size() - 10);
    suffix = ".dist-info";
  } else if (EndsWith(name, ".egg-info")) {
    stem = name.substr(0, name.size() - 9);
    suffix = ".egg-info";
  }
  if (!suffix.empty()) {
    size_t dash = stem.find('-');
    d.raw_name = stem.substr(0, dash);
    if (suffix == ".dist-info" && dash != std::string::npos) d.version = stem.substr(dash + 1);
  }
  if (!d.raw_name || d.raw_name->empty()) d.raw_name = core.name;
  if (!d.version) d.version = core.version;
  if (d.raw_name) d.canonical_name = DistributionCanonicalName(*d.raw_name);

  if (!is_file) {
    if (d.requires_dist.empty()) {
      if (std::optional<std::string> req = ReadIfFile(fs, d.info_path + "/requires.txt")) {
        for (const RequiresTxtEntry& e : ParseRequiresTxt(*req)) {
          d.requires_dist.push_back(RequiresTxtToRequiresDist(e));
        }
      }
    }
    if (std::optional<std::string> rec = ReadIfFile(fs, d.info_path + "/RECORD")) {
      d.record = ParseRecord(*rec);
    }
    if (std::optional<std::string> files = ReadIfFile(fs, d.info_path + "/installed-files.txt")) {
      d.installed_files = ParseLineList(*files);
    }
    if (std::optional<std::string> inst = ReadIfFile(fs, d.info_path + "/INSTALLER")) {
      std::vector<std::string> lines = ParseLineList(*inst);
      if (!lines.empty()) d.installer = lines[0];
    }
    if (std::optional<std::string> du = ReadIfFile(fs, d.info_path + "/direct_url.json")) {
      d.direct_url = ParseDirectUrl(*du);
      d.direct_url_unreadable = !d.direct_url.has_value();
    }
    if (std::optional<std::string> tl = ReadIfFile(fs, d.info_path + "/top_level.txt")) {
      d.top_level = ParseLineList(*tl);
    }
    if (std::optional<std::string> wheel = ReadIfFile(fs, d.info_path + "/WHEEL")) {
      d.wheel_tags = MetadataHeaders::Parse(*wheel).GetAll("Tag");
    }
  }
  return d;
}

std::vector<Distribution> ReadSiteDirectory(const FileSystem& fs, const std::string& dir,
                                            const std::vector<std::string>* listing) {
  std::vector<std::pair<std::string, bool>> entries;  // name, is_file
  if (listing) {
    for (const std::string& n : *listing) entries.emplace_back(n, !fs.IsDirectory(JoinPath(dir, n)));
  } else {
    Result<std::vector<DirectoryEntry>> list = fs.ListDirectory(dir);
    if (!list.ok()) return {};
    for (const DirectoryEntry& e : *list) {
      bool is_dir = e.type == DirectoryEntry::Type::kDirectory ||
                    (e.type == DirectoryEntry::Type::kSymlink && fs.IsDirectory(JoinPath(dir, e.name)));
      entries.emplace_back(e.name, !is_dir);
    }
  }
  // Group by importlib's normalised name, groups in first-seen order.
  std::vector<std::string> group_order;
  std::map<std::string, std::vector<std::pair<std::string, bool>>> groups;
  for (auto& [n, is_file] : entries) {
    if (!IsInfoName(n)) continue;
    std::string low = Lower(n);
    std::string base = low.substr(0, low.rfind('.'));
    std::string key = ImportlibNormalize(base.substr(0, base.find('-')));
    auto [it, inserted] = groups.try_emplace(key);
    if (inserted) group_order.push_back(key);
    it->second.emplace_back(n, is_file);
  }
  std::vector<Distribution> out;
  for (const std::string& key : group_order) {
    for (auto& [n, is_file] : groups[key]) out.push_back(ReadDistribution(fs, dir, n, is_file));
  }
  return out;
}

namespace {

// "python3.11" -> "3.11"; "" when `name` is not python<major>.<minor>.
std::string VersionFromName(std::string_view name, std::string_view prefix) {
  if (name.substr(0, prefix.size()) != prefix) return "";
  std::string_view v = name.substr(prefix.size());
  size_t dot = v.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= v.size()) return "";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i != dot && (v[i] < '0' || v[i] > '9')) return "";
  }
  return std::string(v);
}

std::vector<std::string> ListNames(const FileSystem& fs, const std::string& dir) {
  std::vector<std::string> names;
  Result<std::vector<DirectoryEntry>> list = fs.ListDirectory(dir);
  if (!list.ok()) return names;
  for (const DirectoryEntry& e : *list) names.push_back(e.name);
  return names;
}

bool VersionLess(const std::string& a, const std::string& b) {
  auto parts = [](const std::string& v) {
    size_t dot = v.find('.');
    return std::make_pair(std::stoi(v.substr(0, dot)), std::stoi(v.substr(dot + 1)));
  };
  return parts(a) < parts(b);
}

std::vector<std::string> SystemSiteDirs(const FileSystem& fs, const std::string& root,
                                        const std::string& prefix, const std::string& version) {
  std::vector<std::string> candidates;
  // Debian's site.py puts /usr/local/lib/python3.X/dist-packages before its own directories.
  if (prefix == "/usr") candidates.push_back("/usr/local/lib/python" + version + "/dist-packages");
  candidates.push_back(prefix + "/lib/python3/dist-packages");
  candidates.push_back(prefix + "/lib/python" + version + "/dist-packages");
  candidates.push_back(prefix + "/lib/python" + version + "/site-packages");
  std::vector<std::string> out;
  for (const std::string& c : candidates) {
    std::string p = JoinPath(root, c.substr(1));
    if (fs.IsDirectory(p)) out.push_back(p);
  }
  return out;
}

// Directories never searched for venvs: the system's own trees and the pseudo file systems.
bool SkipForVenvSearch(const std::string& path) {
  static const std::set<std::string> kSkip = {
      "/proc", "/sys", "/dev", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc",
      "/boot", "/run", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/lib32", "/usr/lib64",
      "/usr/libexec", "/usr/share", "/usr/include", "/usr/src", "/var/lib", "/var/cache",
      "/var/log", "/usr/local/lib", "/usr/local/include", "/usr/local/share"};
  return kSkip.count(path) > 0;
}

void FindVenvs(const FileSystem& fs, const std::string& root, const std::string& rel, int depth,
               std::vector<std::string>& out) {
  std::string dir = rel.empty() ? root : JoinPath(root, rel.substr(1));
  if (fs.IsFile(JoinPath(dir, "pyvenv.cfg"))) {
    out.push_back(rel.empty() ? "/" : rel);
    return;
  }
  if (depth == 0) return;
  Result<std::vector<DirectoryEntry>> list = fs.ListDirectory(dir);
  if (!list.ok()) return;
  for (const DirectoryEntry& e : *list) {
    if (e.type != DirectoryEntry::Type::kDirectory) continue;
    if (e.name == "node_modules" || e.name == "site-packages" || e.name == "dist-packages" ||
        e.name == "__pycache__" || e.name == ".git") {
      continue;
    }
    std::string child = rel + "/" + e.name;
    if (SkipForVenvSearch(child)) continue;
    FindVenvs(fs, root, child, depth - 1, out);
  }
}

}  // namespace

EnvironmentScan ScanEnvironments(const FileSystem& fs, const std::string& root_in) {
  EnvironmentScan scan;
  std::string root = root_in.empty() ? "/" : root_in;
  auto at = [&](const std::string& abs) { return abs == "/" ? root : JoinPath(root, abs.substr(1)); };
  // In-tree path (absolute inside the tree) → the path handed to `fs`.

  // Interpreters, by prefix.
  for (const std::string prefix : {"/usr", "/usr/local"}) {
    std::set<std::string> versions;
    for (const std::string& n : ListNames(fs, at(prefix + "/bin"))) {
      std::string v = VersionFromName(n, "python");
      if (!v.empty()) versions.insert(v);
    }
    for (const std::string& n : ListNames(fs, at(prefix + "/lib"))) {
      std::string v = VersionFromName(n, "python");
      if (!v.empty() && fs.IsDirectory(at(prefix + "/lib/" + n))) versions.insert(v);
    }
    std::vector<std::string> sorted(versions.begin(), versions.end());
    std::sort(sorted.begin(), sorted.end(), VersionLess);
    for (const std::string& v : sorted) {
      Interpreter in;
      in.prefix = prefix;
      in.version = v;
      std::string exe = prefix + "/bin/python" + v;
      if (fs.IsFile(at(exe)) || fs.IsDirectory(at(prefix + "/bin")) /* symlink entries */) {
        for (const std::string& n : ListNames(fs, at(prefix + "/bin"))) {
          if (n == "python" + v) in.executable = exe;
        }
      }
      std::string stdlib = prefix + "/lib/python" + v;
      if (fs.IsDirectory(at(stdlib))) {
        in.stdlib_dir = stdlib;
        in.has_ensurepip = fs.IsFile(at(stdlib + "/ensurepip/__init__.py"));
        in.has_venv_module = fs.IsFile(at(stdlib + "/venv/__init__.py"));
        in.externally_managed = fs.IsFile(at(stdlib + "/EXTERNALLY-MANAGED"));
      }
      // A lib/python3.X that is only a dist-packages holder (Debian's /usr/local/lib/python3.X)
      // is not an interpreter.
      if (in.executable.empty() && !fs.IsFile(at(stdlib + "/os.py"))) continue;
      scan.interpreters.push_back(in);
      PythonEnvironment env;
      env.label = "python" + v + " (" + prefix + ")";
      env.interpreter = in;
      env.python_version = v;
      env.python_full_version = v + ".0";
      for (std::string& d : SystemSiteDirs(fs, root, prefix, v)) env.site_dirs.push_back(d);
      scan.environments.push_back(std::move(env));
    }
  }

  // Venvs.
  std::vector<std::string> venv_roots;
  FindVenvs(fs, root, "", 4, venv_roots);
  for (const std::string& vr : venv_roots) {
    Venv venv;
    venv.root = vr;
    std::optional<std::string> cfg_text;
    if (Result<std::string> r = fs.ReadFile(JoinPath(at(vr), "pyvenv.cfg")); r.ok()) cfg_text = *r;
    venv.cfg = ParsePyvenvCfg(cfg_text.value_or(""));
    venv.full_version = venv.cfg.version();
    std::string lib_version;
    for (const std::string& n : ListNames(fs, JoinPath(at(vr), "lib"))) {
      std::string v = VersionFromName(n, "python");
      if (!v.empty() && (lib_version.empty() || VersionLess(lib_version, v))) lib_version = v;
    }
    if (lib_version.empty() && !venv.full_version.empty()) {
      size_t d1 = venv.full_version.find('.');
      size_t d2 = d1 == std::string::npos ? d1 : venv.full_version.find('.', d1 + 1);
      lib_version = venv.full_version.substr(0, d2);
    }
    venv.version = lib_version;
    PythonEnvironment env;
    env.label = "venv " + vr;
    env.python_version = lib_version;
    env.python_full_version = venv.full_version.empty() ? lib_version + ".0" : venv.full_version;
    // The base interpreter: the one whose bin directory is the cfg's home, same version.
    std::string home = venv.cfg.home();
    while (home.size() > 1 && home.back() == '/') home.pop_back();
    for (const Interpreter& in : scan.interpreters) {
      if (in.version == lib_version && (home.empty() || home == in.prefix + "/bin")) {
        env.interpreter = in;
        break;
      }
    }
    std::string sp = JoinPath(at(vr), "lib/python" + lib_version + "/site-packages");
    if (fs.IsDirectory(sp)) env.site_dirs.push_back(sp);
    if (venv.cfg.include_system_site_packages() && env.interpreter) {
      for (std::string& d : SystemSiteDirs(fs, root, env.interpreter->prefix, lib_version)) {
        env.site_dirs.push_back(d);
      }
    }
    env.venv = std::move(venv);
    scan.environments.push_back(std::move(env));
  }

  // A bare site directory (a host folder, a corpus case).
  if (scan.environments.empty()) {
    bool has_info = false;
    for (const std::string& n : ListNames(fs, root)) has_info = has_info || IsInfoName(n);
    if (has_info) {
      PythonEnvironment env;
      env.label = "site directory " + root;
      env.site_dirs.push_back(root);
      scan.environments.push_back(std::move(env));
    }
  }
  return scan;
}

}  // namespace drydock::pyenv
