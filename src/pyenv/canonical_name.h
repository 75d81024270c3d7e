// PEP 503 / packaging.utils name and version canonicalisation.
#ifndef DRYDOCK_PYENV_CANONICAL_NAME_H_
#define DRYDOCK_PYENV_CANONICAL_NAME_H_

#include <string>
#include <string_view>

namespace drydock::pyenv {

// packaging.utils.canonicalize_name: runs of -_. become one '-', lower-cased with Python's
// str.lower() (Unicode full lower-casing, so 'İ' becomes "i̇" and the Kelvin sign 'k').
std::string CanonicalizeName(std::string_view name);
// packaging.utils.is_normalized_name: already canonical and a valid name.
bool IsNormalizedName(std::string_view name);
// canonicalize_name(validate=True) would not raise: PEP 508's name rule
// ^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$ (case-insensitive, ASCII).
bool IsValidName(std::string_view name);
// packaging.utils.canonicalize_version: the normalised version with trailing zero release
// segments dropped (when strip_trailing_zero); an unparsable input comes back unchanged.
std::string CanonicalizeVersion(std::string_view version, bool strip_trailing_zero = true);

}  // namespace drydock::pyenv

#endif  // DRYDOCK_PYENV_CANONICAL_NAME_H_
