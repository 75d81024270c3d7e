// `drydock lint --shellcheck`: hands each shell script a Dockerfile runs to a `shellcheck`
// binary, the way hadolint does with its linked ShellCheck, and reports its findings as
// `SCnnnn` at the Dockerfile's lines and columns.
//   * What is checked: the command of every shell-form RUN (exec form is not a shell script),
//     or, for a RUN with heredocs, the heredoc bodies that are scripts (`RUN <<EOF`,
//     `RUN bash <<EOF`); bodies fed to other programs are data.
//   * Each script gets a shebang from the stage's SHELL (`/bin/sh` by default; bash, dash, ksh
//     and ash as such; any other shell, e.g. pwsh, is skipped), or the body's own shebang, and
//     one `export NAME=1 ...` line naming every ARG and ENV declared so far plus the proxy
//     variables, so SC2154 does not fire on build arguments.
//   * The shell-form text is the Dockerfile's own bytes: `\` continuations are the shell's
//     too, so lines and columns map back one to one; comment and blank lines inside a
//     continued RUN (which BuildKit drops) become a lone `\`.
//   * SC1090, SC1091 (sourcing) and SC2187 (ash) are excluded, as hadolint does.
//   * Scripts of every file linted are written to one temporary directory and checked by as
//     few shellcheck processes as the command-line length allows (`-f json1`).
//   * Pragmas (`# drydock ignore=SC2086`, `# hadolint ignore=SC2086`), `ignored` and severity
//     overrides apply to SC codes as to DD ones.
#ifndef DRYDOCK_LINT_SHELLCHECK_H_
#define DRYDOCK_LINT_SHELLCHECK_H_

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "lint/config.h"
#include "lint/lint_context.h"
#include "lint/rule.h"
#include "lint/suppressions.h"

namespace drydock::lint {

struct LintFinding;

// The `shellcheck` executable found on `path_env` (a PATH value), or nullopt.
std::optional<std::string> FindShellcheck(std::string_view path_env);

// The RuleInfo shown for ShellCheck code `code` ("SC2086"): slug "shellcheck", severity as
// ShellCheck's level maps (error, warning, info; style is info). Interned: stable address.
const RuleInfo* ShellcheckRule(std::string_view code, Severity severity);

// One script prepared for shellcheck.
struct ShellcheckScript {
  std::string text;              // Shebang, exports, then the script.
  uint32_t preamble_lines = 0;   // Lines before the script's first line.
  uint32_t first_line = 0;       // Dockerfile line of the script's first line.
  uint32_t first_column = 0;     // 0-based byte column of its first byte on that line.
};

// The scripts of one linted file (see the header comment for what is included).
std::vector<ShellcheckScript> ShellcheckScripts(const LintContext& context);

// Collects the scripts of many files, then runs shellcheck over all of them at once.
class ShellcheckSession {
 public:
  explicit ShellcheckSession(std::string binary) : binary_(std::move(binary)) {}

  // Adds the scripts of the file behind `context` under `key`, with its pragmas and config.
  // LintDockerfile calls it when LintRequest::shellcheck is set; safe from several threads.
  void Collect(size_t key, const LintContext& context, const LintConfig& config);

  // Runs shellcheck and returns the findings by key, each list sorted by position; an Error
  // when shellcheck cannot be started or its output is not ShellCheck's json1.
  Result<std::map<size_t, std::vector<LintFinding>>> Run();

 private:
  struct File {
    const SourceFile* file = nullptr;
    std::vector<ShellcheckScript> scripts;
    std::vector<Pragma> pragmas;
    LintConfig config;
  };
  std::string binary_;
  std::mutex mutex_;  // Guards files_ while files are linted in parallel.
  std::map<size_t, File> files_;
};

}  // namespace drydock::lint

#endif  // DRYDOCK_LINT_SHELLCHECK_H_
