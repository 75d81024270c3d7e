// The built-in facts of common base images, and what common OS packages put on PATH. Facts
// were read off the images' package lists (Debian/Ubuntu "required" priority for minbase and
// slim variants, buildpack-deps for the full python images, busybox applets for Alpine);
// anything that varies between tags is listed as uncertain so no rule asserts it is absent.
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "lint/ledger.h"

namespace drydock::lint {

namespace {

// Commands every Debian/Ubuntu image has (packages of priority "required").
const std::vector<std::string>& DebianCoreCommands() {
  static const std::vector<std::string> commands = {
      "sh", "dash", "bash", "apt", "apt-get", "apt-cache", "apt-config", "apt-key", "dpkg",
      "dpkg-query", "dpkg-deb", "ls", "cat", "echo", "printf", "mkdir", "rmdir", "rm", "cp", "mv",
      "ln", "chmod", "chown", "chgrp", "touch", "sed", "grep", "egrep", "fgrep", "find", "xargs",
      "tar", "gzip", "gunzip", "zcat", "id", "whoami", "useradd", "userdel", "usermod", "groupadd",
      "groupdel", "passwd", "chpasswd", "su", "login", "sleep", "test", "[", "env", "sort", "uniq",
      "head", "tail", "wc", "tr", "cut", "tee", "basename", "dirname", "readlink", "realpath",
      "mktemp", "true", "false", "uname", "hostname", "date", "df", "du", "stat", "sync", "nproc",
      "seq", "yes", "expr", "install", "chroot", "mount", "umount", "kill", "ps", "perl", "awk",
      "mawk", "diff", "cmp", "md5sum", "sha1sum", "sha256sum", "sha512sum", "base64", "od", "split",
      "tac", "nl", "paste", "comm", "join", "fold", "timeout", "nohup", "nice", "getent", "ldd",
      "ldconfig", "update-alternatives", "run-parts", "start-stop-daemon", "tempfile", "which",
      "pwd", "ln", "cksum", "more", "zgrep", "bzip2", "bunzip2", "sed", "shuf", "printenv",
  };
  return commands;
}

// Busybox applets in Alpine's base, plus apk.
const std::vector<std::string>& AlpineCommands() {
  static const std::vector<std::string> commands = {
      "sh", "ash", "busybox", "apk", "ls", "cat", "echo", "printf", "mkdir", "rmdir", "rm", "cp",
      "mv", "ln", "chmod", "chown", "chgrp", "touch", "sed", "grep", "egrep", "find", "xargs", "tar",
      "gzip", "gunzip", "zcat", "unzip", "id", "whoami", "adduser", "addgroup", "deluser", "delgroup",
      "su", "sleep", "test", "[", "env", "sort", "uniq", "head", "tail", "wc", "tr", "cut", "tee",
      "basename", "dirname", "readlink", "realpath", "mktemp", "true", "false", "uname", "hostname",
      "date", "df", "du", "stat", "sync", "nproc", "seq", "yes", "expr", "install", "chroot", "kill",
      "ps", "awk", "diff", "cmp", "md5sum", "sha1sum", "sha256sum", "sha512sum", "base64", "od",
      "wget", "nc", "vi", "which", "pwd", "timeout", "nohup", "getent", "ldd", "ldconfig", "bzip2",
      "xz", "unxz", "less", "more", "printenv", "ssl_client",
  };
  return commands;
}

// Tools the buildpack-deps images (under the full python:* images) add.
const std::vector<std::string>& BuildpackCommands() {
  static const std::vector<std::string> commands = {
      "curl", "wget", "git", "gpg", "ssh", "scp", "make", "gcc", "g++", "cc", "c++", "unzip",
      "xz", "bzr", "hg", "svn", "patch", "file", "pkg-config", "autoconf", "automake", "openssl",
  };
  return commands;
}

struct Tag {
  std::string repo;  // "debian", "python", "nvidia/cuda".
  std::string tag;   // "bookworm-slim", "" for latest.
};

Tag SplitImage(const std::string& image) {
  std::string name = image;
  if (size_t at = name.find('@'); at != std::string::npos) name = name.substr(0, at);
  std::string tag;
  size_t slash = name.rfind('/');
  size_t colon = name.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
    tag = name.substr(colon + 1);
    name = name.substr(0, colon);
  }
  for (std::string prefix : {"docker.io/library/", "docker.io/", "index.docker.io/library/",
                             "index.docker.io/", "library/"}) {
    if (name.rfind(prefix, 0) == 0) name = name.substr(prefix.size());
  }
  return {name, tag};
}

bool Contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

void AddAll(StageFacts& f, const std::vector<std::string>& commands) {
  f.commands.insert(commands.begin(), commands.end());
}

// `items` as a frozen set, built once: every Debian-like base shares its storage.
SharedStringSet Frozen(const std::vector<std::string>& items) {
  SharedStringSet set;
  set.insert(items.begin(), items.end());
  set.Freeze();
  return set;
}

StageFacts DebianLike(const std::string& distro, bool externally_managed) {
  // Present in some tags or variants (non-slim Ubuntu, older Debian) but not all.
  static const SharedStringSet core = Frozen(DebianCoreCommands());
  static const SharedStringSet uncertain =
      Frozen({"xz", "unxz", "gpgv", "adduser", "addgroup", "ping", "ip", "less", "nano", "vi", "netstat",
              "ss", "lsb_release", "systemctl", "zstd"});
  StageFacts f;
  f.base_known = true;
  f.distro = distro;
  f.system_python_externally_managed = externally_managed;
  f.commands = core;
  f.uncertain_commands = uncertain;
  f.env["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  return f;
}

// Debian releases whose python3 carries the PEP 668 EXTERNALLY-MANAGED marker.
bool DebianExternallyManaged(const std::string& tag) {
  for (const char* old : {"bullseye", "buster", "stretch", "jessie", "11", "10", "9", "oldoldstable"}) {
    if (tag.rfind(old, 0) == 0) return false;
  }
  return true;  // bookworm (12), trixie (13), sid, testing, stable, latest.
}

bool UbuntuExternallyManaged(const std::string& tag) {
  for (const char* old : {"16.04", "18.04", "20.04", "22.04", "22.10", "xenial", "bionic", "focal",
                          "jammy", "kinetic"}) {
    if (tag.rfind(old, 0) == 0 || Contains(tag, std::string("ubuntu") + old)) return false;
  }
  return true;
}

class BuiltinFacts final : public BaseFacts {
 public:
  SharedFacts Lookup(const std::string& image) const override {
    // Built once per name and shared by every stage that starts from it.
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = cache_.find(image);
    if (it != cache_.end()) return it->second;
    SharedFacts shared;
    if (std::optional<StageFacts> facts = ByName(image)) {
      facts->origin = BaseOrigin::kBuiltinTable;
      // Frozen: the copies a ledger makes of these facts share the sets' storage.
      facts->packages.Freeze();
      facts->commands.Freeze();
      facts->uncertain_commands.Freeze();
      shared = std::make_shared<const StageFacts>(std::move(*facts));
    }
    if (cache_.size() > 4096) cache_.clear();  // Bounded: names come from user input.
    return cache_.emplace(image, std::move(shared)).first->second;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::map<std::string, SharedFacts, std::less<>> cache_;

  static std::optional<StageFacts> ByName(const std::string& image) {
    Tag t = SplitImage(image);
    if (t.repo == "debian") return DebianLike("debian", DebianExternallyManaged(t.tag));
    if (t.repo == "ubuntu") return DebianLike("ubuntu", UbuntuExternallyManaged(t.tag.empty() ? "24.04" : t.tag));
    if (t.repo == "buildpack-deps") {
      StageFacts f = DebianLike("debian", DebianExternallyManaged(t.tag));
      AddAll(f, BuildpackCommands());
      return f;
    }
    if (t.repo == "alpine") {
      StageFacts f;
      f.base_known = true;
      f.distro = "alpine";
      AddAll(f, AlpineCommands());
      f.env["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
      return f;
    }
    if (t.repo == "python" || t.repo == "pypy") return PythonImage(t.tag);
    if (t.repo == "nvidia/cuda") {
      // nvidia/cuda:12.4.1-runtime-ubuntu22.04 and the like.
      size_t at = t.tag.find("ubuntu");
      if (at == std::string::npos) return std::nullopt;
      StageFacts f = DebianLike("ubuntu", UbuntuExternallyManaged(t.tag.substr(at + 6)));
      f.env["PATH"] = "/usr/local/nvidia/bin:/usr/local/cuda/bin:" + f.env["PATH"];
      return f;
    }
    return std::nullopt;
  }

  static StageFacts PythonImage(const std::string& tag) {
    bool alpine = Contains(tag, "alpine");
    StageFacts f;
    if (alpine) {
      f.base_known = true;
      f.distro = "python";
      AddAll(f, AlpineCommands());
    } else {
      f = DebianLike("python", false);
      f.distro = "python";
      if (!Contains(tag, "slim")) AddAll(f, BuildpackCommands());
    }
    f.system_python_externally_managed = false;
    f.ensurepip_available = true;
    for (const char* c : {"python", "python3", "pip", "pip3", "pydoc", "idle", "wheel"}) f.commands.insert(c);
    // python3.X for the tag's version when it names one ("3.12-slim" → python3.12).
    if (tag.size() >= 3 && tag[0] == '3' && tag[1] == '.') {
      size_t end = 2;
      while (end < tag.size() && isdigit(static_cast<unsigned char>(tag[end]))) ++end;
      f.commands.insert("python" + tag.substr(0, end));
      f.commands.insert("pip" + tag.substr(0, end));
    }
    f.env["PATH"] = "/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin";
    return f;
  }
};

}  // namespace

const BaseFacts& BuiltinBaseFacts() {
  static const BuiltinFacts facts;
  return facts;
}

const std::vector<std::string>& CommandsOfPackage(const std::string& package) {
  static const std::map<std::string, std::vector<std::string>> table = {
      {"python3", {"python3", "pydoc3", "python3.11", "python3.12"}},
      {"python3-minimal", {"python3"}},
      {"python3-full", {"python3", "pydoc3"}},
      {"python-is-python3", {"python"}},
      {"python3-pip", {"pip", "pip3"}},
      {"python3-venv", {}},
      {"python3-virtualenv", {"virtualenv"}},
      {"virtualenv", {"virtualenv"}},
      {"python3-dev", {"python3-config"}},
      {"python3.11", {"python3.11"}},
      {"python3.12", {"python3.12"}},
      {"python3.13", {"python3.13"}},
      {"python", {"python", "python3"}},
      {"py3-pip", {"pip", "pip3"}},
      {"py-pip", {"pip"}},
      {"py2-pip", {"pip", "pip2"}},
      {"python2", {"python", "python2"}},
      {"curl", {"curl"}},
      {"wget", {"wget"}},
      {"git", {"git"}},
      {"git-core", {"git"}},
      {"unzip", {"unzip"}},
      {"zip", {"zip"}},
      {"xz-utils", {"xz", "unxz", "xzcat"}},
      {"xz", {"xz", "unxz"}},
      {"gnupg", {"gpg", "gpgv"}},
      {"gnupg2", {"gpg", "gpgv"}},
      {"gpg", {"gpg"}},
      {"openssh-client", {"ssh", "scp", "ssh-keygen", "ssh-keyscan"}},
      {"openssh", {"ssh", "scp", "ssh-keygen"}},
      {"make", {"make"}},
      {"build-essential", {"make", "gcc", "g++", "cc", "c++", "dpkg-buildpackage"}},
      {"build-base", {"make", "gcc", "g++", "cc", "c++"}},
      {"gcc", {"gcc", "cc"}},
      {"g++", {"g++", "c++"}},
      {"bash", {"bash"}},
      {"ca-certificates", {"update-ca-certificates"}},
      {"sudo", {"sudo"}},
      {"jq", {"jq"}},
      {"ffmpeg", {"ffmpeg", "ffprobe"}},
      {"nodejs", {"node", "nodejs"}},
      {"npm", {"npm", "npx"}},
      {"openjdk-17-jre-headless", {"java"}},
      {"rsync", {"rsync"}},
      {"vim", {"vim", "vi"}},
      {"nano", {"nano"}},
      {"less", {"less"}},
      {"procps", {"ps", "top", "free", "pkill", "pgrep"}},
      {"iproute2", {"ip", "ss"}},
      {"iputils-ping", {"ping"}},
      {"net-tools", {"netstat", "ifconfig"}},
      {"adduser", {"adduser", "addgroup", "deluser"}},
      {"tini", {"tini"}},
      {"gosu", {"gosu"}},
      {"software-properties-common", {"add-apt-repository"}},
      {"lsb-release", {"lsb_release"}},
      {"file", {"file"}},
      {"patch", {"patch"}},
      {"pkg-config", {"pkg-config"}},
      {"cmake", {"cmake"}},
      {"zstd", {"zstd"}},
      {"openssl", {"openssl"}},
      {"bzip2", {"bzip2", "bunzip2"}},
      {"tzdata", {}},
  };
  static const std::vector<std::string> none;
  auto it = table.find(package);
  return it == table.end() ? none : it->second;
}

}  // namespace drydock::lint
