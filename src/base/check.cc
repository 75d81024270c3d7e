#include "base/check.h"

#include <cstdio>
#include <cstdlib>

namespace drydock {

void CheckFailed(const char* file, int line, const char* condition) {
  std::fprintf(stderr, "drydock: internal error at %s:%d: check failed: %s\n", file, line,
               condition);
  std::fflush(stderr);
  std::abort();
}

}  // namespace drydock
