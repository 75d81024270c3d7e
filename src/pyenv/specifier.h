// PEP 440 version specifiers (`>=1.0`, `==2.*`, `~=1.4.2`, `===foo`) and comma-joined specifier
// sets, with pypa/packaging 26's pre-release rules: contains() with no override accepts a
// pre-release, filter() keeps pre-releases only when the set names one or nothing else matches.
#ifndef DRYDOCK_PYENV_SPECIFIER_H_
#define DRYDOCK_PYENV_SPECIFIER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "pyenv/version.h"

namespace drydock::pyenv {

enum class SpecifierOperator {
  kCompatible,    // ~=
  kEqual,         // ==
  kNotEqual,      // !=
  kLessEqual,     // <=
  kGreaterEqual,  // >=
  kLess,          // <
  kGreater,       // >
  kArbitrary,     // ===
};
std::string_view SpecifierOperatorString(SpecifierOperator op);

// One clause. Parse errors say which character is wrong.
class Specifier {
 public:
  // `prereleases` is packaging's constructor override (nullopt: implied by the clause).
  static Result<Specifier> Parse(std::string_view text,
                                 std::optional<bool> prereleases = std::nullopt);

  SpecifierOperator op() const { return op_; }
  // The version part as written (whitespace trimmed), e.g. "2.0.*" or "foo" for ===.
  const std::string& version_text() const { return version_text_; }
  bool is_wildcard() const { return wildcard_; }
  std::string ToString() const;  // op + version_text, no spaces: packaging's str(Specifier).

  // packaging's Specifier.prereleases: the override, else whether the clause names a
  // pre-release (==/!=/~= ... of a pre-release version; never for != and ===, see .cc).
  bool prereleases() const;
  std::optional<bool> prereleases_override() const { return prereleases_; }
  // Whether the clause itself implies pre-releases (the override ignored).
  bool ImpliesPrereleases() const;

  // packaging's Specifier.contains(version, prereleases). An unparsable version string is
  // never contained (except by a matching ===).
  bool Contains(std::string_view version, std::optional<bool> prereleases = std::nullopt) const;
  bool Contains(const Version& version, std::optional<bool> prereleases = std::nullopt) const;
  // The operator's match alone, no pre-release rule: packaging's bounds for the clause.
  // `raw` is the text === compares (case-insensitively); other operators use `version`
  // (nullptr: unparsable, never matched).
  bool Matches(const Version* version, std::string_view raw) const;
  // prereleases_override, else true when implied, else nullopt (packaging's
  // resolve_prereleases).
  std::optional<bool> ResolvedPrereleases() const;
  // (operator, canonical version) as packaging's _canonical_spec: equal keys are equal clauses.
  std::string CanonicalKey() const;

  // packaging's Specifier.filter: keeps order.
  std::vector<std::string> Filter(const std::vector<std::string>& versions,
                                  std::optional<bool> prereleases = std::nullopt) const;

  friend bool operator==(const Specifier& a, const Specifier& b);

 private:
  SpecifierOperator op_ = SpecifierOperator::kEqual;
  std::string version_text_;
  bool wildcard_ = false;
  bool has_local_text_ = false;
  std::optional<Version> version_;  // Parsed version_text_ (without .*); for === if it parses.
  std::optional<Version> lower_;    // Wildcard lower bound (epoch!release.dev0).
  std::optional<Version> upper_;    // Exclusive upper bound of ==X.*, ~= and <.
  std::optional<bool> prereleases_;

  void Prepare();
};

// A comma-separated set of clauses; the empty set contains every version (pre-release rules
// still apply). str() sorts the clauses.
class SpecifierSet {
 public:
  SpecifierSet() = default;
  static Result<SpecifierSet> Parse(std::string_view text,
                                    std::optional<bool> prereleases = std::nullopt);

  // The clauses in the order written (empty items skipped).
  const std::vector<Specifier>& specifiers() const { return specifiers_; }
  // Sorted by str() with equal clauses (same CanonicalKey) collapsed: what str() prints and
  // packaging iterates once str() has been taken.
  std::vector<Specifier> CanonicalSpecifiers() const;
  bool empty() const { return specifiers_.empty(); }
  std::string ToString() const;  // Clauses sorted by their str(), joined with ','.

  // packaging's SpecifierSet.prereleases: override, else true if any clause implies them,
  // else nullopt.
  std::optional<bool> prereleases() const;
  void set_prereleases(std::optional<bool> value) { prereleases_ = value; }

  // packaging's SpecifierSet.contains(version, prereleases, installed): installed=true accepts
  // a pre-release whatever the settings (PEP 440: it is already there).
  bool Contains(std::string_view version, std::optional<bool> prereleases = std::nullopt,
                bool installed = false) const;
  bool Contains(const Version& version, std::optional<bool> prereleases = std::nullopt,
                bool installed = false) const;

  std::vector<std::string> Filter(const std::vector<std::string>& versions,
                                  std::optional<bool> prereleases = std::nullopt) const;

  // packaging's `a & b`: every clause of both; the pre-release overrides must agree.
  static Result<SpecifierSet> Combine(const SpecifierSet& a, const SpecifierSet& b);

 private:
  bool MatchesAll(const Version& version) const;
  bool ContainsViaFilter(const std::string& item, const Version* version,
                         std::optional<bool> prereleases) const;

  std::vector<Specifier> specifiers_;
  std::optional<bool> prereleases_;
  bool has_arbitrary_ = false;  // The text contained "===": raw strings are compared.
};

// Grammar pieces shared with the requirement parser (packaging's SPECIFIER and
// VERSION_LOCAL_LABEL_TRAIL tokens): the length of the specifier clause matched at `pos`
// (0 if none), and the end of a `+local` label starting at `pos` (pos if none).
size_t MatchSpecifierToken(std::string_view text, size_t pos);
size_t MatchLocalLabel(std::string_view text, size_t pos);

}  // namespace drydock::pyenv

#endif  // DRYDOCK_PYENV_SPECIFIER_H_
