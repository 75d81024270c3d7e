#include "base/diagnostic.h"

#include <gtest/gtest.h>

namespace drydock {
namespace {

TEST(FormatDiagnostic, ShowsLocationSourceLineAndCaret) {
  SourceFile file("Dockerfile", "FROM busybox\nRUN  echo hi\n");
  Diagnostic d{Severity::kError, "something is wrong", &file, Span{18, 22}, "DD1234"};
  EXPECT_EQ(FormatDiagnostic(d),
            "Dockerfile:2:6: error: something is wrong [DD1234]\n"
            "RUN  echo hi\n"
            "     ^~~~\n");
}

TEST(FormatDiagnostic, KeepsTabsAndCountsUtf8AsOneColumnInTheCaretLine) {
  SourceFile file("f", "\tLABEL é=x\n");
  Diagnostic d{Severity::kWarning, "w", &file, Span{10, 11}, ""};
  EXPECT_EQ(FormatDiagnostic(d), "f:1:11: warning: w\n\tLABEL é=x\n\t        ^\n");
}

TEST(FormatDiagnostic, SpanOverSeveralLinesIsMarkedToTheEndOfTheFirst) {
  SourceFile file("f", "RUN a \\\n  b\n");
  Diagnostic d{Severity::kError, "m", &file, Span{0, 11}, ""};
  EXPECT_EQ(FormatDiagnostic(d), "f:1:1: error: m\nRUN a \\\n^~~~~~~\n");
}

TEST(FormatDiagnostic, EndOfFileWithoutNewline) {
  SourceFile file("f", "FROM");
  Diagnostic d{Severity::kError, "m", &file, Span{4, 4}, ""};
  EXPECT_EQ(FormatDiagnostic(d), "f:1:5: error: m\nFROM\n    ^\n");
}

TEST(FormatDiagnostic, WithoutAFile) {
  Diagnostic d{Severity::kError, "engine not reachable", nullptr, {}, ""};
  EXPECT_EQ(FormatDiagnostic(d), "drydock: error: engine not reachable\n");
}

TEST(DiagSink, CountsErrorsOnly) {
  DiagSink sink;
  sink.Warning(nullptr, {}, "w");
  EXPECT_FALSE(sink.has_errors());
  sink.Error(nullptr, {}, "e");
  EXPECT_TRUE(sink.has_errors());
  EXPECT_EQ(sink.error_count(), 1u);
  EXPECT_EQ(sink.diagnostics().size(), 2u);
}

}  // namespace
}  // namespace drydock
