// What the build-context rules (DD8001-DD8003) share: the local sources of COPY/ADD (not
// --from, not a URL, not a heredoc, no variable) as context-relative paths, and whether a
// source takes a given context entry.
#ifndef DRYDOCK_LINT_RULES_CONTEXT_HELPERS_H_
#define DRYDOCK_LINT_RULES_CONTEXT_HELPERS_H_

#include <fnmatch.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "dockerfile/instructions.h"
#include "lint/lint_context.h"

namespace drydock::lint {

struct LocalSource {
  const dockerfile::Instruction* instruction = nullptr;
  const dockerfile::Word* word = nullptr;
  std::string path;   // Cleaned, context-relative; "." for the context root.
  bool glob = false;  // Has `*`, `?` or `[`: matched like Go's filepath.Match per component.
  bool outside = false;  // Climbs out of the context (`../x`).
};

inline bool IsGlob(const std::string& path) { return path.find_first_of("*?[") != std::string::npos; }

// COPY/ADD sources read from the build context, in file order.
inline std::vector<LocalSource> LocalSources(const LintContext& context) {
  std::vector<LocalSource> out;
  for (const dockerfile::Instruction& in : context.instructions()) {
    if (in.keyword != dockerfile::Keyword::kCopy && in.keyword != dockerfile::Keyword::kAdd) continue;
    if (dockerfile::FlagValue(in, "from")) continue;
    std::optional<dockerfile::SourcesAndDest> sd = dockerfile::AsSourcesAndDest(in);
    if (!sd) continue;
    for (const dockerfile::Word* word : sd->sources) {
      const std::string& v = word->value;
      bool heredoc = !in.heredocs.empty() && v.rfind("<<", 0) == 0;
      for (const dockerfile::Heredoc& h : in.heredocs) heredoc = heredoc || h.name == v;
      if (heredoc || v.empty() || v.find('$') != std::string::npos || v.find("://") != std::string::npos ||
          v.rfind("git@", 0) == 0) {
        continue;
      }
      LocalSource source{&in, word, "", IsGlob(v), false};
      std::string cleaned = CleanPath("/" + v);  // BuildKit resolves sources against the root.
      std::string direct = CleanPath(v);
      source.outside = direct == ".." || direct.rfind("../", 0) == 0;
      source.path = cleaned == "/" ? "." : cleaned.substr(1);
      out.push_back(std::move(source));
    }
  }
  return out;
}

// The walked build context, or null when there is none to go by (no build context, a walk
// that failed or stopped part-way): the rules that need the whole listing stay silent then.
inline const ContextFacts* WalkedContext(const LintContext& context) {
  if (!context.build_context()) return nullptr;
  const ContextFacts* facts = context.Context();
  if (!facts || !facts->error.empty() || facts->sent.walk.failure) return nullptr;
  return facts;
}

// "COPY" or "ADD", for messages.
inline std::string Keyword(const dockerfile::Instruction& in) {
  return in.keyword == dockerfile::Keyword::kAdd ? "ADD" : "COPY";
}

// The whole context: `.`, `*`.
inline bool IsBroad(const LocalSource& source) { return source.path == "." || source.path == "*"; }

// Whether `pattern` (a glob of `/`-separated components) matches `path` or one of its
// ancestors.
inline bool GlobTakes(const std::string& pattern, const std::string& path) {
  size_t components = 1;
  for (char c : pattern) components += c == '/';
  size_t pos = 0;
  for (size_t n = 1; n < components; ++n) {
    pos = path.find('/', pos);
    if (pos == std::string::npos) return false;
    ++pos;
  }
  size_t end = path.find('/', pos);
  if (end == std::string::npos) end = path.size();
  std::string prefix = path.substr(0, end);
  return fnmatch(pattern.c_str(), prefix.c_str(), FNM_PATHNAME) == 0;
}

// Whether the source copies context entry `path` (or the entry is inside what it copies).
inline bool Takes(const LocalSource& source, const std::string& path) {
  if (source.outside) return false;
  if (source.path == ".") return true;
  if (source.glob) return GlobTakes(source.path, path);
  return path == source.path || path.rfind(source.path + "/", 0) == 0;
}

// "1.2 KiB", "3.0 MiB", "17 B".
inline std::string FormatSize(uint64_t bytes) {
  char buffer[32];
  if (bytes < 1024) {
    std::snprintf(buffer, sizeof buffer, "%llu B", static_cast<unsigned long long>(bytes));
  } else if (bytes < 1024 * 1024) {
    std::snprintf(buffer, sizeof buffer, "%.1f KiB", bytes / 1024.0);
  } else if (bytes < 1024ull * 1024 * 1024) {
    std::snprintf(buffer, sizeof buffer, "%.1f MiB", bytes / (1024.0 * 1024));
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  }
  return buffer;
}

// The name of the ignore file a build would read, or the one to create.
inline std::string IgnoreFileName(const ContextFacts& facts) {
  return facts.sent.ignore_file ? BaseName(*facts.sent.ignore_file) : ".dockerignore";
}

}  // namespace drydock::lint

#endif  // DRYDOCK_LINT_RULES_CONTEXT_HELPERS_H_
