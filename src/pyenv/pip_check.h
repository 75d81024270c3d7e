// `pip check` over distributions read statically: the same package set (first distribution per
// canonical name in path order, invalid names ignored, broken metadata dropped with a warning),
// the same requirement checks (markers with extra="", conflicts with prereleases=True, extras
// of a requirement not followed) and the same output lines, so a conformance test can compare
// with what pip printed.
#ifndef DRYDOCK_PYENV_PIP_CHECK_H_
#define DRYDOCK_PYENV_PIP_CHECK_H_

#include <optional>
#include <string>
#include <vector>

#include "pyenv/environment.h"
#include "pyenv/marker.h"

namespace drydock::pyenv {

struct PipProblem {
  enum class Kind { kMissing, kConflict, kUnsupported };
  Kind kind = Kind::kMissing;
  std::string dist;          // The requirer's canonical name (METADATA Name for kUnsupported).
  std::string dist_version;  // Normalised.
  std::string requirement;   // kMissing: the dependency's canonical name; kConflict: str(req).
  std::string installed;     // kConflict: "<canonical name> <version>".
  std::string line;          // pip's stdout line, without the newline.
  const Distribution* requirer = nullptr;
  const Distribution* dependency = nullptr;  // kConflict: what is installed.
};
std::string_view PipProblemKindString(PipProblem::Kind kind);  // "missing", "conflict", ...

struct PipWarning {
  enum class Kind { kMetadataError, kIgnoredInvalidName, kSkippedBadMetadata, kCrash };
  Kind kind = Kind::kMetadataError;
  std::string dist;     // Canonical name; the entry name for kSkippedBadMetadata.
  std::string detail;   // The error text (ours; pip's wording where we produce the same one).
  const Distribution* distribution = nullptr;
};
std::string_view PipWarningKindString(PipWarning::Kind kind);

struct PipCheckResult {
  std::vector<PipProblem> problems;  // In pip's output order.
  std::vector<PipWarning> warnings;
  // The distributions pip's package set holds (first per canonical name), in path order.
  std::vector<const Distribution*> package_set;
  int exit_code = 0;                 // 0 clean, 1 problems, 2 pip would crash.
  std::string Stdout() const;        // pip's stdout (incl. "No broken requirements found.").
};

struct PipCheckOptions {
  MarkerEnvironment environment;     // extra is set to "" for evaluation.
  // pip's get_supported() for the interpreter, priority order; nullopt: tags not checked.
  std::optional<std::vector<std::string>> supported_tags;
};

// `dists` in sys.path order (site directory after site directory).
PipCheckResult RunPipCheck(const std::vector<const Distribution*>& dists,
                           const PipCheckOptions& options);

// The marker environment of a CPython on Linux: python_version / python_full_version given,
// platform_machine from the image architecture (amd64 -> x86_64, arm64 -> aarch64, ...).
MarkerEnvironment LinuxCPythonEnvironment(const std::string& python_version,
                                          const std::string& python_full_version,
                                          const std::string& architecture = "amd64");

// A simple form of pip's supported tags for CPython X.Y on Linux: cpXY/abi3/none ABIs with
// linux/manylinux/musllinux platforms of `machine`, and pyX/pyXY/py3-none-any.
std::vector<std::string> LinuxCPythonSupportedTags(const std::string& python_version,
                                                   const std::string& machine);

}  // namespace drydock::pyenv

#endif  // DRYDOCK_PYENV_PIP_CHECK_H_
