// Process exit statuses: part of drydock's interface (scripts and CI branch on them).
#ifndef DRYDOCK_CLI_EXIT_STATUS_H_
#define DRYDOCK_CLI_EXIT_STATUS_H_

namespace drydock::cli {

enum class ExitStatus {
  kOk = 0,           // Nothing to report.
  kFindings = 1,     // Problems in the input (parse errors, findings, failed targets).
  kUsage = 2,        // The command line was wrong.
  kFailure = 3,      // An operation failed (unreadable file, engine gone).
  kInterrupted = 130,
};

}  // namespace drydock::cli

#endif  // DRYDOCK_CLI_EXIT_STATUS_H_
