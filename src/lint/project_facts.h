// Base facts for the images a project builds: a target built `FROM` another target of the
// same project (`FROM base-cpu:latest` where base-cpu's `image:` is base-cpu:latest) starts
// from that target's final ledger, so rules know what the parent installed, and rules about
// external images (DD1001 from-without-tag, DD1002 from-latest) leave it alone.
#ifndef DRYDOCK_LINT_PROJECT_FACTS_H_
#define DRYDOCK_LINT_PROJECT_FACTS_H_

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dockerfile/word_expander.h"
#include "lint/ledger.h"

namespace drydock::lint {

// One image of the project: the names it is tagged with and how it is built.
struct ProjectImage {
  std::string target;                 // The target's name ("base-cpu").
  std::vector<std::string> tags;      // Every name the build produces ("base-cpu:latest").
  std::string dockerfile_text;        // The Dockerfile's bytes.
  std::string target_stage;           // Stage built; empty for the last one.
  dockerfile::ExpansionEnv build_args;
};

// "name" = "name:latest" = "docker.io/library/name:latest": the form tags are compared in.
std::string NormalizeImageName(const std::string& image);

// Answers for the project's own images with their final ledgers (built on first use, with
// this provider for their own bases, so a chain base-cpu → base-cuda → base-ml resolves), and
// asks `fallback` for anything else. A cycle, or a target whose base is unknown, gives facts
// with base_known = false but origin kProjectTarget. Thread-safe: one lock guards the cache,
// held across a whole lookup so a second thread waits for a ledger another is building
// instead of taking it for a cycle.
class ProjectFacts final : public BaseFacts {
 public:
  ProjectFacts(std::vector<ProjectImage> images, const BaseFacts& fallback);
  SharedFacts Lookup(const std::string& image) const override;

 private:
  std::vector<ProjectImage> images_;
  const BaseFacts& fallback_;
  std::map<std::string, size_t> by_name_;           // Normalised tag → images_ index.
  mutable std::recursive_mutex mutex_;              // Re-entered by a target's own base lookups.
  mutable std::map<size_t, SharedFacts> finished_;  // Final facts by images_ index.
  mutable std::set<size_t> in_progress_;           // Guards against FROM cycles.
};

}  // namespace drydock::lint

#endif  // DRYDOCK_LINT_PROJECT_FACTS_H_
