#include "cli/plan_output.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/strings.h"

namespace drydock::cli {

namespace {

using json = nlohmann::ordered_json;
using graph::BuildGraph;
using graph::Edge;
using graph::EdgeOrigin;
using graph::Plan;

// `path` relative to `dir` when inside it.
std::string Relative(const std::string& dir, const std::string& path) {
  if (!dir.empty() && path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
      path[dir.size()] == '/') {
    return path.substr(dir.size() + 1);
  }
  return path;
}

std::string Where(const BuildGraph& g, const EdgeOrigin& o) {
  std::string out = Relative(g.project().directory, o.file);
  if (o.line) out += fmt::format(":{}", o.line);
  return out + " " + o.text;
}

std::string Name(const BuildGraph& g, size_t node) { return g.nodes()[node].target->name; }

std::string Tags(const project::Target& t) {
  return t.tags.empty() ? "(no tag)" : Join(t.tags, ", ");
}

std::string Dockerfile(const BuildGraph& g, size_t node) {
  return Relative(g.project().directory, g.nodes()[node].dockerfile);
}

std::string FormatCost(double cost) { return fmt::format("{:g}", cost); }

std::string CriticalPath(const BuildGraph& g, const Plan& plan) {
  std::vector<std::string> names;
  for (size_t n : plan.critical_path) names.push_back(Name(g, n));
  return Join(names, " -> ");
}

}  // namespace

std::string PlanToText(const BuildGraph& g, const Plan& plan) {
  std::string out = fmt::format(
      "Project {}: {} target{} in {} phase{}; critical path {} (cost {})\n",
      g.project().name, plan.needed.size(), plan.needed.size() == 1 ? "" : "s",
      plan.phases.size(), plan.phases.size() == 1 ? "" : "s", CriticalPath(g, plan),
      FormatCost(plan.critical_cost));
  for (size_t p = 0; p < plan.phases.size(); ++p) {
    out += fmt::format("\nPhase {}\n", p + 1);
    for (size_t n : plan.phases[p]) {
      const project::Target& t = *g.nodes()[n].target;
      out += fmt::format("  {}  [{}]  {}\n", t.name, Tags(t), Dockerfile(g, n));
      for (const Edge* e : g.EdgesInto(n)) {
        out += fmt::format("    {} <- {} ({})\n", Name(g, e->parent), t.name, Where(g, e->origin));
      }
    }
  }
  bool header = false;
  for (size_t n : plan.needed) {
    for (const graph::ExternalImage& x : g.externals()) {
      if (x.target != n) continue;
      if (!header) out += "\nExternal images (must exist in the engine or a registry):\n";
      header = true;
      out += fmt::format("  {} <- {} ({})\n", x.ref, Name(g, n), Where(g, x.origin));
    }
  }
  return out;
}

std::string PlanToJson(const BuildGraph& g, const Plan& plan) {
  const project::Project& project = g.project();
  auto origin = [&](const EdgeOrigin& o) {
    return json{{"file", Relative(project.directory, o.file)},
                {"line", o.line},
                {"column", o.column},
                {"text", o.text}};
  };
  json targets = json::array();
  for (size_t n : plan.needed) {
    const project::Target& t = *g.nodes()[n].target;
    json needs = json::array();
    for (const Edge* e : g.EdgesInto(n)) {
      needs.push_back({{"target", Name(g, e->parent)},
                       {"kind", std::string(graph::EdgeKindName(e->kind))},
                       {"origin", origin(e->origin)}});
    }
    json external = json::array();
    for (const graph::ExternalImage& x : g.externals()) {
      if (x.target != n) continue;
      external.push_back({{"image", x.ref},
                          {"kind", std::string(graph::EdgeKindName(x.kind))},
                          {"origin", origin(x.origin)}});
    }
    json args = json::object();
    for (const auto& [k, v] : t.args) args[k] = v ? json(*v) : json(nullptr);
    targets.push_back({{"name", t.name},
                       {"phase", plan.phase[n] + 1},
                       {"wanted", std::find(plan.wanted.begin(), plan.wanted.end(), n) !=
                                      plan.wanted.end()},
                       {"tags", t.tags},
                       {"context", Relative(project.directory, t.context)},
                       {"dockerfile", Dockerfile(g, n)},
                       {"target_stage", t.target_stage.empty() ? json(nullptr) : json(t.target_stage)},
                       {"args", args},
                       {"platforms", t.platforms},
                       {"cost", plan.cost[n]},
                       {"remaining_cost", plan.remaining[n]},
                       {"needs", needs},
                       {"external_images", external}});
  }
  json phases = json::array();
  for (const auto& phase : plan.phases) {
    json names = json::array();
    for (size_t n : phase) names.push_back(Name(g, n));
    phases.push_back(names);
  }
  json critical = json::array();
  for (size_t n : plan.critical_path) critical.push_back(Name(g, n));
  json out = {{"schema", "drydock.plan/v1"},
              {"project", {{"name", project.name}}},
              {"targets", targets},
              {"phases", phases},
              {"critical_path", {{"targets", critical}, {"cost", plan.critical_cost}}}};
  return out.dump(2) + "\n";
}

std::string PlanToDot(const BuildGraph& g, const Plan& plan) {
  auto quote = [](const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + "\"";
  };
  std::string out = fmt::format("digraph {} {{\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n",
                                quote(g.project().name));
  for (size_t n : plan.needed) {
    const project::Target& t = *g.nodes()[n].target;
    bool critical = std::find(plan.critical_path.begin(), plan.critical_path.end(), n) !=
                    plan.critical_path.end();
    out += fmt::format("  {} [label={}{}];\n", quote(t.name), quote(t.name + "\\n" + Tags(t)),
                       critical ? ", penwidth=2" : "");
  }
  for (size_t p = 0; p < plan.phases.size(); ++p) {
    out += "  { rank=same;";
    for (size_t n : plan.phases[p]) out += " " + quote(Name(g, n)) + ";";
    out += " }\n";
  }
  for (const Edge& e : g.edges()) {
    if (!plan.Needs(e.child)) continue;
    out += fmt::format("  {} -> {} [label={}];\n", quote(Name(g, e.parent)), quote(Name(g, e.child)),
                       quote(std::string(graph::EdgeKindName(e.kind))));
  }
  return out + "}\n";
}

}  // namespace drydock::cli
