#include "lint/config.h"

#include "base/strings.h"
#include "lint/registry.h"
#include "lint/suppressions.h"
#include "project/yaml_document.h"

namespace drydock::lint {

namespace {

using project::YamlNode;

Span SpanAt(const SourceFile& file, const YamlNode& node) {
  uint32_t offset = file.LineStart(node.line) + (node.column ? node.column - 1 : 0);
  return Span{offset, offset + static_cast<uint32_t>(node.scalar.size())};
}

// A rule code as users may write it: DD ID, slug, or a peer code with a DD equivalent.
std::string ResolveCode(const std::string& code) {
  if (const RuleInfo* rule = FindRule(code)) return std::string(rule->id);
  return std::string(PeerCodeToRule(code));
}

}  // namespace

std::optional<Severity> ParseSeverity(const std::string& name, bool* ok) {
  *ok = true;
  if (name == "error") return Severity::kError;
  if (name == "warning") return Severity::kWarning;
  if (name == "info") return Severity::kInfo;
  if (name == "none") return std::nullopt;
  *ok = false;
  return std::nullopt;
}

Result<LintConfig> ParseLintConfig(const SourceFile& file, DiagSink& sink) {
  Result<YamlNode> doc = project::ParseYamlDocument(file);
  if (!doc.ok()) return MakeError(file.path() + ": " + doc.error().message);
  LintConfig config;
  const YamlNode* lint = doc->IsMapping() ? doc->Find("lint") : nullptr;
  if (!lint || lint->IsNull()) return config;
  if (!lint->IsMapping()) {
    sink.Error(&file, SpanAt(file, *lint), "lint: must be a mapping");
    return config;
  }
  auto rule_list = [&](const YamlNode& node, auto&& add) {
    std::vector<const YamlNode*> items;
    if (node.IsSequence()) {
      for (const YamlNode& item : node.items) items.push_back(&item);
    } else if (node.IsScalar()) {
      items.push_back(&node);
    }
    for (const YamlNode* item : items) {
      std::string id = ResolveCode(item->scalar);
      if (id.empty()) {
        std::string suggestion = SuggestRule(item->scalar);
        sink.Error(&file, SpanAt(file, *item),
                   "unknown rule " + item->scalar +
                       (suggestion.empty() ? "" : " (did you mean " + suggestion + "?)"));
        continue;
      }
      add(id);
    }
  };
  static const std::vector<std::string> kKeys = {"ignored", "override", "failure-threshold",
                                                 "options", "allowed-registries"};
  for (const auto& [key, value] : lint->entries) {
    const std::string& k = key.scalar;
    if (k == "ignored") {
      rule_list(value, [&](const std::string& id) { config.ignored.insert(id); });
    } else if (k == "override") {
      for (const auto& [severity, rules] : value.entries) {
        bool ok;
        std::optional<Severity> s = ParseSeverity(severity.scalar, &ok);
        if (!ok || !s) {
          sink.Error(&file, SpanAt(file, severity),
                     "unknown severity " + severity.scalar + " (use error, warning or info)");
          continue;
        }
        rule_list(rules, [&](const std::string& id) { config.severity_override[id] = *s; });
      }
    } else if (k == "failure-threshold") {
      bool ok;
      std::optional<Severity> s = ParseSeverity(value.scalar, &ok);
      if (!ok) {
        sink.Error(&file, SpanAt(file, value),
                   "unknown failure-threshold " + value.scalar + " (use error, warning, info or none)");
      } else {
        config.failure_threshold = s;
        config.failure_threshold_set = true;
      }
    } else if (k == "options") {
      for (const auto& [rule, options] : value.entries) {
        std::string id = ResolveCode(rule.scalar);
        if (id.empty()) {
          sink.Error(&file, SpanAt(file, rule), "unknown rule " + rule.scalar);
          continue;
        }
        for (const auto& [name, option] : options.entries) config.options[id][name.scalar] = option.scalar;
      }
    } else if (k == "allowed-registries") {
      for (const YamlNode& item : value.items) config.allowed_registries.push_back(item.scalar);
    } else {
      std::string suggestion = SuggestClosest(k, kKeys);
      sink.Warning(&file, SpanAt(file, key),
                   "unknown key lint." + k + (suggestion.empty() ? "" : " (did you mean " + suggestion + "?)"));
    }
  }
  return config;
}

std::string FindConfigFile(const std::string& directory, const FileSystem& fs) {
  std::string dir = CleanPath(directory);
  while (true) {
    std::string candidate = JoinPath(dir, ".drydock.yaml");
    if (fs.IsFile(candidate)) return candidate;
    if (dir == "/" || dir == ".") return "";
    dir = DirName(dir);
  }
}

}  // namespace drydock::lint
