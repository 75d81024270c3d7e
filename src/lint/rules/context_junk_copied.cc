// DD8002 context-junk-copied: entries of the build context that no image wants (.git, venvs,
// caches, archives, node_modules, .env files and keys), not excluded by the ignore file and
// taken by a COPY/ADD. They slow every build (the context is sent each time), bust the COPY's
// cache on every commit, and secrets end up in a layer. Reported once per junk entry (a
// directory stands for its contents), at the first COPY that takes it; secrets are errors.
#include <algorithm>
#include <map>

#include "lint/lint_context.h"
#include "lint/rules/context_helpers.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

using buildcontext::ContextEntry;

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct Junk {
  std::string what;  // "version-control history".
  bool secret = false;
  bool archive = false;  // Reported only above the size threshold.
};

std::optional<Junk> Classify(const ContextEntry& entry, const ContextFacts& facts) {
  std::string name = BaseName(entry.path);
  if (entry.type == DirectoryEntry::Type::kDirectory) {
    if (name == ".git" || name == ".hg" || name == ".svn") return Junk{"version-control history"};
    if (facts.Present(entry.path + "/pyvenv.cfg")) return Junk{"a Python virtualenv"};
    if (name == "node_modules") return Junk{"installed node modules"};
    if (name == "__pycache__" || name == ".pytest_cache" || name == ".mypy_cache" ||
        name == ".ruff_cache" || name == ".tox" || name == ".nox" || name == ".ipynb_checkpoints") {
      return Junk{"a tool cache"};
    }
    if (EndsWith(name, ".egg-info")) return Junk{"build metadata"};
    return std::nullopt;
  }
  if (entry.type != DirectoryEntry::Type::kFile) return std::nullopt;
  if (name == ".env" || (name.rfind(".env.", 0) == 0 && name != ".env.example" &&
                         name != ".env.sample" && name != ".env.template" && name != ".env.dist")) {
    return Junk{"an environment file, likely secrets", true};
  }
  if (name == "id_rsa" || name == "id_dsa" || name == "id_ecdsa" || name == "id_ed25519" ||
      EndsWith(name, ".pem") || EndsWith(name, ".key") || EndsWith(name, ".p12") ||
      name == ".netrc" || name == ".pypirc") {
    return Junk{"a private key or credentials", true};
  }
  if (EndsWith(name, ".pyc")) return Junk{"compiled Python"};
  if (name == ".DS_Store") return Junk{"Finder metadata"};
  for (std::string_view ext : {".zip", ".whl", ".tar", ".tar.gz", ".tgz", ".tar.xz", ".tar.bz2", ".7z"}) {
    if (EndsWith(name, ext)) return Junk{"an archive", false, true};
  }
  return std::nullopt;
}

class ContextJunkCopied final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    if (!context.build_context()) return;
    std::vector<LocalSource> sources = LocalSources(context);
    if (sources.empty()) return;
    const ContextFacts* facts = WalkedContext(context);
    if (!facts) return;
    uint64_t archive_min = std::stoull(context.Option("archive-min-bytes", "1048576"));
    // Sizes and file counts of every directory, for the message.
    std::map<std::string, std::pair<uint64_t, size_t>> totals;
    for (const ContextEntry& e : facts->sent.context) {
      if (e.type != DirectoryEntry::Type::kFile) continue;
      for (size_t slash = e.path.find('/'); slash != std::string::npos; slash = e.path.find('/', slash + 1)) {
        auto& [bytes, files] = totals[e.path.substr(0, slash)];
        bytes += e.size;
        ++files;
      }
    }
    std::string reported_dir;  // Inside a reported directory, entries are not reported again.
    for (const ContextEntry& e : facts->sent.context) {
      if (!reported_dir.empty() && e.path.rfind(reported_dir + "/", 0) == 0) continue;
      std::optional<Junk> junk = Classify(e, *facts);
      if (!junk || (junk->archive && e.size < archive_min)) continue;
      auto taker = std::find_if(sources.begin(), sources.end(),
                                [&](const LocalSource& s) { return Takes(s, e.path); });
      if (taker == sources.end()) continue;
      bool dir = e.type == DirectoryEntry::Type::kDirectory;
      if (dir) reported_dir = e.path;
      std::string size;
      if (dir) {
        auto [bytes, files] = totals[e.path];
        size = std::to_string(files) + (files == 1 ? " file, " : " files, ") + FormatSize(bytes);
      } else {
        size = FormatSize(e.size);
      }
      context.Report(taker->instruction->span, junk->secret ? Severity::kError : Severity::kWarning,
                     Keyword(*taker->instruction) + " of `" + taker->word->value + "` puts " + e.path + (dir ? "/" : "") + " (" +
                         junk->what + ", " + size + ") from the build context into the image: add `/" +
                         e.path + "` to " + IgnoreFileName(*facts));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeContextJunkCopied() { return std::make_unique<ContextJunkCopied>(); }

}  // namespace drydock::lint
