#include "build/status.h"

namespace drydock::build {

std::string_view TargetResultName(TargetResult result) {
  switch (result) {
    case TargetResult::kBuilt: return "built";
    case TargetResult::kUpToDate: return "up to date";
    case TargetResult::kFailed: return "failed";
    case TargetResult::kSkipped: return "skipped";
  }
  return "skipped";
}

std::string_view TargetResultJsonName(TargetResult result) {
  return result == TargetResult::kUpToDate ? "up-to-date" : TargetResultName(result);
}

int BuildSummary::Count(TargetResult result) const {
  int n = 0;
  for (const TargetReport& t : targets) n += t.result == result ? 1 : 0;
  return n;
}

void TeeStatus::Queued(const std::string& target) {
  for (Status* s : sinks_) s->Queued(target);
}
void TeeStatus::Started(const std::string& target) {
  for (Status* s : sinks_) s->Started(target);
}
void TeeStatus::Step(const std::string& target, const StepInfo& step) {
  for (Status* s : sinks_) s->Step(target, step);
}
void TeeStatus::Log(const std::string& target, std::string_view bytes) {
  for (Status* s : sinks_) s->Log(target, bytes);
}
void TeeStatus::Upload(const std::string& target, uint64_t sent, uint64_t total) {
  for (Status* s : sinks_) s->Upload(target, sent, total);
}
void TeeStatus::Finished(const TargetReport& report) {
  for (Status* s : sinks_) s->Finished(report);
}
void TeeStatus::Summary(const BuildSummary& summary) {
  for (Status* s : sinks_) s->Summary(summary);
}

}  // namespace drydock::build
