// A Status that keeps each target's full build log in `<dir>/<target>.log` (.drydock/logs/),
// rewritten by every run that builds the target (an up-to-date one keeps the old log): step lines ("#step [2/5] RUN make"), the
// build's output as received, and a last line with the result.
#ifndef DRYDOCK_BUILD_LOG_FILES_H_
#define DRYDOCK_BUILD_LOG_FILES_H_

#include <cstdio>
#include <map>
#include <mutex>
#include <string>

#include "build/status.h"

namespace drydock::build {

class LogFiles final : public Status {
 public:
  // `dir` is created when needed. A log that cannot be opened is silently not kept: logs must
  // never fail a build.
  explicit LogFiles(std::string dir) : dir_(std::move(dir)) {}
  ~LogFiles() override;

  void Started(const std::string& target) override;
  void Step(const std::string& target, const StepInfo& step) override;
  void Log(const std::string& target, std::string_view bytes) override;
  void Finished(const TargetReport& report) override;

 private:
  std::FILE* Open(const std::string& target);  // Under mu_.

  std::string dir_;
  std::mutex mu_;
  std::map<std::string, std::FILE*> files_;
};

// mkdir -p.
bool MakeDirectories(const std::string& path);
// Writes `content` to `path` through a temporary file and rename, so a reader never sees half.
bool WriteFileAtomically(const std::string& path, const std::string& content);

// durations.json: {"target": seconds, ...}. Malformed text gives an empty map.
std::map<std::string, double> ParseDurations(const std::string& json_text);
std::string SerializeDurations(const std::map<std::string, double>& durations);

}  // namespace drydock::build

#endif  // DRYDOCK_BUILD_LOG_FILES_H_
