// Running the drydock binary as a child process in integration tests: environment overrides,
// output captured to files, a deadline (a hang fails the test instead of blocking CI), and
// signals sent while it runs.
#ifndef DRYDOCK_TESTS_INTEGRATION_BUILD_SUBPROCESS_H_
#define DRYDOCK_TESTS_INTEGRATION_BUILD_SUBPROCESS_H_

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace drydock::testing {

struct ProcessResult {
  int exit_code = -1;     // -1 when killed at the deadline.
  bool timed_out = false;
  double seconds = 0;     // Wall time from start to exit.
  std::string out;        // Standard output.
  std::string err;        // Standard error.
};

// A started child. Wait() reaps it; the destructor kills (SIGKILL) and reaps it if still running.
class Subprocess {
 public:
  Subprocess(const std::vector<std::string>& argv, const std::string& cwd,
             const std::map<std::string, std::string>& env);
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  void Signal(int signal_number) const;
  // Waits at most `deadline_seconds`; past it the child is killed and timed_out is set.
  ProcessResult Wait(double deadline_seconds);
  // Standard output so far (for waiting on a progress event).
  std::string OutputSoFar() const;

 private:
  pid_t pid_ = -1;
  std::string out_path_, err_path_;
  double start_ = 0;
  bool reaped_ = false;
};

ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& cwd,
                         const std::map<std::string, std::string>& env, double deadline_seconds);

}  // namespace drydock::testing

#endif  // DRYDOCK_TESTS_INTEGRATION_BUILD_SUBPROCESS_H_
