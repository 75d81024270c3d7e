#include "cli/build_check.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "cli/check_image.h"

namespace drydock::cli {

CheckingRunner::CheckingRunner(build::Runner& inner, const graph::BuildGraph& graph,
                               std::vector<size_t> nodes, bool check_all, ImageReader read)
    : inner_(inner), graph_(graph), nodes_(std::move(nodes)), check_all_(check_all), read_(std::move(read)) {}

build::RunResult CheckingRunner::Run(const build::BuildJob& job, build::RunObserver& observer,
                                     build::CancelToken& cancel) {
  build::RunResult result = inner_.Run(job, observer, cancel);
  if (result.status != build::RunResult::Status::kBuilt &&
      result.status != build::RunResult::Status::kUpToDate) {
    return result;
  }
  const graph::Node& node = graph_.nodes()[nodes_[job.index]];
  if (!node.target->drydock.check.value_or(check_all_)) return result;
  if (cancel.cancelled()) return result;

  Result<image::Image> image = read_(result.image_id);
  if (!image.ok()) {
    result.status = build::RunResult::Status::kFailed;
    result.message = "drydock check: cannot read the image: " + image.error().message;
    return result;
  }
  ImageCheck check = CheckImage(*image, /*is_base=*/!node.children.empty());
  observer.OnLog("drydock check:\n" + RenderCheckText(job.target, check.python, check.findings));
  // Findings are sorted errors first.
  auto is_error = [](const pyenv::Finding& f) { return f.severity == pyenv::Severity::kError; };
  size_t errors = std::count_if(check.findings.begin(), check.findings.end(), is_error);
  if (errors > 0) {
    const pyenv::Finding& first = check.findings.front();
    result.status = build::RunResult::Status::kFailed;
    result.message = fmt::format("drydock check found {} error{}: {} [{} {}]", errors, errors == 1 ? "" : "s",
                                 first.message, first.id, first.slug);
  }
  return result;
}

}  // namespace drydock::cli
