// PEP 508 environment markers (`python_version >= "3.8" and extra == "test"`), parsed and
// evaluated as pypa/packaging 26 does, including the PEP 345 / setuptools legacy names
// (os.name, sys.platform, python_implementation ...), which are accepted as aliases.
#ifndef DRYDOCK_PYENV_MARKER_H_
#define DRYDOCK_PYENV_MARKER_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace drydock::pyenv {

// The values markers are evaluated against: python_version, python_full_version,
// implementation_name, implementation_version, os_name, platform_machine, platform_release,
// platform_system, platform_version, platform_python_implementation, sys_platform and,
// optionally, extra. `extras` / `dependency_groups` are the set-valued lock-file variables.
struct MarkerEnvironment {
  std::map<std::string, std::string, std::less<>> values;
  std::optional<std::vector<std::string>> extras;
  std::optional<std::vector<std::string>> dependency_groups;
};

// packaging's evaluate(context=): `metadata` supplies extra="" when the environment has none,
// `lock_file` supplies empty extras/dependency_groups, `requirement` supplies neither.
enum class MarkerContext { kMetadata, kLockFile, kRequirement };

// Why an evaluation failed. The Error's message starts with the packaging exception's meaning.
enum class MarkerErrorKind { kNone, kUndefinedComparison, kUndefinedEnvironmentName };

struct MarkerNode;  // The parsed tree (marker.cc).

class Marker {
 public:
  // Parse errors say which character is wrong: "invalid marker 'os_name =': expected a
  // quoted string or a marker variable at position 9".
  static Result<Marker> Parse(std::string_view text);

  // packaging's str(Marker): variables in their PEP 508 spelling (os.name -> os_name),
  // values double-quoted, `and`/`or` spaced, redundant parentheses kept as written.
  std::string ToString() const;

  // Evaluates; errors are UndefinedComparison (`~=`/`===` on a non-version string, ...) or
  // UndefinedEnvironmentName (a variable the environment lacks). `kind` (optional) says which.
  Result<bool> Evaluate(const MarkerEnvironment& environment,
                        MarkerContext context = MarkerContext::kMetadata,
                        MarkerErrorKind* kind = nullptr) const;
  // Shorthand for metadata evaluation with `extra` set: what Requires-Dist needs.
  Result<bool> EvaluateWithExtra(const MarkerEnvironment& environment,
                                 std::string_view extra) const;

 private:
  friend class Requirement;
  static Marker FromNode(MarkerNode root);

  std::shared_ptr<const MarkerNode> root_;  // Immutable, so copies share it.
};

}  // namespace drydock::pyenv

#endif  // DRYDOCK_PYENV_MARKER_H_
