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
  // The operator's match alone, no pre-release rule. `raw` is the text for ===.
  bool Matches(const Version* version, std::string_view raw) const;

  // packaging's Specifier.filter: keeps order.
  std::vector<std::string> Filter(const std::vector<std::string>& versions,
                                  std::optional<bool> prereleases = std::nullopt) const;

  friend bool operator==(const Specifier& a, const Specifier& b);

 private:
  SpecifierOperator op_ = SpecifierOperator::kEqual;
  std::string version_text_;
  bool wildcard_ = false;
  std::optional<Version> version_;  // Parsed version_text_ (without .*), absent for ===.
  std::optional<bool> prereleases_;
};

// A comma-separated set of clauses; the empty set contains every version (pre-release rules
// still apply). str() sorts the clauses.
class SpecifierSet {
 public:
  SpecifierSet() = default;
  static Result<SpecifierSet> Parse(std::string_view text,
                                    std::optional<bool> prereleases = std::nullopt);

  const std::vector<Specifier>& specifiers() const { return specifiers_; }
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
  std::vector<Specifier> specifiers_;
  std::optional<bool> prereleases_;
};

}  // namespace drydock::pyenv

#endif  // DRYDOCK_PYENV_SPECIFIER_H_
