// What the user sees of a build: three Status printers and the final report they share.
//  - plain (no TTY, CI): whole lines "[target] text", never two targets within one line;
//  - tty: a live view redrawn in place (one line per running target: current step, elapsed
//    time, a bar while the context uploads), finished targets scrolling above it;
//  - json (--progress=json): one event object per line, the summary as the last one.
// Plain and tty end with the failure reports and the summary table.
#ifndef DRYDOCK_BUILD_STATUS_PRINTERS_H_
#define DRYDOCK_BUILD_STATUS_PRINTERS_H_

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "build/scheduler.h"
#include "build/status.h"

namespace drydock::build {

// Where printers write; each Write is one whole piece of output. cli/ passes stdout.
class Output {
 public:
  virtual ~Output() = default;
  virtual void Write(std::string_view text) = 0;
};

class FileOutput final : public Output {
 public:
  explicit FileOutput(std::FILE* file) : file_(file) {}
  void Write(std::string_view text) override;

 private:
  std::FILE* file_;
};

std::unique_ptr<Status> MakePlainPrinter(Output& out);
std::unique_ptr<Status> MakeJsonPrinter(Output& out);
// `width` is the terminal's column count; the view redraws itself every 100 ms from a thread
// of its own until Summary.
std::unique_ptr<Status> MakeTtyPrinter(Output& out, Clock& clock, int width);

// "sha256:0123456789abcdef…" -> "0123456789ab" (docker's short form).
std::string ShortImageId(const std::string& id);
// Docker's human sizes: "312B", "45.2kB", "123MB", "1.05GB" (powers of 1000, 3 significant digits).
std::string HumanSize(int64_t bytes);

// For each failed target: its failing step and Dockerfile line, exit code, last log lines,
// log path. Empty when nothing failed.
std::string FormatFailures(const BuildSummary& summary);
// The table (TARGET RESULT DURATION IMAGE SIZE) and the count line.
std::string FormatSummary(const BuildSummary& summary);

}  // namespace drydock::build

#endif  // DRYDOCK_BUILD_STATUS_PRINTERS_H_
