// Image-config findings of `drydock check` (IM1001-IM1004), from an image's config and facts:
//   IM1001 command-not-found    error    ENTRYPOINT/CMD/HEALTHCHECK executable not on PATH for USER
//   IM1002 shebang-not-found    error    a script's #! interpreter does not exist in the image
//   IM1003 runs-as-root         warning  the image's USER is root (also 0, 0:0, root:root)
//   IM1004 secret-in-config     warning  a secret-looking Env or Label (value masked)
#ifndef DRYDOCK_CLI_CHECK_IMAGE_H_
#define DRYDOCK_CLI_CHECK_IMAGE_H_

#include <string>
#include <vector>

#include "image/image.h"
#include "image/image_facts.h"
#include "pyenv/findings.h"

namespace drydock::cli {

std::vector<pyenv::Finding> CheckImageConfig(const image::Image& image, const image::ImageFacts& facts);
// Whether the image's history runs ensurepip or `-m venv` (raises PY5001 to a warning).
bool HistoryUsesVenv(const image::Image& image);

// Everything `drydock check` says about an image: its Python environments and findings, the
// image-config ones included, sorted by severity (errors first), then ID.
struct ImageCheck {
  pyenv::PythonCheck python;
  std::vector<pyenv::Finding> findings;
};
// `is_base`: other images are built FROM this one (a base of the project): running as root is
// what a base must leave to its children, so IM1003 is not reported for it.
ImageCheck CheckImage(const image::Image& image, bool is_base = false);

// The text report: one finding per two lines (`target: severity: message [ID slug]`, hint),
// then the summary line.
std::string RenderCheckText(const std::string& target, const pyenv::PythonCheck& check,
                            const std::vector<pyenv::Finding>& findings);

}  // namespace drydock::cli

#endif  // DRYDOCK_CLI_CHECK_IMAGE_H_
