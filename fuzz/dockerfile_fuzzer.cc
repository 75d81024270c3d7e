// Directives, lexer, parser, dump, stage table and word expansion on arbitrary bytes: nothing
// may crash, hang or trip a sanitizer.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "dockerfile/directives.h"
#include "dockerfile/dump.h"
#include "dockerfile/parser.h"
#include "dockerfile/stage_table.h"
#include "dockerfile/word_expander.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace drydock;
  using namespace drydock::dockerfile;
  std::string text(reinterpret_cast<const char*>(data), size);

  SourceFile file("Dockerfile", text);
  Dockerfile df = Parse(file);
  (void)DumpDockerfile(df);
  StageTable table = BuildStageTable(df);
  (void)table.ResolveTarget("build");
  DiagSink sink;
  ReportSyntaxProblems(df, sink);
  for (const Diagnostic& d : sink.diagnostics()) (void)FormatDiagnostic(d);
  (void)DetectSyntax(text);

  // The word expander on the first line, in both modes and with both escape characters.
  std::string_view word = std::string_view(text).substr(0, text.find('\n'));
  ExpansionEnv env = ExpansionEnv::FromList({"A=a b", "EMPTY=", "X=*.tar.gz", "P=/usr/bin"});
  for (char escape : {'\\', '`'}) {
    ExpandOptions options;
    options.escape = escape;
    options.skip_unset_env = size % 2 == 1;
    (void)ExpandWord(word, env, options);
    (void)ExpandWords(word, env, options);
  }
  return 0;
}
