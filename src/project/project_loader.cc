#include "project/project_loader.h"

#include <algorithm>

#include "base/strings.h"
#include "project/bake_loader.h"
#include "project/compose_loader.h"

namespace drydock::project {

namespace {

bool IsBakeFile(const std::string& path) {
  std::string name = BaseName(path);
  return name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0;
}

bool AnyExists(const std::vector<std::string>& names, const std::string& dir,
               const FileSystem& fs) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return fs.IsFile(JoinPath(dir, n)); });
}

}  // namespace

Result<Project> LoadProject(const LoadOptions& options, const FileSystem& fs,
                            SourceFileSet& sources, DiagSink& sink) {
  bool bake = false;
  if (!options.files.empty()) {
    bool all_bake = std::all_of(options.files.begin(), options.files.end(), IsBakeFile);
    bool any_bake = std::any_of(options.files.begin(), options.files.end(), IsBakeFile);
    if (any_bake && !all_bake) {
      return MakeError("-f: Compose files and bake files cannot be mixed");
    }
    bake = all_bake;
  } else if (!AnyExists(ComposeFileNames(), options.working_dir, fs) &&
             options.env.count("COMPOSE_FILE") == 0) {
    if (!AnyExists(BakeFileNames(), options.working_dir, fs)) {
      std::vector<std::string> names = ComposeFileNames();
      names.insert(names.end(), BakeFileNames().begin(), BakeFileNames().end());
      return MakeError("no project file in " + options.working_dir + " (looked for " +
                       Join(names, ", ") + "); name one with -f");
    }
    bake = true;
  }
  if (bake) {
    BakeOptions bake_options{options.files, options.working_dir, options.env};
    return LoadBakeProject(bake_options, fs, sources, sink);
  }
  ComposeOptions compose{options.files, options.working_dir, options.profiles,
                         options.project_name, options.env};
  return LoadComposeProject(compose, fs, sources, sink);
}

}  // namespace drydock::project
