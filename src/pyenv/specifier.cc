#include "pyenv/specifier.h"

namespace drydock::pyenv {
// Stub: implementation follows.
std::string_view SpecifierOperatorString(SpecifierOperator) { return "=="; }
Result<Specifier> Specifier::Parse(std::string_view, std::optional<bool>) { return MakeError("not implemented"); }
std::string Specifier::ToString() const { return ""; }
bool Specifier::prereleases() const { return false; }
bool Specifier::ImpliesPrereleases() const { return false; }
bool Specifier::Contains(std::string_view, std::optional<bool>) const { return false; }
bool Specifier::Contains(const Version&, std::optional<bool>) const { return false; }
bool Specifier::Matches(const Version*, std::string_view) const { return false; }
std::vector<std::string> Specifier::Filter(const std::vector<std::string>&, std::optional<bool>) const { return {}; }
bool operator==(const Specifier& a, const Specifier& b) { return a.ToString() == b.ToString(); }
Result<SpecifierSet> SpecifierSet::Parse(std::string_view, std::optional<bool>) { return MakeError("not implemented"); }
std::string SpecifierSet::ToString() const { return ""; }
std::optional<bool> SpecifierSet::prereleases() const { return prereleases_; }
bool SpecifierSet::Contains(std::string_view, std::optional<bool>, bool) const { return false; }
bool SpecifierSet::Contains(const Version&, std::optional<bool>, bool) const { return false; }
std::vector<std::string> SpecifierSet::Filter(const std::vector<std::string>&, std::optional<bool>) const { return {}; }
Result<SpecifierSet> SpecifierSet::Combine(const SpecifierSet&, const SpecifierSet&) { return MakeError("not implemented"); }
}  // namespace drydock::pyenv
