// `drydock check`'s Python-environment findings, computed from a tree read through FileSystem
// (in-tree absolute paths: an image, a RootedFileSystem over a host directory, a memory tree).
// Results are plain structs; cli/ renders them.
//
// IDs are stable (docs/check.md):
//   PY1001 files-clobbered          error    a file claimed by two distributions' RECORDs
//   PY1002 record-file-missing      warning  RECORD lists a file that is gone
//   PY1003 record-file-modified     warning  a file's hash/size no longer matches its RECORD
//   PY2001 requirement-missing      error    pip check: "requires X, which is not installed"
//   PY2002 requirement-conflict     error    pip check: "has requirement X, but you have Y"
//   PY2003 wheel-unsupported        error    pip check: "is not supported on this platform"
//   PY2004 metadata-unreadable      error    pip check: "Error parsing dependencies of X"
//   PY2005 invalid-distribution     warning  an *-info entry pip ignores (bad or missing name)
//   PY2006 extra-unsatisfied        error    `X[extra]` required but the extra's deps are not met
//                                            (pip check does not follow extras)
//   PY3001 duplicate-distribution   warning  one project installed twice in one directory
//   PY3002 shadowed-distribution    warning  one project in two directories of one sys.path
//   PY4001 editable-target-missing  error    editable install pointing at a path not in the tree
//   PY5001 no-ensurepip             info     interpreter without ensurepip (warning when the
//                                            image's history uses ensurepip or -m venv)
#ifndef DRYDOCK_PYENV_FINDINGS_H_
#define DRYDOCK_PYENV_FINDINGS_H_

#include <string>
#include <vector>

#include "base/file_system.h"
#include "pyenv/environment.h"

namespace drydock::pyenv {

enum class Severity { kInfo, kWarning, kError };
std::string_view SeverityString(Severity severity);  // "info", "warning", "error"

struct Finding {
  std::string id;           // "PY1001"
  std::string slug;         // "files-clobbered"
  Severity severity = Severity::kError;
  std::string environment;  // "venv /opt/venv", "" when not tied to one.
  std::string message;      // Names the distributions, files and versions involved.
  std::string hint;         // How to fix it.
  std::vector<std::string> paths;  // In-tree paths involved (the first is the main location).
};

struct CheckOptions {
  std::string architecture = "amd64";  // The image's; sets platform_machine and wheel tags.
  bool history_uses_venv = false;      // The image's history runs ensurepip or -m venv.
  size_t files_listed = 3;             // Files named per finding before "and N more".
};

struct CheckSummary {
  size_t environments = 0;
  size_t distributions = 0;
  size_t files_checked = 0;  // RECORD entries compared with the tree.
};

struct PythonCheck {
  EnvironmentScan scan;
  std::vector<Finding> findings;  // Sorted: severity (errors first), then ID, then message.
  CheckSummary summary;
};

// Reads every Python environment of the tree rooted at "/" and checks it.
PythonCheck CheckPythonEnvironments(const FileSystem& fs, const CheckOptions& options = {});

}  // namespace drydock::pyenv

#endif  // DRYDOCK_PYENV_FINDINGS_H_
