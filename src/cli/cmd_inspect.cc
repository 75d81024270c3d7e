// `drydock inspect IMAGE [--format=text|json] [--layer N] [--path P]`: reads an image offline
// (a docker save tarball, "-" for stdin, an OCI layout directory, or an image name streamed from
// the engine) and shows its config, layers, largest files and wasted bytes.
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/inspect_engine.h"
#include "cli/inspect_output.h"
#include "image/open_image.h"

namespace drydock::cli {

ExitStatus RunInspect(const Invocation& invocation) {
  CLI::App app("Read an image offline and show its config, layers and where its bytes go.", invocation.program);
  std::string spec;
  std::string format = "text";
  std::optional<int> layer;
  std::optional<std::string> path;
  size_t top = 10;
  app.add_option("image", spec, "docker save tarball, '-' for stdin, OCI layout directory, or image name")->required();
  app.add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
  app.add_option("--layer", layer, "list the changes of layer N (0 is the base)");
  app.add_option("--path", path, "show one path's story across the layers");
  app.add_option("--top", top, "rows in the largest-files and wasted tables (default 10)");
  std::vector<std::string> args(invocation.args.rbegin(), invocation.args.rend());
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? ExitStatus::kOk : ExitStatus::kUsage;
  }
  // Only the account files are kept: the USER shown in the facts is resolved through them.
  image::IndexOptions options;
  options.keep_content = [](std::string_view p, uint64_t size) -> uint64_t {
    return (p == "/etc/passwd" || p == "/etc/group") && size <= (1 << 20) ? image::kWholeFile : 0;
  };
  Result<image::Image> image = image::IsImagePath(spec) ? image::OpenImagePath(spec, options)
                                                        : ReadImageFromEngine(spec, options);
  if (!image.ok()) {
    fmt::print(stderr, "drydock: error: {}\n", image.error().message);
    return ExitStatus::kFailure;
  }
  if (layer && (*layer < 0 || static_cast<size_t>(*layer) >= image->layers.size())) {
    fmt::print(stderr, "drydock: error: --layer {}: the image has {} layers (0-{})\n", *layer, image->layers.size(),
               image->layers.empty() ? 0 : image->layers.size() - 1);
    return ExitStatus::kUsage;
  }
  InspectView view{layer, path, top};
  std::string out = format == "json" ? InspectToJson(*image, view) : InspectToText(*image, view);
  std::fputs(out.c_str(), stdout);
  return ExitStatus::kOk;
}

}  // namespace drydock::cli
