// DD0001 parse-error: what BuildKit would reject before building anything — syntax errors of
// its parser and the instruction-level checks of its front end (unknown instruction or flag,
// wrong argument count, bad stage reference). Every one is reported, not only the first.
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

class ParseError final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    for (const dockerfile::SyntaxError& e : context.dockerfile().errors) {
      context.Report(e.span, e.message);
    }
    for (const dockerfile::SemanticError& e : context.stages().errors) {
      context.Report(e.span, e.message);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeParseError() { return std::make_unique<ParseError>(); }

}  // namespace drydock::lint
