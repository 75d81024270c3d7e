// DD1005 from-undefined-arg: FROM is expanded only with the ARGs declared before the first
// FROM (and BuildKit's platform ARGs). An ARG declared inside a stage, or not at all, expands
// to nothing there, and an ARG without a default (and no --build-arg) leaves an empty or
// malformed image name; either way the build fails or pulls something unintended.
// BuildKit's UndefinedArgInFrom and InvalidDefaultArgInFrom.
#include <set>

#include "base/strings.h"
#include "lint/lint_context.h"
#include "lint/rules/from_image.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// A repository path component: lower-case alphanumerics joined by '.', '_', '__' or '-'s.
bool ValidComponent(std::string_view c) {
  if (c.empty() || !IsLowerAlnum(c.front()) || !IsLowerAlnum(c.back())) return false;
  return std::all_of(c.begin(), c.end(),
                     [](char ch) { return IsLowerAlnum(ch) || ch == '.' || ch == '_' || ch == '-'; });
}

// The distribution reference grammar, loosely: enough to catch what an empty ARG leaves
// behind ("debian:", "/app", "ghcr.io//app", "Name").
bool ValidReference(std::string_view text) {
  ImageRef ref = SplitImageRef(text);
  if (ref.digest && (ref.digest->find(':') == std::string::npos || ref.digest->back() == ':')) {
    return false;
  }
  if (ref.tag) {
    if (ref.tag->empty() || ref.tag->size() > 128 || ref.tag->front() == '.' || ref.tag->front() == '-') {
      return false;
    }
    for (char c : *ref.tag) {
      if (!(IsLowerAlnum(c) || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == '-')) return false;
    }
  }
  std::string_view name = ref.name;
  if (name.empty()) return false;
  size_t slash = name.find('/');
  if (slash != std::string_view::npos) {
    std::string_view first = name.substr(0, slash);
    // A first component with '.' or ':' or "localhost" is a registry host.
    if (first.find('.') != std::string_view::npos || first.find(':') != std::string_view::npos ||
        first == "localhost") {
      if (first.empty() || first.front() == ':' || first.back() == ':') return false;
      name = name.substr(slash + 1);
    }
  }
  size_t start = 0;
  while (true) {
    size_t end = name.find('/', start);
    if (!ValidComponent(name.substr(start, end == std::string_view::npos ? end : end - start))) {
      return false;
    }
    if (end == std::string_view::npos) return true;
    start = end + 1;
  }
}

// Where an ARG of this name is declared inside a stage, for the hint; 0 when nowhere.
uint32_t StageArgLine(const LintContext& context, const std::string& name) {
  for (const dockerfile::Stage& stage : context.stages().stages) {
    for (const dockerfile::Instruction* in : stage.instructions) {
      if (in->keyword != dockerfile::Keyword::kArg) continue;
      for (const dockerfile::ArgDecl& arg : dockerfile::ArgDecls(*in)) {
        if (arg.name == name) return in->start_line;
      }
    }
  }
  return 0;
}

class FromUndefinedArg final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    dockerfile::ExpansionEnv env = GlobalArgDefaults(context);
    std::set<std::string> declared;
    std::vector<std::string> known;
    for (const dockerfile::ArgDecl& arg : context.stages().global_args) {
      declared.insert(arg.name);
      known.push_back(arg.name);
    }
    // Platform ARGs are defined by the builder; a placeholder keeps them from counting as
    // unmatched without claiming a value.
    for (std::string name : {"BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT", "TARGETPLATFORM",
                             "TARGETOS", "TARGETARCH", "TARGETVARIANT", "TARGETSTAGE"}) {
      if (!env.Get(name)) env.Set(name, "builtin");
      known.push_back(name);
    }
    dockerfile::ExpandOptions options = FileExpandOptions(context);
    for (const dockerfile::Stage& stage : context.stages().stages) {
      std::optional<dockerfile::FromArgs> from = stage.from ? dockerfile::AsFrom(*stage.from) : std::nullopt;
      if (!from) continue;
      bool undefined = false;
      std::vector<std::pair<std::string, Span>> words = {{from->image->value, from->image->span}};
      if (const dockerfile::Flag* platform = dockerfile::FindFlag(*stage.from, "platform")) {
        if (platform->value()) words.push_back({std::string(*platform->value()), platform->span});
      }
      for (const auto& [word, span] : words) {
        auto expanded = dockerfile::ExpandWord(word, env, options);
        if (!expanded.ok()) continue;  // DD0001 reports expansion errors.
        for (const std::string& name : expanded->unmatched) {
          if (declared.count(name)) continue;
          undefined = true;
          std::string message = "FROM uses $" + name + ", but no ARG " + name +
                                " is declared before the first FROM, so it expands to nothing";
          if (uint32_t line = StageArgLine(context, name)) {
            message += " (the ARG on line " + std::to_string(line) +
                       " is inside a stage, where FROM cannot see it)";
          } else if (std::string close = SuggestClosest(name, known); !close.empty()) {
            message += " (did you mean $" + close + "?)";
          }
          context.Report(span, message + "; declare ARG " + name + "=<default> above the first FROM");
        }
      }
      if (undefined) continue;
      CheckValue(context, stage, *from, env, declared);
    }
  }

 private:
  // A FROM built from declared ARGs whose values (defaults or --build-arg) leave no valid name.
  static void CheckValue(const LintContext& context, const dockerfile::Stage& stage,
                         const dockerfile::FromArgs& from, const dockerfile::ExpansionEnv& env,
                         const std::set<std::string>& declared) {
    auto expanded = dockerfile::ExpandWord(from.image->value, env, FileExpandOptions(context));
    if (!expanded.ok() || (expanded->matched.empty() && expanded->unmatched.empty())) return;
    // The builder's platform ARGs have values only at build time.
    for (const std::string& name : expanded->matched) {
      if (IsBuiltinPlatformArg(name) && !declared.count(name)) return;
    }
    // The stage table expanded with --build-arg values; an expansion error leaves it empty
    // too, but that case was skipped above.
    const std::string& value = stage.base.text;
    if (!value.empty() && ValidReference(value)) return;
    std::vector<std::string> empty;
    for (const std::string& name : expanded->unmatched) {
      if (declared.count(name)) empty.push_back(name);
    }
    for (const std::string& name : expanded->matched) {
      if (auto v = env.Get(name); v && v->empty()) empty.push_back(name);
    }
    std::string cause = empty.empty()
                            ? ""
                            : " because ARG " + Join(empty, ", ARG ") +
                                  (empty.size() == 1 ? " has" : " have") + " no value";
    std::string fix = empty.empty() ? "fix the ARG defaults"
                                    : "give ARG " + empty.front() + " a default (ARG " +
                                          empty.front() + "=...) or pass --build-arg " +
                                          empty.front() + "=...";
    if (value.empty()) {
      context.Report(from.image->span,
                     "FROM " + from.image->value + " expands to nothing" + cause + "; " + fix);
    } else {
      context.Report(from.image->span, "FROM " + from.image->value + " expands to \"" + value +
                                           "\", which is not a valid image reference" + cause +
                                           "; " + fix);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeFromUndefinedArg() { return std::make_unique<FromUndefinedArg>(); }

}  // namespace drydock::lint
