#include "lint/lint_context.h"

#include <algorithm>

#include "lint/run_scripts.h"

namespace drydock::lint {

LintContext::LintContext(const SourceFile& file, const dockerfile::Dockerfile& dockerfile,
                         const dockerfile::StageTable& stages, const Ledger& ledger,
                         const BuildContext* build_context,
                         const std::map<std::string, std::map<std::string, std::string>>* options)
    : file_(file),
      dockerfile_(dockerfile),
      stages_(stages),
      ledger_(ledger),
      build_context_(build_context),
      options_(options) {
  // Scripts are split once per file; every rule reads them.
  scripts_.resize(dockerfile.instructions.size());
  stage_of_.resize(dockerfile.instructions.size());
  std::optional<size_t> stage;
  size_t next_stage = 0;
  for (size_t i = 0; i < dockerfile.instructions.size(); ++i) {
    const dockerfile::Instruction& in = dockerfile.instructions[i];
    if (in.keyword == dockerfile::Keyword::kFrom) stage = next_stage++;
    stage_of_[i] = stage;
    std::vector<RunScriptSource> sources = RunScriptSources(in);
    // ShellWord::raw views into RunScript::text: size the vector first, then parse each text
    // where it will stay.
    scripts_[i].resize(sources.size());
    for (size_t k = 0; k < sources.size(); ++k) {
      RunScript& script = scripts_[i][k];
      script.text = std::move(sources[k].text);
      script.from_heredoc = sources[k].from_heredoc;
      script.span = sources[k].span;
      script.script = ParseShellScript(script.text);
    }
  }
}

bool ContextFacts::Sent(const std::string& path) const { return sent_paths.count(path) > 0; }
bool ContextFacts::Present(const std::string& path) const { return all_paths.count(path) > 0; }

const ContextFacts* LintContext::Context() const {
  if (!build_context_ || !build_context_->fs) return nullptr;
  if (context_facts_) return &*context_facts_;
  ContextFacts& facts = context_facts_.emplace();
  const FileSystem& fs = *build_context_->fs;
  const std::string& dir = build_context_->directory;
  std::string dockerfile = build_context_->dockerfile.empty() ? "Dockerfile" : build_context_->dockerfile;
  if (dockerfile.rfind(dir + "/", 0) == 0) dockerfile = dockerfile.substr(dir.size() + 1);
  Result<buildcontext::BuildContext> sent =
      buildcontext::ComputeBuildContext(fs, dir, dockerfile, buildcontext::Walker::kBuildKit);
  if (!sent.ok()) {
    facts.error = sent.error().message;
    return &facts;
  }
  facts.sent = std::move(*sent);
  if (!facts.sent.ignore_file && !facts.sent.walk.failure) {
    facts.all = facts.sent.walk.entries;  // Nothing excluded: the walk is the whole directory.
  } else {
    Result<buildcontext::ContextWalk> all = buildcontext::WalkContext(fs, dir, {}, buildcontext::Walker::kBuildKit);
    if (!all.ok()) {
      facts.error = all.error().message;
      return &facts;
    }
    facts.all = std::move(all->entries);
  }
  for (const buildcontext::ContextEntry& e : facts.sent.context) facts.sent_paths.insert(e.path);
  for (const buildcontext::ContextEntry& e : facts.all) facts.all_paths.insert(e.path);
  return &facts;
}

const std::vector<SharedFacts>& LintContext::FactsBeforeCommands(size_t index) const {
  size_t commands = 0;
  for (const RunScript& run : Scripts(index)) commands += run.script.commands.size();
  const std::vector<SharedFacts>& recorded = ledger_.BeforeCommands(index);
  if (recorded.size() == commands) return recorded;
  // A ledger built from other scripts than these (never in LintDockerfile): replay.
  if (command_facts_.empty()) command_facts_.resize(dockerfile_.instructions.size());
  std::optional<std::vector<SharedFacts>>& cached = command_facts_[index];
  if (!cached) {
    cached.emplace();
    auto facts = std::make_shared<StageFacts>(ledger_.Before(index));
    for (const RunScript& run : Scripts(index)) {
      for (const ShellCommand& command : run.script.commands) {
        cached->push_back(facts);
        ApplyShellCommand(facts, command);
      }
    }
  }
  return *cached;
}

std::vector<std::vector<const ShellScript*>> LintContext::ParsedScripts() const {
  std::vector<std::vector<const ShellScript*>> out(scripts_.size());
  for (size_t i = 0; i < scripts_.size(); ++i) {
    for (const RunScript& run : scripts_[i]) out[i].push_back(&run.script);
  }
  return out;
}

size_t LintContext::IndexOf(const dockerfile::Instruction& instruction) const {
  return static_cast<size_t>(&instruction - dockerfile_.instructions.data());
}

std::optional<size_t> LintContext::StageOf(size_t index) const { return stage_of_[index]; }

bool LintContext::StageShipped(size_t stage) const {
  if (stages_.stages.empty()) return false;
  size_t at = stages_.stages.size() - 1;
  // Walk the final stage's FROM chain; stage references only point backwards.
  for (size_t guard = 0; guard <= stages_.stages.size(); ++guard) {
    if (at == stage) return true;
    const dockerfile::StageRef& base = stages_.stages[at].base;
    if (base.kind != dockerfile::StageRef::Kind::kStage || !base.stage || *base.stage >= at) return false;
    at = *base.stage;
  }
  return false;
}

const std::vector<RunScript>& LintContext::Scripts(size_t index) const { return scripts_[index]; }

std::string LintContext::Option(const std::string& key, const std::string& fallback) const {
  if (!options_ || !current_) return fallback;
  auto rule = options_->find(std::string(current_->id));
  if (rule == options_->end()) return fallback;
  auto it = rule->second.find(key);
  return it == rule->second.end() ? fallback : it->second;
}

Span LintContext::ScriptSpan(const RunScript& run, uint32_t begin, uint32_t end) const {
  std::string_view source = file_.text().substr(run.span.begin, run.span.size());
  begin = std::min<uint32_t>(begin, static_cast<uint32_t>(run.text.size()));
  end = std::max(begin, std::min<uint32_t>(end, static_cast<uint32_t>(run.text.size())));
  if (source == run.text) return Span{run.span.begin + begin, run.span.begin + end};
  // Continuation lines make the script shorter than its source. Find the command's first
  // bytes in the source, at or after the position the same fraction of the way in.
  std::string_view needle = std::string_view(run.text).substr(begin, std::min<uint32_t>(end - begin, 24));
  size_t estimate = run.text.empty() ? 0 : source.size() * begin / run.text.size();
  size_t at = needle.empty() ? std::string_view::npos : source.find(needle, estimate > 64 ? estimate - 64 : 0);
  if (at == std::string_view::npos && !needle.empty()) at = source.find(needle);
  if (at == std::string_view::npos) return Span{run.span.begin, run.span.begin};
  uint32_t b = run.span.begin + static_cast<uint32_t>(at);
  return Span{b, b + static_cast<uint32_t>(needle.size())};
}

void LintContext::Report(Span span, std::string message, std::string explain) const {
  findings_.push_back(Finding{current_, current_ ? current_->severity : Severity::kWarning, span,
                              std::move(message), std::move(explain)});
}

void LintContext::Report(Span span, Severity severity, std::string message,
                         std::string explain) const {
  findings_.push_back(Finding{current_, severity, span, std::move(message), std::move(explain)});
}

}  // namespace drydock::lint
