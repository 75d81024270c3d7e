// Diagnostics: the channel for problems in the user's input. Processing goes on after one is
// reported so that every problem in a file is shown; callers checkpoint with has_errors().
#ifndef DRYDOCK_BASE_DIAGNOSTIC_H_
#define DRYDOCK_BASE_DIAGNOSTIC_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/source_file.h"

namespace drydock {

enum class Severity { kError, kWarning, kInfo, kNote };

std::string_view SeverityName(Severity severity);

// One finding about one place in one file. `file` is not owned and must outlive the diagnostic;
// it may be null for a problem that has no place (then only the message is shown).
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string message;
  const SourceFile* file = nullptr;
  Span span;
  std::string id;  // Stable code such as "DD3001"; empty for front-end errors.
};

// Renders `path:line:col: severity: message [id]`, then the source line and a caret line
// (`^` under the first byte, `~` under the rest of the span on that line). Ends with '\n'.
std::string FormatDiagnostic(const Diagnostic& diagnostic);

// Collects diagnostics in report order.
class DiagSink {
 public:
  void Report(Diagnostic diagnostic);
  void Error(const SourceFile* file, Span span, std::string message);
  void Warning(const SourceFile* file, Span span, std::string message);

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  bool has_errors() const { return error_count_ > 0; }
  size_t error_count() const { return error_count_; }

 private:
  std::vector<Diagnostic> diagnostics_;
  size_t error_count_ = 0;
};

}  // namespace drydock

#endif  // DRYDOCK_BASE_DIAGNOSTIC_H_
