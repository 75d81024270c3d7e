// DD3005 pip-cache-kept: pip keeps every wheel it downloads in ~/.cache/pip; in a layer that
// is dead weight shipped with every pull (for CUDA wheels, gigabytes). hadolint's DL3042
// checks the flag; this rule also knows cache mounts at any path, uv, pip config and
// builder stages whose layers never ship.
#include "dockerfile/instructions.h"
#include "lint/command_facts.h"
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

using dockerfile::Instruction;
using dockerfile::Keyword;

bool Contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// Whether a cache or tmpfs mount of `in` holds the cache that `cache_dir_env` (if set) or the
// default directory ending in `default_suffix` names.
bool CacheMounted(const Instruction& in, const StageFacts& facts, std::string_view default_suffix,
                  const std::string& cache_dir_env) {
  auto dir = facts.env.find(cache_dir_env);
  for (const dockerfile::MountSpec& m : dockerfile::RunMounts(in)) {
    std::optional<std::string_view> type = m.Get("type");
    if (!type || (*type != "cache" && *type != "tmpfs")) continue;
    std::optional<std::string_view> target = m.Get("target");
    if (!target) target = m.Get("dst");
    if (!target) target = m.Get("destination");
    if (!target) continue;
    std::string t(*target);
    while (t.size() > 1 && t.back() == '/') t.pop_back();
    if (Contains(t, default_suffix) || t == "/root/.cache" || t == "~/.cache" ||
        t == "$HOME/.cache" || (dir != facts.env.end() && Contains(dir->second, t))) {
      return true;
    }
  }
  return false;
}

// Whether an earlier instruction of the stage configured pip without a cache.
bool ConfiguredOff(const LintContext& context, size_t index) {
  std::optional<size_t> stage = context.StageOf(index);
  for (size_t k = index; k-- > 0;) {
    if (context.StageOf(k) != stage) break;
    const Instruction& in = context.instructions()[k];
    if (in.keyword == Keyword::kRun) {
      for (const RunScript& run : context.Scripts(k)) {
        if (Contains(run.text, "no-cache-dir") &&
            (Contains(run.text, "pip config") || Contains(run.text, "pip.conf"))) {
          return true;
        }
      }
    }
    if ((in.keyword == Keyword::kCopy || in.keyword == Keyword::kAdd) && Contains(in.original, "pip.conf")) {
      return true;  // A pip.conf we cannot read: assume it configures the cache.
    }
  }
  return false;
}

class PipCacheKept final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    bool builder_stages = context.Option("builder-stages", "false") == "true";
    for (size_t i = 0; i < context.instructions().size(); ++i) {
      const Instruction& in = context.instructions()[i];
      if (in.keyword != Keyword::kRun) continue;
      std::optional<size_t> stage = context.StageOf(i);
      if (stage && !builder_stages && !context.StageShipped(*stage)) continue;
      bool configured = ConfiguredOff(context, i);
      context.ForEachCommand(i, [&](const RunScript& run, const ShellCommand& command,
                                    const StageFacts& facts) {
        std::optional<PipInstall> pip = ParsePipInstall(command);
        if (!pip || configured) return;
        std::string env_name = pip->uv ? "UV_NO_CACHE" : "PIP_NO_CACHE_DIR";
        if (facts.env.count(env_name) && !facts.env.at(env_name).empty()) return;
        for (const ShellWord& a : command.assignments) {
          if (a.value.rfind(env_name + "=", 0) == 0) return;
        }
        if (pip->uv) {
          if (pip->HasFlag("--no-cache") || pip->HasFlag("-n")) return;
          if (CacheMounted(in, facts, ".cache/uv", "UV_CACHE_DIR")) return;
        } else {
          if (pip->HasFlagPrefix("--no-cache-dir", 9)) return;  // "--no-cache" and longer.
          if (CacheMounted(in, facts, ".cache/pip", "PIP_CACHE_DIR")) return;
        }
        context.Report(context.CommandSpan(run, command),
                       pip->uv ? "uv pip install keeps its cache in the layer: add --no-cache, "
                                 "or mount a cache (RUN --mount=type=cache,target=/root/.cache/uv)"
                               : "pip install keeps its download cache in the layer: add "
                                 "--no-cache-dir, or mount a cache (RUN "
                                 "--mount=type=cache,target=/root/.cache/pip)");
      });
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakePipCacheKept() { return std::make_unique<PipCacheKept>(); }

}  // namespace drydock::lint
