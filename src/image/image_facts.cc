#include "image/image_facts.h"

#include <algorithm>
#include <set>

#include "image/image_file_system.h"

namespace drydock::image {

namespace {

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find(sep, i);
    if (j == std::string_view::npos) j = s.size();
    out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::optional<uint32_t> ParseId(std::string_view s) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v > UINT32_MAX) return std::nullopt;
  return static_cast<uint32_t>(v);
}

bool CanExecute(const Node& n, const UserFacts& user) {
  if (!user.uid || *user.uid == 0) return (n.mode & 0111) != 0;
  if (n.uid == *user.uid) return (n.mode & 0100) != 0;
  if (user.gid && n.gid == *user.gid) return (n.mode & 0010) != 0;
  return (n.mode & 0001) != 0;
}

std::string Join(const std::string& dir, std::string_view name) {
  return dir == "/" ? "/" + std::string(name) : dir + "/" + std::string(name);
}

}  // namespace

ImageFacts ComputeFacts(const Image& image) {
  const ImageConfig& c = image.config;
  ImageFacts f;
  ImageFileSystem fs(image.tree);
  for (const std::string& kv : c.env) {
    size_t eq = kv.find('=');
    f.env[kv.substr(0, eq)] = eq == std::string::npos ? "" : kv.substr(eq + 1);
  }
  auto path = f.env.find("PATH");
  for (std::string& d : Split(path == f.env.end() ? kDefaultPath : std::string_view(path->second), ':')) {
    if (!d.empty()) f.path_dirs.push_back(std::move(d));
  }
  f.shell = c.shell.value_or(std::vector<std::string>{"/bin/sh", "-c"});
  f.entrypoint = c.entrypoint;
  f.cmd = c.cmd;
  f.healthcheck = c.healthcheck;
  f.working_dir = c.working_dir;

  // USER: "name", "uid", "name:group", "uid:gid".
  f.user.spec = c.user;
  std::vector<std::string> parts = Split(c.user, ':');
  std::string who = c.user.empty() ? "root" : parts[0];
  std::string group = parts.size() > 1 ? parts[1] : "";
  f.user.name = who;
  f.user.uid = ParseId(who);
  Result<std::string> passwd = fs.ReadFile("/etc/passwd");
  if (passwd.ok()) {
    for (const std::string& line : Split(*passwd, '\n')) {
      std::vector<std::string> p = Split(line, ':');
      if (p.size() < 7) continue;
      bool match = f.user.uid ? ParseId(p[2]) == f.user.uid : p[0] == who;
      if (!match) continue;
      f.user.in_passwd = true;
      f.user.name = p[0];
      f.user.uid = ParseId(p[2]);
      f.user.gid = ParseId(p[3]);
      f.user.home = p[5];
      break;
    }
  }
  if (!group.empty()) {
    f.user.gid = ParseId(group);
    if (!f.user.gid) {
      Result<std::string> groups = fs.ReadFile("/etc/group");
      if (groups.ok()) {
        for (const std::string& line : Split(*groups, '\n')) {
          std::vector<std::string> p = Split(line, ':');
          if (p.size() >= 3 && p[0] == group) f.user.gid = ParseId(p[2]);
        }
      }
    }
  }
  if (!f.user.uid && who == "root") f.user.uid = 0;
  if (f.user.uid == 0 && !f.user.gid) f.user.gid = 0;

  // Python interpreters on PATH.
  std::set<std::string> seen;
  for (const std::string& dir : f.path_dirs) {
    Result<std::vector<DirectoryEntry>> entries = fs.ListDirectory(dir);
    if (!entries.ok()) continue;
    for (const DirectoryEntry& e : *entries) {
      const std::string& n = e.name;
      if (n.rfind("python", 0) != 0) continue;
      std::string_view rest = std::string_view(n).substr(6);
      if (!std::all_of(rest.begin(), rest.end(), [](char ch) { return (ch >= '0' && ch <= '9') || ch == '.'; })) continue;
      if (!seen.insert(n).second) continue;
      std::string p = Join(dir, n);
      Result<std::pair<std::string, const Node*>> st = fs.Stat(p, true);
      if (!st.ok() || st->second->type != EntryType::kFile) continue;
      PythonFacts py;
      py.path = p;
      py.resolved = st->first;
      std::string base = py.resolved.substr(py.resolved.rfind('/') + 1);
      if (base.rfind("python", 0) == 0) py.version = base.substr(6);
      if (py.version.find('.') == std::string::npos) py.version.clear();
      if (!py.version.empty()) {
        // The stdlib sits under the interpreter's prefix: /usr/bin/python3.11 -> /usr/lib/python3.11,
        // /usr/local/bin -> /usr/local/lib, /opt/conda/bin -> /opt/conda/lib.
        std::string bin_dir = py.resolved.substr(0, py.resolved.rfind('/'));
        std::string prefix = bin_dir.substr(0, bin_dir.rfind('/'));
        std::string lib = prefix + "/lib/python" + py.version;
        if (fs.IsDirectory(lib)) {
          py.stdlib_dir = lib;
          py.has_ensurepip = fs.IsFile(lib + "/ensurepip/__init__.py");
          py.has_venv = fs.IsFile(lib + "/venv/__init__.py");
          py.externally_managed = fs.IsFile(lib + "/EXTERNALLY-MANAGED");
        }
      }
      std::string venv = dir.substr(0, dir.rfind('/'));
      if (!venv.empty() && fs.IsFile(venv + "/pyvenv.cfg")) py.venv_dir = venv;
      f.pythons.push_back(std::move(py));
    }
  }
  return f;
}

std::optional<CommandLookup> LookupCommand(const Image& image, const ImageFacts& facts, std::string_view command) {
  ImageFileSystem fs(image.tree);
  std::optional<CommandLookup> first;
  auto check = [&](const std::string& p) -> bool {
    Result<std::pair<std::string, const Node*>> st = fs.Stat(p, true);
    if (!st.ok() || st->second->type != EntryType::kFile) return false;
    CommandLookup l{p, st->first, CanExecute(*st->second, facts.user)};
    if (l.executable) {
      first = l;
      return true;
    }
    if (!first) first = l;
    return false;
  };
  if (command.find('/') != std::string_view::npos) {
    std::string p(command);
    if (p[0] != '/') p = Join(facts.working_dir.empty() ? "/" : facts.working_dir, p);
    check(p);
    return first;
  }
  for (const std::string& dir : facts.path_dirs) {
    if (check(Join(dir, command))) break;
  }
  return first;
}

std::vector<std::string> CommandsOnPath(const Image& image, const ImageFacts& facts) {
  ImageFileSystem fs(image.tree);
  std::set<std::string> names;
  for (const std::string& dir : facts.path_dirs) {
    Result<std::vector<DirectoryEntry>> entries = fs.ListDirectory(dir);
    if (!entries.ok()) continue;
    for (const DirectoryEntry& e : *entries) {
      if (e.type != DirectoryEntry::Type::kFile && e.type != DirectoryEntry::Type::kSymlink) continue;
      Result<std::pair<std::string, const Node*>> st = fs.Stat(Join(dir, e.name), true);
      if (st.ok() && st->second->type == EntryType::kFile && CanExecute(*st->second, facts.user)) names.insert(e.name);
    }
  }
  return {names.begin(), names.end()};
}

}  // namespace drydock::image
