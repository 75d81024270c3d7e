#include "graph/build_graph.h"

#include <algorithm>
#include <map>

#include "base/strings.h"
#include "dockerfile/parser.h"
#include "dockerfile/stage_table.h"
#include "graph/image_ref.h"

namespace drydock::graph {

std::string_view EdgeKindName(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::kFrom: return "FROM";
    case EdgeKind::kCopyFrom: return "COPY --from";
    case EdgeKind::kMountFrom: return "RUN --mount";
    case EdgeKind::kNamedContext: return "context";
    case EdgeKind::kDependsOn: return "depends_on";
  }
  DD_UNREACHABLE("bad edge kind");
}

std::optional<size_t> BuildGraph::Find(const std::string& name) const {
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].target->name == name) return i;
  }
  return std::nullopt;
}

std::vector<const Edge*> BuildGraph::EdgesInto(size_t child) const {
  std::vector<const Edge*> out;
  for (const Edge& e : edges_) {
    if (e.child == child) out.push_back(&e);
  }
  return out;
}

std::vector<size_t> BuildGraph::FindCycle() const {
  enum class Color { kWhite, kGrey, kBlack };
  std::vector<Color> color(nodes_.size(), Color::kWhite);
  std::vector<size_t> stack;
  std::vector<size_t> cycle;
  // Iterative DFS along parent → child edges; a grey child closes a cycle.
  for (size_t root = 0; root < nodes_.size() && cycle.empty(); ++root) {
    if (color[root] != Color::kWhite) continue;
    std::vector<std::pair<size_t, size_t>> work = {{root, 0}};
    color[root] = Color::kGrey;
    stack.push_back(root);
    while (!work.empty() && cycle.empty()) {
      auto& [node, next] = work.back();
      const std::vector<size_t>& children = nodes_[node].children;
      if (next == children.size()) {
        color[node] = Color::kBlack;
        stack.pop_back();
        work.pop_back();
        continue;
      }
      size_t child = children[next++];
      if (color[child] == Color::kGrey) {
        auto start = std::find(stack.begin(), stack.end(), child);
        cycle.assign(start, stack.end());
        cycle.push_back(child);
      } else if (color[child] == Color::kWhite) {
        color[child] = Color::kGrey;
        stack.push_back(child);
        work.push_back({child, 0});
      }
    }
  }
  return cycle;
}

// Builds a BuildGraph; friend of BuildGraph.
class GraphBuilder {
 public:
  GraphBuilder(const project::Project& project, const FileSystem& fs, SourceFileSet& sources,
               DiagSink& sink)
      : project_(project), fs_(fs), sources_(sources), sink_(sink) {
    graph_.project_ = &project;
  }

  Result<BuildGraph> Build() {
    size_t errors_before = sink_.error_count();
    AddNodes();
    for (size_t i = 0; i < graph_.nodes_.size(); ++i) AddDockerfileEdges(i);
    for (size_t i = 0; i < graph_.nodes_.size(); ++i) AddExplicitEdges(i);
    FillAdjacency();
    std::vector<size_t> cycle = graph_.FindCycle();
    if (!cycle.empty()) ReportCycle(cycle);
    if (sink_.error_count() > errors_before) {
      return MakeError(cycle.empty() ? "the project's build graph has errors"
                                     : "the project's build graph has a cycle");
    }
    return std::move(graph_);
  }

 private:
  // The project file that declares `target`, for diagnostics about the target itself.
  Diagnostic AtTarget(const project::Target& target, Severity severity, std::string message) {
    return At(target.location.path, target.location.line, target.location.column, severity,
              std::move(message));
  }

  Diagnostic At(const std::string& path, uint32_t line, uint32_t column, Severity severity,
                std::string message) {
    Diagnostic d{severity, std::move(message), sources_.Find(path), {}, {}};
    if (d.file && line > 0) {
      uint32_t offset = d.file->LineStart(line) + (column > 0 ? column - 1 : 0);
      d.span = Span{offset, offset};
    } else if (!path.empty()) {
      d.file = nullptr;
      d.message = path + (line ? ":" + std::to_string(line) : "") + ": " + d.message;
    }
    return d;
  }

  void AddNodes() {
    std::map<std::string, size_t> owner;
    for (const project::Target& target : project_.targets) {
      Node node;
      node.target = &target;
      for (const std::string& tag : target.tags) {
        std::string name = NormalizeImageRef(tag);
        auto [it, inserted] = owner.emplace(name, graph_.nodes_.size());
        if (!inserted && it->second != graph_.nodes_.size()) {
          sink_.Report(AtTarget(target, Severity::kError,
                                "image " + tag + " is also produced by target \"" +
                                    graph_.nodes_[it->second].target->name + "\""));
          continue;
        }
        node.image_names.push_back(name);
      }
      node.dockerfile = target.dockerfile_inline ? "<inline>" : target.dockerfile;
      graph_.nodes_.push_back(std::move(node));
    }
    images_ = std::move(owner);
  }

  void AddEdge(size_t parent, size_t child, EdgeKind kind, EdgeOrigin origin) {
    graph_.edges_.push_back(Edge{parent, child, kind, std::move(origin)});
  }

  EdgeOrigin OriginAt(const SourceFile& file, Span span, std::string text) {
    LineCol at = file.Locate(span.begin);
    return EdgeOrigin{file.path(), at.line, at.col, std::move(text)};
  }

  // What an image reference in `child`'s Dockerfile resolves to: a named context, another
  // target's image, or an external image.
  void Resolve(size_t child, const std::string& ref, EdgeKind kind, EdgeOrigin origin) {
    const project::Target& target = *graph_.nodes_[child].target;
    std::string normalized = NormalizeImageRef(ref);
    for (const auto& [name, value] : target.additional_contexts) {
      if (name != ref && NormalizeImageRef(name) != normalized) continue;
      if (std::optional<size_t> parent = LinkedTarget(value)) {
        origin.text += " (context " + name + "=" + value + ")";
        AddEdge(*parent, child, kind, std::move(origin));
      } else if (value.rfind("docker-image://", 0) == 0) {
        graph_.externals_.push_back({value.substr(15), child, kind, std::move(origin)});
      }
      return;  // A local directory or URL: nothing to wait for.
    }
    if (auto it = images_.find(normalized); it != images_.end()) {
      AddEdge(it->second, child, kind, std::move(origin));
      return;
    }
    graph_.externals_.push_back({ref, child, kind, std::move(origin)});
  }

  // The target a `service:NAME` / `target:NAME` context value names, if it is one we build.
  std::optional<size_t> LinkedTarget(const std::string& value) {
    for (std::string_view prefix : {"service:", "target:"}) {
      if (value.rfind(prefix, 0) == 0) return graph_.Find(value.substr(prefix.size()));
    }
    return std::nullopt;
  }

  void AddDockerfileEdges(size_t index) {
    const project::Target& target = *graph_.nodes_[index].target;
    const SourceFile* file = nullptr;
    if (target.dockerfile_inline) {
      file = &sources_.Add(target.name + " (dockerfile_inline)", *target.dockerfile_inline);
    } else {
      Result<std::string> text = fs_.ReadFile(target.dockerfile);
      if (!text.ok()) {
        sink_.Report(AtTarget(target, Severity::kError,
                              "target \"" + target.name + "\": cannot read its Dockerfile: " +
                                  text.error().message));
        return;
      }
      file = &sources_.Add(target.dockerfile, std::move(*text));
    }
    dockerfile::Dockerfile df = dockerfile::Parse(*file);
    dockerfile::ReportSyntaxProblems(df, sink_);
    dockerfile::ExpansionEnv args;
    for (const auto& [name, value] : target.args) {
      if (value) args.Set(name, *value);
    }
    dockerfile::StageTable table = dockerfile::BuildStageTable(df, args);
    for (const dockerfile::SemanticError& e : table.errors) sink_.Error(file, e.span, e.message);
    if (table.stages.empty()) return;
    Result<size_t> wanted = table.ResolveTarget(target.target_stage);
    if (!wanted.ok()) {
      sink_.Report(AtTarget(target, Severity::kError,
                            "target \"" + target.name + "\": " + wanted.error().message));
      return;
    }
    // Only the stages the wanted stage needs are built (BuildKit skips the others), so only
    // their images are dependencies.
    std::vector<bool> needed(table.stages.size(), false);
    std::vector<size_t> todo = {*wanted};
    while (!todo.empty()) {
      size_t s = todo.back();
      todo.pop_back();
      if (needed[s]) continue;
      needed[s] = true;
      const dockerfile::Stage& stage = table.stages[s];
      if (stage.base.stage) todo.push_back(*stage.base.stage);
      for (const dockerfile::StageRef& ref : stage.copies_from) {
        if (ref.stage) todo.push_back(*ref.stage);
      }
    }
    for (const dockerfile::Stage& stage : table.stages) {
      if (!needed[stage.index]) continue;
      if (stage.base.kind == dockerfile::StageRef::Kind::kImage && !stage.base.text.empty()) {
        // Show what was written and, for an ARG-parameterised FROM, what it expanded to.
        std::string written(file->text().substr(stage.base.span.begin, stage.base.span.size()));
        std::string text = "FROM " + written;
        if (written != stage.base.text) text += " = " + stage.base.text;
        Resolve(index, stage.base.text, EdgeKind::kFrom, OriginAt(*file, stage.base.span, text));
      }
      for (const dockerfile::StageRef& ref : stage.copies_from) {
        if (ref.kind != dockerfile::StageRef::Kind::kImage) continue;
        bool mount = ref.instruction->keyword == dockerfile::Keyword::kRun;
        Resolve(index, ref.text, mount ? EdgeKind::kMountFrom : EdgeKind::kCopyFrom,
                OriginAt(*file, ref.span,
                         (mount ? "RUN --mount=from=" : "COPY --from=") + ref.text));
      }
    }
  }

  void AddExplicitEdges(size_t index) {
    const project::Target& target = *graph_.nodes_[index].target;
    const project::FileLocation& at = target.location;
    std::vector<std::string> names;
    for (const Node& n : graph_.nodes_) names.push_back(n.target->name);
    auto unknown = [&](const std::string& what, const std::string& name) {
      std::string message = "target \"" + target.name + "\": " + what + " names unknown target \"" +
                            name + "\"";
      std::string suggestion = SuggestClosest(name, names);
      if (!suggestion.empty()) message += " (did you mean \"" + suggestion + "\"?)";
      sink_.Report(AtTarget(target, Severity::kError, std::move(message)));
    };
    for (const auto& [name, value] : target.additional_contexts) {
      for (std::string_view prefix : {"service:", "target:"}) {
        if (value.rfind(prefix, 0) != 0) continue;
        std::string linked = value.substr(prefix.size());
        if (std::optional<size_t> parent = graph_.Find(linked)) {
          AddEdge(*parent, index, EdgeKind::kNamedContext,
                  EdgeOrigin{at.path, at.line, at.column, "context " + name + "=" + value});
        } else if (project_.external_images.count(linked) == 0) {
          unknown("context " + name, linked);
        }
      }
    }
    for (const std::string& dep : target.depends_on) {
      if (std::optional<size_t> parent = graph_.Find(dep)) {
        AddEdge(*parent, index, EdgeKind::kDependsOn,
                EdgeOrigin{at.path, at.line, at.column, "depends_on " + dep});
      } else if (project_.external_images.count(dep) == 0) {
        unknown("depends_on", dep);
      }
    }
  }

  void FillAdjacency() {
    for (const Edge& e : graph_.edges_) {
      graph_.nodes_[e.child].parents.push_back(e.parent);
      graph_.nodes_[e.parent].children.push_back(e.child);
    }
    for (Node& n : graph_.nodes_) {
      for (std::vector<size_t>* v : {&n.parents, &n.children}) {
        std::sort(v->begin(), v->end());
        v->erase(std::unique(v->begin(), v->end()), v->end());
      }
    }
  }

  void ReportCycle(const std::vector<size_t>& cycle) {
    std::string names;
    for (size_t i = 0; i < cycle.size(); ++i) {
      names += (i ? " -> " : "") + graph_.nodes_[cycle[i]].target->name;
    }
    for (size_t i = 0; i + 1 < cycle.size(); ++i) {
      const Edge* edge = nullptr;
      for (const Edge& e : graph_.edges_) {
        if (e.parent == cycle[i] && e.child == cycle[i + 1]) {
          edge = &e;
          break;
        }
      }
      DD_CHECK(edge != nullptr);
      std::string message = "\"" + graph_.nodes_[edge->child].target->name + "\" needs \"" +
                            graph_.nodes_[edge->parent].target->name + "\": " + edge->origin.text;
      if (i == 0) message = "build cycle " + names + "; " + message;
      sink_.Report(At(edge->origin.file, edge->origin.line, edge->origin.column,
                      i == 0 ? Severity::kError : Severity::kNote, std::move(message)));
    }
  }

  const project::Project& project_;
  const FileSystem& fs_;
  SourceFileSet& sources_;
  DiagSink& sink_;
  BuildGraph graph_;
  std::map<std::string, size_t> images_;  // Normalised image name → node.
};

Result<BuildGraph> BuildGraphFromProject(const project::Project& project, const FileSystem& fs,
                                         SourceFileSet& sources, DiagSink& sink) {
  return GraphBuilder(project, fs, sources, sink).Build();
}

}  // namespace drydock::graph
