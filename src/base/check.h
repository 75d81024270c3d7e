// DD_CHECK: the bug channel. A broken invariant aborts with file:line; it is never used for
// bad input (that is a Diagnostic) or a failing operation (that is a Result).
#ifndef DRYDOCK_BASE_CHECK_H_
#define DRYDOCK_BASE_CHECK_H_

namespace drydock {
[[noreturn]] void CheckFailed(const char* file, int line, const char* condition);
}  // namespace drydock

#define DD_CHECK(cond)                                     \
  do {                                                     \
    if (!(cond)) ::drydock::CheckFailed(__FILE__, __LINE__, #cond); \
  } while (0)

#define DD_UNREACHABLE(msg) ::drydock::CheckFailed(__FILE__, __LINE__, msg)

#endif  // DRYDOCK_BASE_CHECK_H_
