#!/usr/bin/env bash
# Scaffolds a lint rule's four artefacts: src/lint/rules/<slug>.cc, its registry line (kept
# sorted) and factory declaration, tests/lint/rules/<slug>.Dockerfile and docs/rules/<slug>.md.
# Usage: scripts/new_rule.sh DD3008 my-rule-slug warning "one-line summary"
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 4 ] || { echo "usage: $0 ID SLUG error|warning|info SUMMARY" >&2; exit 2; }
id=$1 slug=$2 severity=$3 summary=$4
[[ $id =~ ^DD[0-9]{4}$ ]] || { echo "ID must look like DD1234" >&2; exit 2; }
[[ $slug =~ ^[a-z0-9]+(-[a-z0-9]+)*$ ]] || { echo "slug must be kebab-case" >&2; exit 2; }
case $severity in error) sev=kError ;; warning) sev=kWarning ;; info) sev=kInfo ;;
  *) echo "severity must be error, warning or info" >&2; exit 2 ;; esac
file=${slug//-/_}
class=$(echo "$slug" | sed -E 's/(^|-)([a-z0-9])/\U\2/g')
grep -q "\"$id\"" src/lint/registry.cc && { echo "$id is taken" >&2; exit 1; }

cat > "src/lint/rules/$file.cc" <<CC
// $id $slug: $summary.
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

class $class final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    for (size_t i = 0; i < context.instructions().size(); ++i) {
      // Look at context.instructions()[i], context.ledger().Before(i), context.Scripts(i) and
      // report with context.Report(span, message).
    }
  }
};

}  // namespace

std::unique_ptr<Rule> Make$class() { return std::make_unique<$class>(); }

}  // namespace drydock::lint
CC

cat > "tests/lint/rules/$slug.Dockerfile" <<DF
# Cases for $id $slug. \`# expect: $id\` marks a finding on the next instruction.
FROM debian:bookworm-slim
DF

cat > "docs/rules/$slug.md" <<MD
# $id $slug

**Severity:** $severity

## Why
$summary.

## Bad
\`\`\`dockerfile
\`\`\`

## Good
\`\`\`dockerfile
\`\`\`

## Options
None.
MD

# Registry line and factory declaration, kept sorted by ID.
python3 - "$id" "$slug" "$sev" "$summary" "$class" <<'PY'
import re, sys
id_, slug, sev, summary, cls = sys.argv[1:]
path = "src/lint/registry.cc"
text = open(path).read()
line = f'      {{"{id_}", "{slug}", Severity::{sev}, "{summary}", Make{cls}}},\n'
lines = text.splitlines(keepends=True)
entries = [i for i, l in enumerate(lines) if re.match(r'\s+\{"DD\d{4}"', l)]
pos = next((i for i in entries if lines[i].split('"')[1] > id_), entries[-1] + 1)
lines.insert(pos, line)
open(path, "w").write("".join(lines))
hpath = "src/lint/rules/rules.h"
h = open(hpath).read().splitlines(keepends=True)
decls = [i for i, l in enumerate(h) if l.startswith("std::unique_ptr<Rule> Make")]
h.insert(decls[-1] + 1, f"std::unique_ptr<Rule> Make{cls}();\n")
open(hpath, "w").write("".join(h))
PY
echo "created src/lint/rules/$file.cc, tests/lint/rules/$slug.Dockerfile, docs/rules/$slug.md; registered $id"
