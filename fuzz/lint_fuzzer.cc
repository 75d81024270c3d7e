// Parse + every lint rule on arbitrary bytes, with an in-memory build context (so DD8001-DD8003
// walk a tree with junk, an ignore file taken from the input, and `!` exceptions) and project
// facts (the input is also the Dockerfile of a project image other stages can be FROM).
// Input: the Dockerfile, optionally followed by "\n#---\n" and the .dockerignore.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/file_system.h"
#include "lint/project_facts.h"
#include "lint/runner.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace drydock;
  std::string input(reinterpret_cast<const char*>(data), size);
  std::string text = input;
  std::optional<std::string> ignore;
  if (size_t cut = input.find("\n#---\n"); cut != std::string::npos) {
    text = input.substr(0, cut + 1);
    ignore = input.substr(cut + 6);
  }
  SourceFile file("Dockerfile", text);
  MemoryFileSystem fs;
  fs.Write("/ctx/requirements.txt", "git+https://example.com/x.git@main\nrequests\n");
  fs.Write("/ctx/app.py", "print(1)\n");
  fs.Write("/ctx/.git/HEAD", "ref: refs/heads/main\n");
  fs.Write("/ctx/venv/pyvenv.cfg", "home = /usr/bin\n");
  fs.Write("/ctx/src/__pycache__/a.pyc", "x");
  fs.Write("/ctx/data/big.zip", std::string(64, 'z'));  // Over the threshold set below.
  fs.Write("/ctx/.env", "TOKEN=x\n");
  fs.Write("/ctx/node_modules/x/index.js", "1");
  fs.Symlink("/ctx/link", "app.py");
  fs.Write("/ctx/Dockerfile", text);
  if (ignore) fs.Write(size % 3 == 0 ? "/ctx/Dockerfile.dockerignore" : "/ctx/.dockerignore", *ignore);
  lint::BuildContext context{"/ctx", "/ctx/Dockerfile", &fs, size % 5 == 0};
  lint::ProjectImage image;
  image.target = "base";
  image.tags = {"proj/base:1", "base"};
  image.dockerfile_text = text;
  lint::ProjectFacts facts({image}, lint::BuiltinBaseFacts());
  lint::LintRequest request;
  request.build_context = &context;
  request.bases = &facts;
  request.explain = size % 2 == 0;
  request.config.options["DD8002"]["archive-min-bytes"] = "16";
  for (const lint::LintFinding& f : lint::LintDockerfile(file, request)) {
    (void)FormatDiagnostic(lint::ToDiagnostic(file, f));
  }
  return 0;
}
