// Syntax errors as the user sees them: the whole diagnostic text, every error in the file.
#include <string>

#include <gtest/gtest.h>

#include "base/diagnostic.h"
#include "dockerfile/parser.h"

namespace drydock::dockerfile {
namespace {

std::string Diagnose(const std::string& text) {
  SourceFile file("Dockerfile", text);
  Dockerfile df = Parse(file);
  DiagSink sink;
  ReportSyntaxProblems(df, sink);
  std::string out;
  for (const Diagnostic& d : sink.diagnostics()) out += FormatDiagnostic(d);
  return out;
}

TEST(ParserErrors, EnvWithoutValue) {
  EXPECT_EQ(Diagnose("FROM busybox\n\nENV PATH\n"),
            "Dockerfile:3:5: error: ENV must have two arguments\n"
            "ENV PATH\n"
            "    ^~~~\n");
}

TEST(ParserErrors, NestedJson) {
  EXPECT_EQ(Diagnose("CMD [ \"echo\", [ \"nested json\" ] ]\n"),
            "Dockerfile:1:5: error: when using JSON array syntax, arrays must be comprised of "
            "strings only\n"
            "CMD [ \"echo\", [ \"nested json\" ] ]\n"
            "    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
}

TEST(ParserErrors, EmptyFile) {
  EXPECT_EQ(Diagnose(""), "Dockerfile:1:1: error: file with no instructions\n\n^\n");
  EXPECT_EQ(Diagnose("# Hello\n# only comments\n\n"),
            "Dockerfile:3:2: error: file with no instructions\n\n^\n");
}

TEST(ParserErrors, KeyValueWithoutEquals) {
  EXPECT_EQ(Diagnose("FROM a\nLABEL a=b c\n"),
            "Dockerfile:2:11: error: Syntax error - can't find = in \"c\". Must be of the form: "
            "name=value\n"
            "LABEL a=b c\n"
            "          ^\n");
}

TEST(ParserErrors, RepeatedDirectiveAndUnterminatedHeredocAreAllReported) {
  EXPECT_EQ(Diagnose("# syntax=a\n# syntax=b\nFROM a\nENV X\nRUN <<EOF\nnever closed\n"),
            "Dockerfile:2:1: error: only one syntax parser directive can be used\n"
            "# syntax=b\n"
            "^~~~~~~~~~\n"
            "Dockerfile:4:5: error: ENV must have two arguments\n"
            "ENV X\n"
            "    ^\n"
            "Dockerfile:5:5: error: unterminated heredoc\n"
            "RUN <<EOF\n"
            "    ^~~~~\n");
}

TEST(ParserErrors, EmptyContinuationLineIsAWarning) {
  EXPECT_EQ(Diagnose("FROM a\nRUN a \\\n\n  b\n"),
            "Dockerfile:2:1: warning: Empty continuation line found in: RUN a   b\n"
            "RUN a \\\n"
            "^\n");
}

TEST(ParserErrors, LineTooLong) {
  std::string text = "FROM a\nRUN " + std::string(70000, 'x') + "\n";
  std::string out = Diagnose(text);
  EXPECT_EQ(out.substr(0, out.find('\n')),
            "Dockerfile:2:1: error: dockerfile line greater than max allowed size of 65535");
}

}  // namespace
}  // namespace drydock::dockerfile
