// Facts about an image that lint and check ask for, computed from the merged tree and the config
// without running anything: the effective USER (through the image's /etc/passwd when it was
// kept), ENV and PATH, SHELL, ENTRYPOINT/CMD/HEALTHCHECK, which commands resolve on PATH for that
// user, and which Python interpreters and stdlib modules (ensurepip, venv) exist.
#ifndef DRYDOCK_IMAGE_IMAGE_FACTS_H_
#define DRYDOCK_IMAGE_IMAGE_FACTS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "image/image.h"

namespace drydock::image {

// Docker's PATH for a container whose image sets none.
inline constexpr std::string_view kDefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

struct UserFacts {
  std::string spec;          // Config User as written ("" means root).
  std::string name;          // From /etc/passwd, or the spec's name part.
  std::optional<uint32_t> uid;  // Unknown when a name is not in a kept /etc/passwd.
  std::optional<uint32_t> gid;
  std::string home;
  bool in_passwd = false;
};

struct PythonFacts {
  std::string path;          // As found ("/usr/bin/python3").
  std::string resolved;      // After symlinks ("/usr/bin/python3.11").
  std::string version;       // From the resolved name ("3.11"), "" if the name carries none.
  std::string stdlib_dir;    // <prefix>/lib/python<version> for <prefix>/bin/python*, "" if absent.
  bool has_ensurepip = false;
  bool has_venv = false;
  bool externally_managed = false;  // PEP 668 marker in the stdlib dir (a venv's pip ignores it).
  std::string venv_dir;      // "/opt/venv" when `path` is <dir>/bin/python* and <dir>/pyvenv.cfg exists.
};

struct ImageFacts {
  UserFacts user;
  std::map<std::string, std::string> env;   // From config Env (the last of a name wins).
  std::vector<std::string> path_dirs;       // PATH split, kDefaultPath when unset.
  std::vector<std::string> shell;           // SHELL, or ["/bin/sh", "-c"].
  std::optional<std::vector<std::string>> entrypoint;
  std::optional<std::vector<std::string>> cmd;
  std::optional<Healthcheck> healthcheck;
  std::string working_dir;
  std::vector<PythonFacts> pythons;         // Interpreters on PATH (python, python3, python3.X).
};

ImageFacts ComputeFacts(const Image& image);

// How a command name resolves on the image's PATH for its USER.
struct CommandLookup {
  std::string path;          // The PATH entry that matched ("/usr/bin/pip3").
  std::string resolved;      // After symlinks inside the image.
  bool executable = false;   // Exec bit for the user (root: any x bit).
};
// The first PATH directory holding `command` as a regular file (after symlinks) that the user may
// execute; when none is executable, the first match with executable = false; nullopt when no PATH
// directory has it. A name containing '/' is looked up as a path.
std::optional<CommandLookup> LookupCommand(const Image& image, const ImageFacts& facts, std::string_view command);
// Every command name on PATH the user can execute, sorted.
std::vector<std::string> CommandsOnPath(const Image& image, const ImageFacts& facts);

}  // namespace drydock::image

#endif  // DRYDOCK_IMAGE_IMAGE_FACTS_H_
