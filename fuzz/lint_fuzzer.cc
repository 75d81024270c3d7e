// Parse + every lint rule (with an in-memory build context) on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/file_system.h"
#include "lint/runner.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace drydock;
  std::string text(reinterpret_cast<const char*>(data), size);
  SourceFile file("Dockerfile", text);
  static MemoryFileSystem* fs = [] {
    auto* m = new MemoryFileSystem();
    m->Write("/ctx/requirements.txt", "git+https://example.com/x.git@main\nrequests\n");
    m->Write("/ctx/app.py", "print(1)\n");
    m->Write("/ctx/.git/HEAD", "ref: refs/heads/main\n");
    return m;
  }();
  lint::BuildContext context{"/ctx", "/ctx/Dockerfile", fs};
  lint::LintRequest request;
  request.build_context = &context;
  request.explain = size % 2 == 0;
  for (const lint::LintFinding& f : lint::LintDockerfile(file, request)) {
    (void)FormatDiagnostic(lint::ToDiagnostic(file, f));
  }
  return 0;
}
