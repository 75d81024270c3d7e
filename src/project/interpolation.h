// Compose's variable interpolation (compose-go template.Substitute): `$VAR`, `${VAR}`,
// `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`,
// nested templates in defaults, and `$$` for a literal `$`.
#ifndef DRYDOCK_PROJECT_INTERPOLATION_H_
#define DRYDOCK_PROJECT_INTERPOLATION_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace drydock::project {

// Looks a variable up: its value, or nullopt when it is unset ("" is set-but-empty).
using VariableLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Substitutes every variable in `tmpl`. The Error's message is compose-go's text:
// `Invalid template: "<template>"` or `required variable X is missing a value[: reason]`.
// `warnings`, when given, receives what compose-go logs, as "level: message" (e.g.
// `warning: The "FOO" variable is not set. Defaulting to a blank string.`).
Result<std::string> Substitute(std::string_view tmpl, const VariableLookup& lookup,
                               std::vector<std::string>* warnings = nullptr);

// One variable a template mentions (compose-go template.ExtractVariables).
struct TemplateVariable {
  std::string name;
  std::optional<std::string> default_value;
  std::optional<std::string> presence_value;
  bool required = false;
};

// The variables `tmpl` mentions, sorted by name.
std::vector<TemplateVariable> ExtractVariables(std::string_view tmpl);

}  // namespace drydock::project

#endif  // DRYDOCK_PROJECT_INTERPOLATION_H_
