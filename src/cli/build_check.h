// `drydock build --check` (and `x-drydock: {check: true}` on a target): after a target's image is
// built or found up to date, read it back from the engine and run `drydock check` on it. Errors
// fail the target, so its dependents are skipped as after a failed build; the report goes to
// the target's log (and so into the failure report).
#ifndef DRYDOCK_CLI_BUILD_CHECK_H_
#define DRYDOCK_CLI_BUILD_CHECK_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "base/result.h"
#include "build/runner.h"
#include "graph/build_graph.h"
#include "image/image.h"

namespace drydock::cli {

// Reads an image (by ID) for checking; the real one asks the engine (ReadImageFromEngine).
using ImageReader = std::function<Result<image::Image>(const std::string& image_id)>;

// Wraps `inner`: a target is checked when its `x-drydock.check` says so, else when
// `check_all` (--check) is set. A target other targets build FROM is checked as a base
// (IM1003 runs-as-root is left to its children). `nodes[i]` is the graph node of schedule
// entry i.
class CheckingRunner final : public build::Runner {
 public:
  CheckingRunner(build::Runner& inner, const graph::BuildGraph& graph, std::vector<size_t> nodes,
                 bool check_all, ImageReader read);

  build::RunResult Run(const build::BuildJob& job, build::RunObserver& observer,
                       build::CancelToken& cancel) override;

 private:
  build::Runner& inner_;
  const graph::BuildGraph& graph_;
  std::vector<size_t> nodes_;
  bool check_all_;
  ImageReader read_;
};

}  // namespace drydock::cli

#endif  // DRYDOCK_CLI_BUILD_CHECK_H_
