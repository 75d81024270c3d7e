#include "pyenv/canonical_name.h"

namespace drydock::pyenv {
// Stub: implementation follows.
std::string CanonicalizeName(std::string_view name) { return std::string(name); }
bool IsNormalizedName(std::string_view) { return false; }
bool IsValidName(std::string_view) { return false; }
std::string CanonicalizeVersion(std::string_view version, bool) { return std::string(version); }
}  // namespace drydock::pyenv
