// DD3006 vcs-requirement-unpinned: `git+https://...@main` (or no ref at all) installs whatever
// the branch points to when the layer is rebuilt, so two builds of one Dockerfile differ and
// a push upstream breaks images nobody changed. hadolint's DL3013 takes any `@` as a pin (so
// `@main` and the `git@` of an ssh URL pass) and never reads requirement files; this rule
// strips the user part, asks for a full commit id, and follows `-r` files COPYed from the
// build context.
#include <cctype>

#include "base/file_system.h"
#include "dockerfile/instructions.h"
#include "lint/command_facts.h"
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

using dockerfile::Instruction;
using dockerfile::Keyword;

enum class Pin { kNone, kCommit, kTag, kBranch, kMissing };

bool IsHex(std::string_view s) {
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// `v1.2.3`, `1.2`, `release-2.0`: looks like a version tag.
bool LooksLikeTag(std::string_view ref) {
  size_t i = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) ++i;
  if (i > 0 && i < ref.size() && (ref[i] == '-' || ref[i] == '_')) ++i;
  if (i >= ref.size() || !std::isdigit(static_cast<unsigned char>(ref[i]))) return false;
  return ref.find('.') != std::string_view::npos || i == 0 || ref[0] == 'v';
}

Pin Classify(std::string_view ref) {
  if (ref.empty()) return Pin::kMissing;
  if ((ref.size() == 40 || ref.size() == 64) && IsHex(ref)) return Pin::kCommit;
  return LooksLikeTag(ref) ? Pin::kTag : Pin::kBranch;
}

struct Finding {
  Pin pin = Pin::kNone;
  std::string ref;
};

// The pin of a requirement, or kNone when it is not a VCS or code-host archive URL.
Finding ClassifyRequirement(std::string_view req) {
  // PEP 508 `name @ url`.
  if (size_t at = req.find(" @ "); at != std::string_view::npos) req = req.substr(at + 3);
  if (size_t at = req.find("@ "); at != std::string_view::npos && req.find("://") > at) req = req.substr(at + 2);
  while (!req.empty() && req.front() == ' ') req.remove_prefix(1);
  if (size_t hash = req.find('#'); hash != std::string_view::npos) req = req.substr(0, hash);
  if (size_t semi = req.find(';'); semi != std::string_view::npos) req = req.substr(0, semi);
  while (!req.empty() && req.back() == ' ') req.remove_suffix(1);
  bool vcs = req.rfind("git+", 0) == 0 || req.rfind("hg+", 0) == 0 || req.rfind("svn+", 0) == 0 ||
             req.rfind("bzr+", 0) == 0;
  if (vcs) {
    std::string_view rest = req.substr(req.find('+') + 1);
    size_t scheme = rest.find("://");
    std::string_view path = rest;
    if (scheme != std::string_view::npos) {
      std::string_view after = rest.substr(scheme + 3);
      size_t slash = after.find('/');
      path = slash == std::string_view::npos ? std::string_view() : after.substr(slash);
    } else if (size_t colon = rest.find(':'); colon != std::string_view::npos) {
      path = rest.substr(colon + 1);  // scp-like git@host:org/repo.git
    }
    size_t at = path.rfind('@');
    return {at == std::string_view::npos ? Classify("") : Classify(path.substr(at + 1)),
            at == std::string_view::npos ? "" : std::string(path.substr(at + 1))};
  }
  if (req.rfind("https://", 0) != 0 && req.rfind("http://", 0) != 0) return {};
  // Code-host archives: github.com/o/r/archive/<ref>.zip, .../archive/refs/heads/<b>.tar.gz,
  // codeload.github.com/o/r/zip/<ref>, gitlab.com/o/r/-/archive/<ref>/r-<ref>.zip.
  std::string_view name = req;
  for (std::string_view ext : {".tar.gz", ".zip", ".tgz", ".tar.bz2"}) {
    if (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0) {
      name.remove_suffix(ext.size());
      break;
    }
  }
  auto last_part = [](std::string_view s) { return s.substr(s.rfind('/') + 1); };
  if (size_t a = name.find("/-/archive/"); a != std::string_view::npos) {
    std::string_view ref = name.substr(a + 11);
    ref = ref.substr(0, ref.find('/'));
    return {Classify(ref), std::string(ref)};
  }
  if (name.find("github.com/") != std::string_view::npos) {
    if (size_t a = name.find("/archive/refs/heads/"); a != std::string_view::npos) {
      return {Pin::kBranch, std::string(name.substr(a + 20))};
    }
    if (size_t a = name.find("/archive/refs/tags/"); a != std::string_view::npos) {
      return {Pin::kTag, std::string(name.substr(a + 19))};
    }
    if (name.find("/archive/") != std::string_view::npos ||
        name.find("codeload.github.com/") != std::string_view::npos) {
      std::string_view ref = last_part(name);
      return {Classify(ref), std::string(ref)};
    }
  }
  return {};
}

std::string Describe(const Finding& f, std::string_view requirement) {
  std::string req(requirement);
  switch (f.pin) {
    case Pin::kMissing:
      return req + " is not pinned: it installs whatever the default branch holds at build time; "
                   "pin a full commit id (@<40-hex sha>)";
    case Pin::kBranch:
      return req + " is pinned to `" + f.ref + "`, which looks like a branch and moves; pin a full "
                   "commit id (@<40-hex sha>)";
    case Pin::kTag:
      return req + " is pinned to the tag `" + f.ref + "`; tags can be moved, pin the commit id";
    default:
      return "";
  }
}

// The requirement-file paths given to -r/-c, without the option text.
std::string FileArgument(const ShellWord& word) {
  std::string_view v = word.value;
  for (std::string_view p : {"--requirement=", "--constraint=", "-r", "-c"}) {
    if (v.rfind(p, 0) == 0 && v.size() > p.size()) return std::string(v.substr(p.size()));
  }
  return std::string(v);
}

// Where in the build context the container path `path` came from, by the stage's earlier
// COPY instructions (last one wins), or "".
std::string ContextPathOf(const LintContext& context, size_t index, const std::string& path) {
  std::optional<size_t> stage = context.StageOf(index);
  for (size_t k = index; k-- > 0;) {
    if (context.StageOf(k) != stage) break;
    const Instruction& in = context.instructions()[k];
    if ((in.keyword != Keyword::kCopy && in.keyword != Keyword::kAdd) || dockerfile::FlagValue(in, "from")) continue;
    std::optional<dockerfile::SourcesAndDest> sd = dockerfile::AsSourcesAndDest(in);
    if (!sd) continue;
    const StageFacts& facts = context.ledger().Before(k);
    std::string dest = JoinPath(facts.workdir, sd->dest->value);
    bool dest_dir = sd->dest->value.back() == '/' || sd->sources.size() > 1;
    for (const dockerfile::Word* source : sd->sources) {
      std::string src = CleanPath(source->value);
      if (src.find_first_of("*?[$") != std::string::npos || src.find("://") != std::string::npos) continue;
      const FileSystem* fs = context.build_context()->fs;
      std::string on_disk = JoinPath(context.build_context()->directory, src);
      if (fs->IsDirectory(on_disk)) {
        if (path == dest) continue;
        if (path.rfind(dest + "/", 0) == 0 || dest == "/") {
          std::string rest = dest == "/" ? path.substr(1) : path.substr(dest.size() + 1);
          return JoinPath(on_disk, rest);
        }
      } else if ((dest_dir && path == JoinPath(dest, BaseName(src))) || (!dest_dir && path == dest)) {
        return on_disk;
      }
    }
  }
  return "";
}

class VcsRequirementUnpinned final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    for (size_t i = 0; i < context.instructions().size(); ++i) {
      context.ForEachCommand(i, [&](const RunScript& run, const ShellCommand& command,
                                    const StageFacts& facts) {
        std::optional<PipInstall> pip = ParsePipInstall(command);
        if (!pip) return;
        Span span = context.CommandSpan(run, command);
        for (const ShellWord* word : pip->requirements) {
          std::string req = word->value;
          if (req.rfind("-e", 0) == 0 && req.size() > 2 && req[2] != '-') req = req.substr(2);
          Finding f = ClassifyRequirement(req);
          if (f.pin == Pin::kNone || f.pin == Pin::kCommit) continue;
          context.Report(context.ScriptSpan(run, word->begin, word->end),
                         f.pin == Pin::kTag ? Severity::kInfo : Severity::kWarning, Describe(f, req));
        }
        if (!context.build_context()) return;
        for (const ShellWord* word : pip->requirement_files) {
          std::string file = FileArgument(*word);
          if (file.find('$') != std::string::npos) continue;
          std::string on_disk = ContextPathOf(context, i, JoinPath(facts.workdir, file));
          if (!on_disk.empty()) CheckFile(context, span, on_disk, file, 0);
        }
      });
    }
  }

 private:
  // Reports the unpinned requirements of a requirements file (and the files it includes).
  static void CheckFile(const LintContext& context, Span span, const std::string& on_disk,
                        const std::string& shown, int depth) {
    if (depth > 8) return;  // Include cycles.
    Result<std::string> text = context.build_context()->fs->ReadFile(on_disk);
    if (!text.ok()) return;
    size_t line_number = 0;
    std::string pending;
    size_t start = 0;
    while (start <= text->size()) {
      size_t end = text->find('\n', start);
      std::string line = text->substr(start, end == std::string::npos ? std::string::npos : end - start);
      start = end == std::string::npos ? text->size() + 1 : end + 1;
      ++line_number;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (size_t hash = line.find(" #"); hash != std::string::npos) line = line.substr(0, hash);
      if (!line.empty() && line[0] == '#') continue;
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
      size_t lead = line.find_first_not_of(" \t");
      if (lead == std::string::npos) continue;
      line = line.substr(lead);
      for (std::string_view opt : {"-r ", "-c ", "--requirement ", "--constraint ", "-r", "-c"}) {
        if (line.rfind(opt, 0) == 0 && line.size() > opt.size()) {
          std::string included = line.substr(opt.size());
          included = included.substr(included.find_first_not_of(" \t="));
          CheckFile(context, span, JoinPath(DirName(on_disk), included), included, depth + 1);
          line.clear();
          break;
        }
      }
      if (line.rfind("-e ", 0) == 0 || line.rfind("--editable ", 0) == 0) line = line.substr(line.find(' ') + 1);
      if (line.empty() || line[0] == '-') continue;
      Finding f = ClassifyRequirement(line);
      if (f.pin == Pin::kNone || f.pin == Pin::kCommit) continue;
      context.Report(span, f.pin == Pin::kTag ? Severity::kInfo : Severity::kWarning,
                     shown + ":" + std::to_string(line_number) + ": " + Describe(f, line));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeVcsRequirementUnpinned() { return std::make_unique<VcsRequirementUnpinned>(); }

}  // namespace drydock::lint
