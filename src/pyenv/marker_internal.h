// The parsed form of a marker, shared by marker.cc and requirement.cc. Internal to pyenv.
#ifndef DRYDOCK_PYENV_MARKER_INTERNAL_H_
#define DRYDOCK_PYENV_MARKER_INTERNAL_H_

#include <memory>
#include <string>
#include <vector>

#include "pyenv/marker.h"
#include "pyenv/pep508_tokenizer.h"
#include "pyenv/specifier.h"

namespace drydock::pyenv {

// packaging's MarkerList: a list of atoms joined by and/or (is_or[i] joins children i, i+1),
// where an atom is a comparison (kItem) or a parenthesised list.
struct MarkerNode {
  enum class Kind { kList, kItem };
  Kind kind = Kind::kList;
  std::vector<MarkerNode> children;
  std::vector<bool> is_or;
  // kItem: each side is a variable (normalised name) or a string value.
  bool lhs_is_variable = false;
  std::string lhs;
  std::string op;  // "==", "not in", ...
  bool rhs_is_variable = false;
  std::string rhs;
  // `variable op "value"` on a version variable where op+value is a specifier: parsed once.
  std::shared_ptr<const Specifier> version_spec;
};

// Parses a marker expression at the cursor (packaging's _parse_marker), extras normalised.
bool ParseMarkerList(Pep508Cursor& cursor, MarkerNode& root);

}  // namespace drydock::pyenv

#endif  // DRYDOCK_PYENV_MARKER_INTERNAL_H_
