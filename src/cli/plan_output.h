// Renders a Plan for `drydock plan`: text for people, JSON (schema in docs/plan-json.md) for
// tools, DOT for Graphviz. Paths are shown relative to the project directory.
#ifndef DRYDOCK_CLI_PLAN_OUTPUT_H_
#define DRYDOCK_CLI_PLAN_OUTPUT_H_

#include <string>

#include "graph/build_graph.h"
#include "graph/plan.h"

namespace drydock::cli {

std::string PlanToText(const graph::BuildGraph& graph, const graph::Plan& plan);
std::string PlanToJson(const graph::BuildGraph& graph, const graph::Plan& plan);
std::string PlanToDot(const graph::BuildGraph& graph, const graph::Plan& plan);

}  // namespace drydock::cli

#endif  // DRYDOCK_CLI_PLAN_OUTPUT_H_
