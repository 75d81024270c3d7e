#include "dockerfile/ast.h"

#include <array>
#include <utility>

#include "base/strings.h"
#include "base/go_text.h"

namespace drydock::dockerfile {

namespace {

constexpr std::array<std::pair<std::string_view, Keyword>, 18> kKeywords = {{
    {"ADD", Keyword::kAdd},
    {"ARG", Keyword::kArg},
    {"CMD", Keyword::kCmd},
    {"COPY", Keyword::kCopy},
    {"ENTRYPOINT", Keyword::kEntrypoint},
    {"ENV", Keyword::kEnv},
    {"EXPOSE", Keyword::kExpose},
    {"FROM", Keyword::kFrom},
    {"HEALTHCHECK", Keyword::kHealthcheck},
    {"LABEL", Keyword::kLabel},
    {"MAINTAINER", Keyword::kMaintainer},
    {"ONBUILD", Keyword::kOnbuild},
    {"RUN", Keyword::kRun},
    {"SHELL", Keyword::kShell},
    {"STOPSIGNAL", Keyword::kStopsignal},
    {"USER", Keyword::kUser},
    {"VOLUME", Keyword::kVolume},
    {"WORKDIR", Keyword::kWorkdir},
}};

}  // namespace

Keyword KeywordFromString(std::string_view word) {
  if (word.size() > 3 * 11) return Keyword::kUnknown;
  // Go's strings.ToLower, as BuildKit's dispatch uses: KELVIN SIGN matches 'k'.
  std::string lower = GoToLower(word);
  for (const auto& [name, keyword] : kKeywords) {
    if (EqualsIgnoreCaseAscii(name, lower)) return keyword;
  }
  return Keyword::kUnknown;
}

std::string_view KeywordName(Keyword keyword) {
  for (const auto& [name, k] : kKeywords) {
    if (k == keyword) return name;
  }
  return "";
}

const std::vector<std::string>& AllKeywordNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& entry : kKeywords) out.emplace_back(entry.first);
    return out;
  }();
  return names;
}

std::string_view Flag::name() const {
  std::string_view t = text;
  if (t.substr(0, 2) == "--") t.remove_prefix(2);
  return t.substr(0, t.find('='));
}

std::optional<std::string_view> Flag::value() const {
  size_t eq = text.find('=');
  if (eq == std::string::npos) return std::nullopt;
  return std::string_view(text).substr(eq + 1);
}

const Directive* Dockerfile::FindDirective(std::string_view name) const {
  for (const Directive& d : directives) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

}  // namespace drydock::dockerfile
