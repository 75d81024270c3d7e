// Renders a parsed Dockerfile (syntax tree, stage table, diagnostics) as the JSON document
// that `drydock parse --format=json` prints. The schema is documented in docs/ast-json.md and
// versioned by its "schema" field.
#ifndef DRYDOCK_CLI_AST_JSON_H_
#define DRYDOCK_CLI_AST_JSON_H_

#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "dockerfile/ast.h"
#include "dockerfile/stage_table.h"

namespace drydock::cli {

nlohmann::ordered_json DockerfileToJson(const dockerfile::Dockerfile& dockerfile,
                                const dockerfile::StageTable& stages,
                                const std::vector<Diagnostic>& diagnostics);

}  // namespace drydock::cli

#endif  // DRYDOCK_CLI_AST_JSON_H_
