#include "pyenv/version.h"

namespace drydock::pyenv {
// Stub: implementation follows.
Number Number::FromDigits(std::string_view) { return Number(); }
std::string Number::ToString() const { return std::to_string(small_); }
void Number::AppendTo(std::string& out) const { out += ToString(); }
std::strong_ordering operator<=>(const Number& a, const Number& b) { return a.small_ <=> b.small_; }
std::string_view PreKindString(PreKind kind) { return kind == PreKind::kAlpha ? "a" : kind == PreKind::kBeta ? "b" : "rc"; }
Result<Version> Version::Parse(std::string_view) { return MakeError("not implemented"); }
std::optional<Version> Version::TryParse(std::string_view) { return std::nullopt; }
std::optional<std::string> Version::LocalString() const { return std::nullopt; }
const Number& Version::ReleaseAt(size_t index) const { static const Number kZero; return index < release_.size() ? release_[index] : kZero; }
std::string Version::ToString() const { return ""; }
std::string Version::Public() const { return ""; }
std::string Version::BaseVersion() const { return ""; }
Version Version::WithoutLocal() const { return *this; }
Version Version::BaseOnly() const { return *this; }
std::strong_ordering operator<=>(const Version&, const Version&) { return std::strong_ordering::equal; }
}  // namespace drydock::pyenv
