#include "base/diagnostic.h"

#include <algorithm>

#include <fmt/format.h>

namespace drydock {

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
    case Severity::kNote: return "note";
  }
  DD_UNREACHABLE("bad severity");
}

namespace {

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Pads up to `prefix`'s display width, keeping tabs so the caret lines up in a terminal.
std::string CaretPadding(std::string_view prefix) {
  std::string pad;
  for (char c : prefix) {
    if (c == '\t') pad += '\t';
    else if (!IsUtf8Continuation(c)) pad += ' ';
  }
  return pad;
}

}  // namespace

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string id = d.id.empty() ? "" : fmt::format(" [{}]", d.id);
  if (d.file == nullptr) {
    return fmt::format("drydock: {}: {}{}\n", SeverityName(d.severity), d.message, id);
  }
  LineCol at = d.file->Locate(d.span.begin);
  std::string out = fmt::format("{}:{}:{}: {}: {}{}\n", d.file->path(), at.line, at.col,
                                SeverityName(d.severity), d.message, id);
  std::string_view line = d.file->LineText(at.line);
  uint32_t col0 = std::min<uint32_t>(at.col - 1, static_cast<uint32_t>(line.size()));
  uint32_t span_end = d.span.end > d.span.begin ? d.span.end : d.span.begin + 1;
  uint32_t line_end = d.file->LineStart(at.line) + static_cast<uint32_t>(line.size());
  uint32_t marked_end = std::min(span_end, line_end);
  uint32_t tildes = 0;
  for (uint32_t i = d.span.begin + 1; i < marked_end; ++i) {
    if (!IsUtf8Continuation(d.file->text()[i])) ++tildes;
  }
  out += fmt::format("{}\n{}^{}\n", line, CaretPadding(line.substr(0, col0)),
                     std::string(tildes, '~'));
  return out;
}

void DiagSink::Report(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::kError) ++error_count_;
  diagnostics_.push_back(std::move(diagnostic));
}

void DiagSink::Error(const SourceFile* file, Span span, std::string message) {
  Report(Diagnostic{Severity::kError, std::move(message), file, span, {}});
}

void DiagSink::Warning(const SourceFile* file, Span span, std::string message) {
  Report(Diagnostic{Severity::kWarning, std::move(message), file, span, {}});
}

}  // namespace drydock
