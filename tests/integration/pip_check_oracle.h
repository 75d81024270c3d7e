// pip check as the oracle for drydock check: run inside a container of the image, per
// environment, and compared with drydock's unsatisfied-requirement findings.
#ifndef DRYDOCK_TESTS_INTEGRATION_PIP_CHECK_ORACLE_H_
#define DRYDOCK_TESTS_INTEGRATION_PIP_CHECK_ORACLE_H_

#include <string>

namespace drydock::testing {

// For each environment `drydock check --format=json image` lists whose interpreter (its `python`
// field) has pip, runs `<python> -m pip check` in a container of `image` (no network) and adds a
// gtest failure unless drydock's PY2001/PY2002 messages for that environment, minus the
// " (<environment>)" suffix, are pip's lines without their final "." (as sets), and pip exits 1
// exactly when there are any. Returns how many environments were compared.
int ExpectPipCheckAgrees(const std::string& drydock_binary, const std::string& image);

}  // namespace drydock::testing

#endif  // DRYDOCK_TESTS_INTEGRATION_PIP_CHECK_ORACLE_H_
