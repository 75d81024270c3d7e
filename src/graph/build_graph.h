// The BuildGraph: the targets of a project and why each must wait for another. Edges come from
// what the Dockerfiles say — a FROM, COPY --from or RUN --mount=from naming an image another
// target produces (ARGs expanded with that target's build args) — and from explicit links
// (Compose `service:` contexts and depends_on, bake `target:` contexts). Pure: no engine, no
// threads, deterministic.
#ifndef DRYDOCK_GRAPH_BUILD_GRAPH_H_
#define DRYDOCK_GRAPH_BUILD_GRAPH_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "base/result.h"
#include "project/project.h"

namespace drydock::graph {

enum class EdgeKind { kFrom, kCopyFrom, kMountFrom, kNamedContext, kDependsOn };

// "FROM", "COPY --from", "RUN --mount", "context", "depends_on".
std::string_view EdgeKindName(EdgeKind kind);

// Where a dependency is written: the file, position and the words that make it.
struct EdgeOrigin {
  std::string file;        // Absolute path (a Dockerfile or a project file).
  uint32_t line = 0;
  uint32_t column = 0;
  std::string text;        // e.g. "FROM base-cpu:latest" (ARGs expanded).
};

// `child` cannot start before `parent` has finished.
struct Edge {
  size_t parent = 0;
  size_t child = 0;
  EdgeKind kind = EdgeKind::kFrom;
  EdgeOrigin origin;
};

// An image a target needs that no target of the project produces: it must exist in the
// engine or a registry at build time.
struct ExternalImage {
  std::string ref;  // As written, ARGs expanded.
  size_t target = 0;
  EdgeKind kind = EdgeKind::kFrom;
  EdgeOrigin origin;
};

struct Node {
  const project::Target* target = nullptr;
  std::vector<std::string> image_names;  // Normalised names the build produces.
  std::string dockerfile;                // Absolute path, or "<inline>".
  std::vector<size_t> parents;           // Node indices, sorted, unique.
  std::vector<size_t> children;
};

class BuildGraph {
 public:
  BuildGraph() = default;

  const project::Project& project() const { return *project_; }
  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<Edge>& edges() const { return edges_; }
  const std::vector<ExternalImage>& externals() const { return externals_; }
  // The node of target `name`, or nullopt.
  std::optional<size_t> Find(const std::string& name) const;
  // The edges into `child`, in the order they were found.
  std::vector<const Edge*> EdgesInto(size_t child) const;
  // A cycle as node indices a → b → … → a (first repeated at the end), or empty.
  std::vector<size_t> FindCycle() const;

 private:
  friend class GraphBuilder;
  const project::Project* project_ = nullptr;
  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<ExternalImage> externals_;
};

// Derives the graph of `project` (which must outlive it), reading each Dockerfile through
// `fs`. Problems (an unreadable Dockerfile, a syntax error, a link to an unknown target, a
// cycle) are diagnostics in `sink`, located in files kept in `sources`; the result is an Error
// when the graph is unusable (a cycle, or errors found).
Result<BuildGraph> BuildGraphFromProject(const project::Project& project, const FileSystem& fs,
                                         SourceFileSet& sources, DiagSink& sink);

}  // namespace drydock::graph

#endif  // DRYDOCK_GRAPH_BUILD_GRAPH_H_
