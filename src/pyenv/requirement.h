// PEP 508 dependency specifications (`name[extra1,extra2] (>=1.0,<2) ; marker` or
// `name @ url ; marker`), parsed as pypa/packaging 26 parses Requires-Dist values.
#ifndef DRYDOCK_PYENV_REQUIREMENT_H_
#define DRYDOCK_PYENV_REQUIREMENT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "pyenv/marker.h"
#include "pyenv/specifier.h"

namespace drydock::pyenv {

class Requirement {
 public:
  // Accepts the strict PEP 508 grammar plus what packaging still accepts (parenthesised
  // specifiers, legacy marker names, whitespace variants). Errors say which character is wrong.
  static Result<Requirement> Parse(std::string_view text);

  const std::string& name() const { return name_; }  // As written.
  std::string canonical_name() const;                // PEP 503.
  const std::vector<std::string>& extras() const { return extras_; }  // Sorted, unique, as written.
  const SpecifierSet& specifier() const { return specifier_; }
  const std::optional<std::string>& url() const { return url_; }
  const std::optional<Marker>& marker() const { return marker_; }

  std::string ToString() const;  // packaging's str(Requirement).

 private:
  std::string name_;
  std::vector<std::string> extras_;
  SpecifierSet specifier_;
  std::optional<std::string> url_;
  std::optional<Marker> marker_;
};

}  // namespace drydock::pyenv

#endif  // DRYDOCK_PYENV_REQUIREMENT_H_
