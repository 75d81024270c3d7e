#include "pyenv/requirement.h"

#include "pyenv/canonical_name.h"

namespace drydock::pyenv {
// Stub: implementation follows.
Result<Requirement> Requirement::Parse(std::string_view) { return MakeError("not implemented"); }
std::string Requirement::canonical_name() const { return CanonicalizeName(name_); }
std::string Requirement::ToString() const { return name_; }
}  // namespace drydock::pyenv
