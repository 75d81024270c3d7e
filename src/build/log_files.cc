#include "build/log_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>

#include "base/file_system.h"
#include "build/json.h"

namespace drydock::build {

bool MakeDirectories(const std::string& path) {
  if (path.empty() || path == "/") return true;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) return S_ISDIR(st.st_mode);
  if (!MakeDirectories(DirName(path))) return false;
  return ::mkdir(path.c_str(), 0755) == 0 || errno == EEXIST;
}

bool WriteFileAtomically(const std::string& path, const std::string& content) {
  if (!MakeDirectories(DirName(path))) return false;
  std::string temp = path + ".tmp." + std::to_string(::getpid());
  std::FILE* f = std::fopen(temp.c_str(), "wb");
  if (f == nullptr) return false;
  bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok || std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    return false;
  }
  return true;
}

LogFiles::~LogFiles() {
  for (auto& [target, file] : files_) std::fclose(file);
}

std::FILE* LogFiles::Open(const std::string& target) {
  auto it = files_.find(target);
  if (it != files_.end()) return it->second;
  if (!MakeDirectories(dir_)) return nullptr;
  std::FILE* f = std::fopen((dir_ + "/" + target + ".log").c_str(), "wb");
  if (f != nullptr) files_[target] = f;
  return f;
}

void LogFiles::Started(const std::string& target) {}

void LogFiles::Step(const std::string& target, const StepInfo& step) {
  std::lock_guard<std::mutex> lock(mu_);
  std::FILE* f = Open(target);
  if (f == nullptr) return;
  const char* state = step.state == StepInfo::State::kStarted  ? ""
                      : step.state == StepInfo::State::kCached ? " (cached)"
                      : step.state == StepInfo::State::kFailed ? " (failed)"
                                                               : " (done)";
  std::fprintf(f, "#step %s%s\n", step.name.c_str(), state);
}

void LogFiles::Log(const std::string& target, std::string_view bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  if (std::FILE* f = Open(target)) std::fwrite(bytes.data(), 1, bytes.size(), f);
}

void LogFiles::Finished(const TargetReport& report) {
  std::lock_guard<std::mutex> lock(mu_);
  // An up-to-date or skipped target keeps the log of the build that made its image.
  bool ran = report.result == TargetResult::kBuilt || report.result == TargetResult::kFailed;
  if (files_.count(report.target) == 0 && (!ran || Open(report.target) == nullptr)) return;
  auto it = files_.find(report.target);
  std::fprintf(it->second, "#result %s%s%s\n", std::string(TargetResultName(report.result)).c_str(),
               report.reason.empty() ? "" : ": ", report.reason.c_str());
  std::fclose(it->second);
  files_.erase(it);
}

std::map<std::string, double> ParseDurations(const std::string& json_text) {
  std::map<std::string, double> out;
  Json doc = Json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return out;
  for (const auto& [name, value] : doc.items()) {
    if (value.is_number() && value.get<double>() >= 0) out[name] = value.get<double>();
  }
  return out;
}

std::string SerializeDurations(const std::map<std::string, double>& durations) {
  Json doc = Json::object();
  for (const auto& [name, seconds] : durations) doc[name] = std::round(seconds * 1000) / 1000;
  return doc.dump(1) + "\n";
}

}  // namespace drydock::build
