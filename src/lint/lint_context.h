// What a rule sees: the parsed file, its stage table, the ledger, the RUN scripts already
// split into commands, the build context (when known) and the rule's options. Rules report
// through Report(); the runner applies suppressions and severity overrides afterwards.
#ifndef DRYDOCK_LINT_LINT_CONTEXT_H_
#define DRYDOCK_LINT_LINT_CONTEXT_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "buildcontext/context_walker.h"
#include "dockerfile/ast.h"
#include "dockerfile/stage_table.h"
#include "lint/ledger.h"
#include "lint/rule.h"
#include "lint/shell_script.h"

namespace drydock::lint {

// One shell script a RUN executes: the shell-form command, or one heredoc body.
struct RunScript {
  std::string text;
  ShellScript script;
  bool from_heredoc = false;
  Span span;  // Where the script's text is in the Dockerfile (approximate across continuations).
};

// The build context a Dockerfile is built with, for DD8xxx rules.
struct BuildContext {
  std::string directory;       // Absolute.
  std::string dockerfile;      // Absolute path of the Dockerfile.
  const FileSystem* fs = nullptr;
  // The directory is a guess (the Dockerfile's own directory, not given with --context or by
  // a project file): DD8003 then reports a missing source only when another source of the
  // file is present, the evidence that the guess is right.
  bool guessed = false;
};

// What DD8xxx rules read about the build context, computed once per file on first use.
struct ContextFacts {
  // What BuildKit sends (ignore file found beside the Dockerfile or in the context, Docker's
  // exact pattern semantics). `sent.walk.failure` is set when the ignore file breaks the build.
  buildcontext::BuildContext sent;
  // Every entry of the context directory, nothing excluded: tells "excluded by the ignore
  // file" apart from "not there at all".
  std::vector<buildcontext::ContextEntry> all;
  std::string error;  // Set when the context cannot be read; rules then stay silent.
  // Whether `path` (context-relative, cleaned) is in `sent.context` / in `all`.
  bool Sent(const std::string& path) const;
  bool Present(const std::string& path) const;
  std::set<std::string> sent_paths, all_paths;  // The paths of `sent.context` and `all`.
};

// A finding before suppressions and overrides: which rule, where, what.
struct Finding {
  const RuleInfo* rule = nullptr;
  Severity severity = Severity::kWarning;
  Span span;
  std::string message;
  std::string explain;  // Facts behind the finding, for --explain.
};

class LintContext {
 public:
  LintContext(const SourceFile& file, const dockerfile::Dockerfile& dockerfile,
              const dockerfile::StageTable& stages, const Ledger& ledger,
              const BuildContext* build_context,
              const std::map<std::string, std::map<std::string, std::string>>* options);
  // Scripts hold views into their own texts: a context stays where it was built.
  LintContext(const LintContext&) = delete;
  LintContext& operator=(const LintContext&) = delete;

  const SourceFile& file() const { return file_; }
  const dockerfile::Dockerfile& dockerfile() const { return dockerfile_; }
  const std::vector<dockerfile::Instruction>& instructions() const { return dockerfile_.instructions; }
  const dockerfile::StageTable& stages() const { return stages_; }
  const Ledger& ledger() const { return ledger_; }
  const BuildContext* build_context() const { return build_context_; }
  // The walked build context; null when the file has no build context. Walks on first call.
  const ContextFacts* Context() const;

  // Index of `instruction` in instructions(), and the stage it belongs to (nullopt before
  // the first FROM).
  size_t IndexOf(const dockerfile::Instruction& instruction) const;
  std::optional<size_t> StageOf(size_t instruction_index) const;
  // Whether stage `stage` ends up in the built image: it is the last stage or an ancestor
  // (through FROM) of it. A stage used only as a COPY --from source does not ship its layers.
  bool StageShipped(size_t stage) const;
  // The scripts a RUN executes (shell form and heredoc bodies; none for exec form).
  const std::vector<RunScript>& Scripts(size_t instruction_index) const;
  // Calls visit(run_script, command, facts) for every command the RUN at `instruction_index`
  // executes, in order, with the facts in force just before that command: what an earlier
  // command of the same RUN installed counts ("apt-get install -y curl && curl ...").
  template <typename Visit>
  void ForEachCommand(size_t instruction_index, Visit&& visit) const {
    const std::vector<SharedFacts>& before = FactsBeforeCommands(instruction_index);
    size_t k = 0;
    for (const RunScript& run : Scripts(instruction_index)) {
      for (const ShellCommand& command : run.script.commands) visit(run, command, *before[k++]);
    }
  }
  // The facts before each command of the RUN at `instruction_index`, in ForEachCommand's
  // order; replayed once per file and shared by every rule.
  const std::vector<SharedFacts>& FactsBeforeCommands(size_t instruction_index) const;
  // Every instruction's parsed RUN scripts, for BuildLedger (so scripts are parsed once).
  std::vector<std::vector<const ShellScript*>> ParsedScripts() const;
  // An option of the running rule from the config (`lint: options: DD3005: {key: value}`),
  // or `fallback`.
  std::string Option(const std::string& key, const std::string& fallback) const;

  // The Dockerfile bytes of script bytes [begin, end) of `script` (exact for heredoc bodies
  // and single-line commands, best effort across continuation lines).
  Span ScriptSpan(const RunScript& script, uint32_t begin, uint32_t end) const;
  Span CommandSpan(const RunScript& script, const ShellCommand& command) const {
    return ScriptSpan(script, command.begin, command.end);
  }

  // Reports a finding of the rule being run, at `span`.
  void Report(Span span, std::string message, std::string explain = "") const;
  // The same at another severity than the rule's default, for rules whose cases differ in
  // weight (a tag-pinned requirement is info, a branch-pinned one a warning).
  void Report(Span span, Severity severity, std::string message, std::string explain = "") const;

  // For the runner.
  void BeginRule(const RuleInfo* rule) { current_ = rule; }
  std::vector<Finding> TakeFindings() { return std::move(findings_); }

 private:
  const SourceFile& file_;
  const dockerfile::Dockerfile& dockerfile_;
  const dockerfile::StageTable& stages_;
  const Ledger& ledger_;
  const BuildContext* build_context_;
  const std::map<std::string, std::map<std::string, std::string>>* options_;  // By rule ID.
  std::vector<std::vector<RunScript>> scripts_;
  std::vector<std::optional<size_t>> stage_of_;
  const RuleInfo* current_ = nullptr;
  mutable std::optional<ContextFacts> context_facts_;
  mutable std::vector<std::optional<std::vector<SharedFacts>>> command_facts_;
  mutable std::vector<Finding> findings_;
};

}  // namespace drydock::lint

#endif  // DRYDOCK_LINT_LINT_CONTEXT_H_
