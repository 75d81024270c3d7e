#include "lint/registry.h"

#include <algorithm>

#include "base/strings.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

const std::vector<RuleInfo>& AllRules() {
  // One line per rule, sorted by ID.
  static const std::vector<RuleInfo> rules = {
      {"DD0001", "parse-error", Severity::kError, "the Dockerfile cannot be parsed as BuildKit parses it", MakeParseError},
      {"DD0002", "useless-suppression", Severity::kWarning, "a suppression pragma names an unknown rule or suppresses nothing", MakeUselessSuppression},
      {"DD1001", "from-without-tag", Severity::kWarning, "FROM names an image without a tag or digest", MakeFromWithoutTag},
      {"DD1002", "from-latest", Severity::kWarning, "FROM uses the mutable `latest` tag", MakeFromLatest},
      {"DD1005", "from-undefined-arg", Severity::kError, "FROM uses an ARG that is not declared before the first FROM, or expands to nothing", MakeFromUndefinedArg},
      {"DD1006", "bad-stage-name", Severity::kError, "stage name is duplicated, reserved or not lower-case", MakeBadStageName},
      {"DD1007", "copy-from-bad-stage", Severity::kError, "COPY --from names its own stage, a later stage or a stage index that does not exist", MakeCopyFromBadStage},
      {"DD2001", "apt-install-without-yes", Severity::kError, "apt-get install without -y (or `apt` in a script) stops at the prompt", MakeAptInstallWithoutYes},
      {"DD2002", "apt-update-separate", Severity::kWarning, "apt-get update in a different RUN than the install that needs it", MakeAptUpdateSeparate},
      {"DD2003", "apt-lists-not-cleaned", Severity::kInfo, "apt lists left in the layer and no cache mount", MakeAptListsNotCleaned},
      {"DD2005", "duplicate-package-install", Severity::kInfo, "a package installed again in a later RUN of the stage chain", MakeDuplicatePackageInstall},
      {"DD2006", "command-not-installed", Severity::kError, "a command is used that neither the base image nor an earlier install provides", MakeCommandNotInstalled},
      {"DD3001", "venv-without-ensurepip", Severity::kError, "python3 -m venv / ensurepip on Debian/Ubuntu Python without the venv package", MakeVenvWithoutEnsurepip},
      {"DD3002", "pip-externally-managed", Severity::kError, "pip install into an externally-managed (PEP 668) Python outside a venv", MakePipExternallyManaged},
      {"DD3003", "get-pip-bootstrap", Severity::kWarning, "get-pip.py downloaded and executed", MakeGetPipBootstrap},
      {"DD3004", "python-not-provided", Severity::kError, "bare python or pip used where only python3 is provided", MakePythonNotProvided},
      {"DD3005", "pip-cache-kept", Severity::kWarning, "pip install keeps its download cache in the layer", MakePipCacheKept},
      {"DD3006", "vcs-requirement-unpinned", Severity::kWarning, "a VCS or archive requirement is not pinned to a full commit id", MakeVcsRequirementUnpinned},
      {"DD4001", "pipe-without-pipefail", Severity::kWarning, "a pipe in RUN hides the failure of its first command (no pipefail)", MakePipeWithoutPipefail},
      {"DD4002", "curl-pipe-shell", Severity::kWarning, "downloaded script piped into a shell without a checksum", MakeCurlPipeShell},
      {"DD4004", "sudo-in-run", Severity::kError, "sudo in RUN", MakeSudoInRun},
      {"DD5001", "copy-all-before-install", Severity::kWarning, "broad COPY before a dependency install busts the install's cache on every change", MakeCopyAllBeforeInstall},
      {"DD5002", "add-instead-of-copy", Severity::kError, "ADD for plain local files, or a remote ADD without --checksum", MakeAddInsteadOfCopy},
      {"DD5003", "copy-dest-not-directory", Severity::kError, "several sources copied to a destination that does not end in /", MakeCopyDestNotDirectory},
      {"DD6001", "final-user-root", Severity::kWarning, "the final stage runs as root", MakeFinalUserRoot},
      {"DD6002", "env-unreachable-after-user", Severity::kWarning, "a venv or --user install under root's home is used after switching to another USER", MakeEnvUnreachableAfterUser},
      {"DD7001", "shell-form-entrypoint", Severity::kWarning, "CMD or ENTRYPOINT in shell form: signals do not reach the process", MakeShellFormEntrypoint},
      {"DD7002", "multiple-cmd", Severity::kWarning, "more than one CMD, ENTRYPOINT or HEALTHCHECK in a stage: only the last counts", MakeMultipleCmd},
      {"DD8001", "missing-dockerignore", Severity::kWarning, "COPY of the whole build context and no .dockerignore", MakeMissingDockerignore},
      {"DD8002", "context-junk-copied", Severity::kWarning, "junk in the build context (.git, venvs, caches, archives, secrets) taken into the image by a COPY", MakeContextJunkCopied},
      {"DD8003", "copy-source-not-in-context", Severity::kError, "a COPY/ADD source is excluded by the ignore file, missing from the build context, or outside it", MakeCopySourceNotInContext},
  };
  return rules;
}

const RuleInfo* FindRule(std::string_view id_or_slug) {
  for (const RuleInfo& r : AllRules()) {
    if (r.id == id_or_slug || r.slug == id_or_slug) return &r;
  }
  return nullptr;
}

std::string SuggestRule(std::string_view word) {
  std::vector<std::string> names;
  for (const RuleInfo& r : AllRules()) {
    names.emplace_back(r.id);
    names.emplace_back(r.slug);
  }
  return SuggestClosest(word, names);
}

}  // namespace drydock::lint
