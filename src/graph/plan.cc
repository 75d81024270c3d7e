#include "graph/plan.h"

#include <algorithm>
#include <functional>
#include <set>

#include "base/strings.h"

namespace drydock::graph {

namespace {

// Expands target and group names into node indices.
Result<std::set<size_t>> ResolveWanted(const BuildGraph& graph, const PlanOptions& options) {
  const project::Project& project = graph.project();
  std::vector<std::string> names = options.wanted;
  if (names.empty()) names = project.default_targets;
  std::set<size_t> wanted;
  for (const std::string& name : names) {
    if (std::optional<size_t> node = graph.Find(name)) {
      wanted.insert(*node);
      continue;
    }
    if (auto group = project.groups.find(name); group != project.groups.end()) {
      for (const std::string& member : group->second) {
        if (std::optional<size_t> node = graph.Find(member)) wanted.insert(*node);
      }
      continue;
    }
    if (project.external_images.count(name)) {
      return MakeError("\"" + name + "\" has no build section: drydock does not build it");
    }
    std::vector<std::string> candidates;
    for (const Node& n : graph.nodes()) candidates.push_back(n.target->name);
    for (const auto& [group, members] : project.groups) candidates.push_back(group);
    std::string message = "unknown target \"" + name + "\"";
    std::string suggestion = SuggestClosest(name, candidates);
    if (!suggestion.empty()) message += " (did you mean \"" + suggestion + "\"?)";
    return MakeError(std::move(message));
  }
  return wanted;
}

}  // namespace

Result<Plan> MakePlan(const BuildGraph& graph, const PlanOptions& options) {
  const std::vector<Node>& nodes = graph.nodes();
  Result<std::set<size_t>> wanted = ResolveWanted(graph, options);
  if (!wanted.ok()) return wanted.error();
  auto by_name = [&](size_t a, size_t b) { return nodes[a].target->name < nodes[b].target->name; };

  Plan plan;
  plan.wanted.assign(wanted->begin(), wanted->end());
  std::sort(plan.wanted.begin(), plan.wanted.end(), by_name);

  // Every ancestor of a wanted target is needed, whatever profile hides it: a stage FROM an
  // unbuilt base must never turn into a registry pull.
  std::vector<bool> needed(nodes.size(), false);
  std::vector<size_t> todo(plan.wanted.begin(), plan.wanted.end());
  while (!todo.empty()) {
    size_t n = todo.back();
    todo.pop_back();
    if (needed[n]) continue;
    needed[n] = true;
    for (size_t p : nodes[n].parents) todo.push_back(p);
  }

  plan.cost.assign(nodes.size(), 0);
  for (size_t i = 0; i < nodes.size(); ++i) {
    const project::Target& t = *nodes[i].target;
    auto measured = options.measured_costs.find(t.name);
    plan.cost[i] = measured != options.measured_costs.end() ? measured->second
                   : t.drydock.cost                          ? *t.drydock.cost
                                                             : 1.0;
  }

  // Phase = longest chain of needed parents; memoised depth-first (the graph is acyclic).
  plan.phase.assign(nodes.size(), -1);
  std::function<int(size_t)> phase_of = [&](size_t n) -> int {
    if (plan.phase[n] >= 0) return plan.phase[n];
    int phase = 0;
    for (size_t p : nodes[n].parents) {
      if (needed[p]) phase = std::max(phase, phase_of(p) + 1);
    }
    return plan.phase[n] = phase;
  };
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (needed[i]) phase_of(i);
  }
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (!needed[i]) continue;
    size_t p = static_cast<size_t>(plan.phase[i]);
    if (plan.phases.size() <= p) plan.phases.resize(p + 1);
    plan.phases[p].push_back(i);
  }
  for (std::vector<size_t>& phase : plan.phases) {
    std::sort(phase.begin(), phase.end(), by_name);
    plan.needed.insert(plan.needed.end(), phase.begin(), phase.end());
  }

  // Remaining cost (bottom level), in reverse phase order so children come first.
  plan.remaining.assign(nodes.size(), 0);
  for (auto it = plan.needed.rbegin(); it != plan.needed.rend(); ++it) {
    double best = 0;
    for (size_t c : nodes[*it].children) {
      if (needed[c]) best = std::max(best, plan.remaining[c]);
    }
    plan.remaining[*it] = plan.cost[*it] + best;
  }

  // The critical path starts at the costliest root and follows the costliest child; ties go
  // to the name first in order, so the result is deterministic.
  size_t current = nodes.size();
  for (size_t n : plan.needed) {
    if (plan.phase[n] != 0) continue;
    if (current == nodes.size() || plan.remaining[n] > plan.remaining[current]) current = n;
  }
  if (current != nodes.size()) plan.critical_cost = plan.remaining[current];
  while (current != nodes.size()) {
    plan.critical_path.push_back(current);
    size_t next = nodes.size();
    for (size_t c : nodes[current].children) {
      if (!needed[c]) continue;
      if (next == nodes.size() || plan.remaining[c] > plan.remaining[next] ||
          (plan.remaining[c] == plan.remaining[next] && by_name(c, next))) {
        next = c;
      }
    }
    current = next;
  }
  return plan;
}

}  // namespace drydock::graph
