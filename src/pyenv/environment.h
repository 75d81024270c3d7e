// Reading Python environments out of a file tree (a rootfs on the host, an image's merged tree,
// an in-memory tree in tests) through the FileSystem seam: interpreters, venvs, the
// site-packages / dist-packages directories on each one's default sys.path, and every
// *.dist-info / *.egg-info in them, read the way pip (importlib.metadata backend) reads them.
#ifndef DRYDOCK_PYENV_ENVIRONMENT_H_
#define DRYDOCK_PYENV_ENVIRONMENT_H_

#include <optional>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "pyenv/metadata.h"
#include "pyenv/record.h"

namespace drydock::pyenv {

// An installed distribution: one *.dist-info / *.egg-info entry of a site directory.
struct Distribution {
  enum class Format { kDistInfo, kEggInfo };
  Format format = Format::kDistInfo;
  std::string site_dir;     // The directory it was found in ("/opt/venv/lib/python3.11/site-packages").
  std::string info_name;    // Entry name ("py_multihash-2.0.1.dist-info").
  std::string info_path;    // site_dir + "/" + info_name.
  bool info_is_file = false;  // A .dist-info / .egg-info that is a file holds the metadata itself.

  // pip's view: the name from the folder (the part before the first '-') when the suffix is
  // exactly .dist-info or .egg-info, else METADATA Name; the version from a .dist-info folder
  // name when it has a '-', else METADATA Version.
  std::optional<std::string> raw_name;   // nullopt: no name anywhere (pip skips it).
  std::string canonical_name;            // PEP 503 form of raw_name.
  std::optional<std::string> version;    // As written; nullopt: none anywhere.
  std::optional<std::string> metadata_name;     // METADATA Name.
  std::optional<std::string> metadata_version;  // METADATA Version.

  bool metadata_found = false;           // METADATA / PKG-INFO (or the file itself) was read.
  std::string metadata_error;            // Non-empty: the metadata text could not be decoded.
  std::vector<std::string> requires_dist;  // METADATA's, else derived from requires.txt.
  std::vector<std::string> provides_extra;
  std::optional<std::string> requires_python;

  std::optional<Record> record;          // RECORD (dist-info) when present.
  std::vector<std::string> installed_files;  // egg-info installed-files.txt (relative to info_path).
  std::string installer;                 // INSTALLER's first line ("pip"), "" when absent.
  std::optional<DirectUrl> direct_url;   // direct_url.json when present and readable.
  bool direct_url_unreadable = false;
  std::vector<std::string> top_level;    // top_level.txt.
  std::optional<std::vector<std::string>> wheel_tags;  // WHEEL's Tag values; nullopt: no WHEEL.

  // "name version" for messages, with what is known.
  std::string Label() const;
};

// The *.dist-info / *.egg-info entries of one directory, in the order importlib.metadata yields
// them (entries grouped by normalised name in first-seen order of `listing`, which defaults to
// the file system's sorted listing).
std::vector<Distribution> ReadSiteDirectory(const FileSystem& fs, const std::string& dir,
                                            const std::vector<std::string>* listing = nullptr);
// One entry (used by ReadSiteDirectory): `name` must end in .dist-info / .egg-info in any case.
Distribution ReadDistribution(const FileSystem& fs, const std::string& dir, const std::string& name,
                              bool is_file);

// A Python interpreter installed in the tree (found by its bin/python3.X or lib/python3.X).
struct Interpreter {
  std::string prefix;        // "/usr" or "/usr/local".
  std::string version;       // "3.11".
  std::string executable;    // "/usr/bin/python3.11", "" when only the lib folder exists.
  std::string stdlib_dir;    // "/usr/lib/python3.11", "" when absent.
  bool has_ensurepip = false;
  bool has_venv_module = false;
  bool externally_managed = false;  // PEP 668 EXTERNALLY-MANAGED in the stdlib dir.
};

// A venv (a directory with pyvenv.cfg).
struct Venv {
  std::string root;          // "/opt/venv".
  PyvenvCfg cfg;
  std::string version;       // "3.11" (from lib/python3.X or the cfg's version).
  std::string full_version;  // The cfg's version ("3.11.2"), "" when absent.
};

// One interpreter's default import path: what `python -c 'import sys; print(sys.path)'` would
// list as site directories, in order.
struct PythonEnvironment {
  std::string label;          // "venv /opt/venv" or "python3.11 (/usr)".
  std::optional<Venv> venv;
  std::optional<Interpreter> interpreter;  // The base interpreter (a venv's home), when found.
  std::string python_version;        // "3.11".
  std::string python_full_version;   // "3.11.2" when known, else python_version + ".0".
  std::vector<std::string> site_dirs;  // Existing ones only, sys.path order.
};

struct EnvironmentScan {
  std::vector<Interpreter> interpreters;
  std::vector<PythonEnvironment> environments;
};

// Finds interpreters and venvs below `root` ("/" for an image or rootfs). When `root` itself is
// a site directory (holds *.dist-info / *.egg-info and no interpreter), it is one environment
// of its own.
EnvironmentScan ScanEnvironments(const FileSystem& fs, const std::string& root = "/");

// packaging's canonicalize_name; ASCII names are handled here, anything else by
// CanonicalizeName (canonical_name.h, which does Python's full Unicode lower-casing).
std::string DistributionCanonicalName(std::string_view name);
// PEP 508's name rule, ^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$ case-insensitively: what pip
// requires of an installed distribution's canonical name.
bool IsValidProjectName(std::string_view name);

// Whether `name` ends in .dist-info / .egg-info (ASCII case-insensitive), as importlib finds them.
bool IsInfoName(const std::string& name);

}  // namespace drydock::pyenv

#endif  // DRYDOCK_PYENV_ENVIRONMENT_H_
