// A BuildObserver that writes every event as one text line, so tests compare a whole build's
// event sequence with one string. BuildKit digests are shortened to their first 12 hex digits.
#ifndef DRYDOCK_TESTS_TESTING_RECORDING_OBSERVER_H_
#define DRYDOCK_TESTS_TESTING_RECORDING_OBSERVER_H_

#include <cstdint>
#include <mutex>
#include <string>

#include "engine/build_events.h"

namespace drydock::testing {

class RecordingObserver : public engine::BuildObserver {
 public:
  // When false, upload progress is counted but not written (its granularity depends on the
  // socket buffers).
  explicit RecordingObserver(bool record_upload = false) : record_upload_(record_upload) {}

  void OnUploadProgress(uint64_t bytes_sent) override;
  void OnStep(const engine::StepEvent& event) override;
  void OnLog(const engine::LogEvent& event) override;
  void OnWarning(const engine::WarningEvent& event) override;

  // Lines such as:
  //   step started 3d5f0a1b2c3d [2/5] RUN make (stage= index=2 total=5)
  //   log 3d5f0a1b2c3d 1 "hello\n"
  std::string Text() const;
  uint64_t last_upload() const;

 private:
  mutable std::mutex mu_;
  bool record_upload_;
  uint64_t last_upload_ = 0;
  std::string text_;
};

// "sha256:0123456789abcdef..." -> "0123456789ab"; anything else unchanged.
std::string ShortId(const std::string& id);
// C-style quoting of bytes: \n, \r, \t, \", \\, \xNN for other control bytes.
std::string Quote(const std::string& bytes);

}  // namespace drydock::testing

#endif  // DRYDOCK_TESTS_TESTING_RECORDING_OBSERVER_H_
