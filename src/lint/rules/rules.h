// Factories of every lint rule, one per src/lint/rules/<slug>.cc; registry.cc lists them.
#ifndef DRYDOCK_LINT_RULES_RULES_H_
#define DRYDOCK_LINT_RULES_RULES_H_

#include <memory>

#include "lint/rule.h"

namespace drydock::lint {

std::unique_ptr<Rule> MakeAddInsteadOfCopy();
std::unique_ptr<Rule> MakeAptInstallWithoutYes();
std::unique_ptr<Rule> MakeBadStageName();
std::unique_ptr<Rule> MakeCommandNotInstalled();
std::unique_ptr<Rule> MakeContextJunkCopied();
std::unique_ptr<Rule> MakeCopyDestNotDirectory();
std::unique_ptr<Rule> MakeCopyFromBadStage();
std::unique_ptr<Rule> MakeCopySourceNotInContext();
std::unique_ptr<Rule> MakeCurlPipeShell();
std::unique_ptr<Rule> MakeFromLatest();
std::unique_ptr<Rule> MakeFromUndefinedArg();
std::unique_ptr<Rule> MakeFromWithoutTag();
std::unique_ptr<Rule> MakeGetPipBootstrap();
std::unique_ptr<Rule> MakeMissingDockerignore();
std::unique_ptr<Rule> MakeMultipleCmd();
std::unique_ptr<Rule> MakeParseError();
std::unique_ptr<Rule> MakePipCacheKept();
std::unique_ptr<Rule> MakePipExternallyManaged();
std::unique_ptr<Rule> MakePipeWithoutPipefail();
std::unique_ptr<Rule> MakePythonNotProvided();
std::unique_ptr<Rule> MakeShellFormEntrypoint();
std::unique_ptr<Rule> MakeSudoInRun();
std::unique_ptr<Rule> MakeUselessSuppression();
std::unique_ptr<Rule> MakeVcsRequirementUnpinned();
std::unique_ptr<Rule> MakeVenvWithoutEnsurepip();
std::unique_ptr<Rule> MakeCopyAllBeforeInstall();
std::unique_ptr<Rule> MakeAptUpdateSeparate();
std::unique_ptr<Rule> MakeAptListsNotCleaned();
std::unique_ptr<Rule> MakeFinalUserRoot();
std::unique_ptr<Rule> MakeDuplicatePackageInstall();
std::unique_ptr<Rule> MakeEnvUnreachableAfterUser();

}  // namespace drydock::lint

#endif  // DRYDOCK_LINT_RULES_RULES_H_
