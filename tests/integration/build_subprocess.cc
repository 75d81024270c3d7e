#include "integration/build_subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

namespace drydock::testing {

namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

Subprocess::Subprocess(const std::vector<std::string>& argv, const std::string& cwd,
                       const std::map<std::string, std::string>& env) {
  static int counter = 0;
  std::string base = "/tmp/drydock-it-proc-" + std::to_string(::getpid()) + "-" +
                     std::to_string(counter++);
  out_path_ = base + ".out";
  err_path_ = base + ".err";
  start_ = Now();
  pid_ = ::fork();
  if (pid_ == 0) {
    ::setpgid(0, 0);
    int out = ::open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int in = ::open("/dev/null", O_RDONLY);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
    for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
}

Subprocess::~Subprocess() {
  if (pid_ > 0 && !reaped_) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  ::unlink(out_path_.c_str());
  ::unlink(err_path_.c_str());
}

void Subprocess::Signal(int signal_number) const {
  if (pid_ > 0 && !reaped_) ::kill(pid_, signal_number);
}

std::string Subprocess::OutputSoFar() const { return Slurp(out_path_); }

ProcessResult Subprocess::Wait(double deadline_seconds) {
  ProcessResult result;
  int status = 0;
  while (true) {
    pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) break;
    if (Now() - start_ > deadline_seconds) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      result.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  reaped_ = true;
  result.seconds = Now() - start_;
  if (!result.timed_out && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  result.out = Slurp(out_path_);
  result.err = Slurp(err_path_);
  return result;
}

ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& cwd,
                         const std::map<std::string, std::string>& env, double deadline_seconds) {
  Subprocess process(argv, cwd, env);
  return process.Wait(deadline_seconds);
}

}  // namespace drydock::testing
