// DD5002 add-instead-of-copy: ADD does two things COPY does not, both implicit: it unpacks
// local tar archives and downloads URLs. For plain local files COPY says what happens; a
// remote ADD without --checksum puts whatever the server sends into the image, unverified.
#include "base/strings.h"
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Archives ADD unpacks: tar, plain or compressed with gzip, bzip2, xz or zstd.
bool IsTarArchive(std::string_view path) {
  std::string lowered = ToLowerAscii(path);
  for (std::string_view suffix : {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz",
                                  ".txz", ".tar.zst", ".tzst", ".tar.lzma", ".tlz", ".tar.z", ".taz"}) {
    if (EndsWith(lowered, suffix)) return true;
  }
  // A wildcard that can only match archives: `*.tar.gz`.
  return false;
}

bool IsUrl(std::string_view s) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0;
}

// Git sources ADD clones (BuildKit's git ref syntax): not a download to verify by checksum.
bool IsGitSource(std::string_view s) {
  if (s.rfind("git@", 0) == 0 || s.rfind("git://", 0) == 0 || s.rfind("ssh://", 0) == 0) return true;
  if (!IsUrl(s)) return false;
  std::string_view path = s.substr(0, s.find('#'));
  return EndsWith(path, ".git");
}

class AddInsteadOfCopy final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    for (const dockerfile::Instruction& in : context.instructions()) {
      if (in.keyword != dockerfile::Keyword::kAdd) continue;
      std::optional<dockerfile::SourcesAndDest> sd = dockerfile::AsSourcesAndDest(in);
      if (!sd || sd->sources.empty()) continue;
      bool has_checksum = dockerfile::FindFlag(in, "checksum") != nullptr;
      std::vector<const dockerfile::Word*> plain;
      for (const dockerfile::Word* source : sd->sources) {
        const std::string& s = source->value;
        bool heredoc = false;
        for (const dockerfile::Heredoc& h : in.heredocs) heredoc = heredoc || ("<<" + h.name) == s || h.name == s;
        // Unknown until build time: a variable or a heredoc body.
        if (heredoc || s.find('$') != std::string::npos || IsGitSource(s)) continue;
        if (IsUrl(s)) {
          if (!has_checksum) {
            context.Report(source->span,
                           "ADD downloads " + s + " without --checksum: whatever the server sends "
                           "goes into the image unverified; add --checksum=sha256:<digest>, or download "
                           "in a RUN and verify it there");
          }
          continue;
        }
        if (!IsTarArchive(s)) plain.push_back(source);
      }
      // Only when every local source is plain: one archive among them makes ADD the tool.
      if (plain.empty() || plain.size() != LocalSources(in, *sd)) continue;
      std::string first = plain.front()->value;
      std::string hint = EndsWith(ToLowerAscii(first), ".zip") || EndsWith(ToLowerAscii(first), ".gz")
                             ? " (ADD does not unpack " + first + ": only tar archives are unpacked)"
                             : "";
      context.Report(in.keyword_span, "ADD of local files: use COPY, which does the same without "
                                      "ADD's implicit archive unpacking and URL downloads" + hint);
    }
  }

 private:
  static size_t LocalSources(const dockerfile::Instruction& in, const dockerfile::SourcesAndDest& sd) {
    size_t n = 0;
    for (const dockerfile::Word* source : sd.sources) {
      const std::string& s = source->value;
      bool heredoc = false;
      for (const dockerfile::Heredoc& h : in.heredocs) heredoc = heredoc || ("<<" + h.name) == s || h.name == s;
      if (!heredoc && s.find('$') == std::string::npos && !IsUrl(s) && !IsGitSource(s)) ++n;
    }
    return n;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeAddInsteadOfCopy() { return std::make_unique<AddInsteadOfCopy>(); }

}  // namespace drydock::lint
