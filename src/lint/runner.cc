#include "lint/runner.h"

#include <algorithm>

#include "dockerfile/parser.h"
#include "dockerfile/stage_table.h"
#include "lint/registry.h"
#include "lint/shellcheck.h"
#include "lint/suppressions.h"
#include "base/strings.h"

namespace drydock::lint {

namespace {

const RuleInfo& UselessSuppressionRule() {
  const RuleInfo* rule = FindRule("DD0002");
  DD_CHECK(rule != nullptr);
  return *rule;
}

bool Enabled(const RuleInfo& rule, const LintRequest& request) {
  if (request.config.ignored.empty() && request.only_rules.empty()) return true;
  std::string id(rule.id);
  if (request.config.ignored.count(id)) return false;
  return request.only_rules.empty() || request.only_rules.count(id) > 0;
}

std::string JoinSet(const std::set<std::string>& items, size_t limit) {
  std::string out;
  size_t n = 0;
  for (const std::string& s : items) {
    if (n == limit) return out + ", ... (" + std::to_string(items.size()) + " in all)";
    out += (n++ ? ", " : "") + s;
  }
  return out.empty() ? "(none)" : out;
}

// The ledger facts in force where `finding` points, for --explain.
std::string DescribeFacts(const SourceFile& file, const dockerfile::Dockerfile& df,
                          const Ledger& ledger, const LintFinding& finding) {
  uint32_t line = file.Locate(finding.span.begin).line;
  size_t index = df.instructions.size();
  for (size_t i = 0; i < df.instructions.size(); ++i) {
    if (df.instructions[i].start_line <= line) index = i;
  }
  if (index == df.instructions.size()) return finding.explain;
  const StageFacts& f = ledger.Before(index);
  std::vector<std::string> venvs = f.venvs;
  std::string text = finding.explain.empty() ? "" : finding.explain + "\n";
  text += "facts before line " + std::to_string(df.instructions[index].start_line) + ": base " +
          (f.base.empty() ? "(none)" : f.base) + (f.base_known ? " (known" : " (unknown") +
          (f.distro.empty() ? "" : ", " + f.distro) + ")" +
          "; user " + (f.user.empty() ? "?" : f.user) + "; workdir " + f.workdir +
          "\npackages installed: " + JoinSet(f.packages.Items(), 30) +
          "\nvenvs: " + (venvs.empty() ? "(none)" : Join(venvs, ", ")) +
          (f.commands_open ? "\ncommands: open (something installed unknown commands)" : "");
  return text;
}

}  // namespace

std::vector<LintFinding> LintDockerfile(const SourceFile& file, const LintRequest& request) {
  dockerfile::Dockerfile df = dockerfile::Parse(file);
  dockerfile::StageTable stages = dockerfile::BuildStageTable(df, request.build_args);
  const BaseFacts& bases = request.bases ? *request.bases : BuiltinBaseFacts();
  // The context splits the RUN scripts once; the ledger then walks those same scripts.
  Ledger ledger;
  LintContext context(file, df, stages, ledger, request.build_context, &request.config.options);
  std::vector<std::vector<const ShellScript*>> parsed = context.ParsedScripts();
  ledger = BuildLedger(df, stages, bases, &parsed);

  std::vector<Finding> raw;
  for (const RuleInfo& rule : AllRules()) {
    if (!Enabled(rule, request)) continue;
    context.BeginRule(&rule);
    rule.make()->Check(context);
    std::vector<Finding> found = context.TakeFindings();
    raw.insert(raw.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }

  if (request.shellcheck) request.shellcheck->Collect(request.shellcheck_key, context, request.config);

  std::vector<Pragma> pragmas = ParsePragmas(file, df);
  std::vector<LintFinding> out;
  for (Finding& f : raw) {
    uint32_t line = file.Locate(f.span.begin).line;
    bool suppressed = false;
    for (Pragma& p : pragmas) {
      if (line < p.first_line || line > p.last_line) continue;
      for (size_t k = 0; k < p.rule_ids.size(); ++k) {
        if (p.rule_ids[k] == f.rule->id) {
          p.used[k] = true;
          suppressed = true;
        }
      }
    }
    if (suppressed) continue;
    out.push_back(LintFinding{f.rule, f.severity, f.span, std::move(f.message), std::move(f.explain)});
  }
  // A suppression of a rule that ran and found nothing there is stale.
  const RuleInfo& useless = UselessSuppressionRule();
  if (Enabled(useless, request)) {
    for (const Pragma& p : pragmas) {
      for (size_t k = 0; k < p.rule_ids.size(); ++k) {
        const RuleInfo* rule = FindRule(p.rule_ids[k]);
        if (p.used[k] || !rule || !Enabled(*rule, request)) continue;
        out.push_back(LintFinding{&useless, useless.severity, p.span,
                                  "suppression of " + p.rule_ids[k] + " " + std::string(rule->slug) +
                                      " suppresses nothing: remove it",
                                  ""});
      }
    }
  }
  for (LintFinding& f : out) {
    if (request.explain) f.explain = DescribeFacts(file, df, ledger, f);
    auto it = request.config.severity_override.find(std::string(f.rule->id));
    if (it != request.config.severity_override.end()) f.severity = it->second;
  }
  std::stable_sort(out.begin(), out.end(), [](const LintFinding& a, const LintFinding& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    return a.rule->id < b.rule->id;
  });
  return out;
}

Diagnostic ToDiagnostic(const SourceFile& file, const LintFinding& f) {
  return Diagnostic{f.severity, f.message, &file, f.span,
                    std::string(f.rule->id) + " " + std::string(f.rule->slug)};
}

}  // namespace drydock::lint
