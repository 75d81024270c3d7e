// A Plan: which targets a request needs, in which phases they can run, and the critical path.
// Pure and deterministic; `drydock plan` prints it and `drydock build` executes it.
#ifndef DRYDOCK_GRAPH_PLAN_H_
#define DRYDOCK_GRAPH_PLAN_H_

#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "graph/build_graph.h"

namespace drydock::graph {

struct PlanOptions {
  // Target or group names; empty: the project's default targets.
  std::vector<std::string> wanted;
  // Measured durations (seconds) by target name, from earlier builds; they take precedence
  // over `x-drydock: cost`. A target with neither costs 1.
  std::map<std::string, double> measured_costs;
};

struct Plan {
  std::vector<size_t> wanted;   // Node indices asked for, sorted by name.
  std::vector<size_t> needed;   // wanted plus every ancestor, in phase order then by name.
  // needed, grouped: phase k holds the targets whose longest chain of parents has k links.
  std::vector<std::vector<size_t>> phases;
  // Per node (indexed like BuildGraph::nodes()); meaningful only for needed nodes.
  std::vector<double> cost;
  std::vector<double> remaining;  // Cost of the node plus its costliest chain of needed children.
  std::vector<int> phase;         // -1 when not needed.
  std::vector<size_t> critical_path;  // Root to leaf, the costliest chain.
  double critical_cost = 0;

  bool Needs(size_t node) const { return phase[node] >= 0; }
};

// Plans a build. An unknown name is an Error ("unknown target "x" (did you mean "y"?)").
// The graph must be acyclic (BuildGraphFromProject guarantees it).
Result<Plan> MakePlan(const BuildGraph& graph, const PlanOptions& options);

}  // namespace drydock::graph

#endif  // DRYDOCK_GRAPH_PLAN_H_
