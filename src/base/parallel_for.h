// Runs independent pieces of work on a few threads.
#ifndef DRYDOCK_BASE_PARALLEL_FOR_H_
#define DRYDOCK_BASE_PARALLEL_FOR_H_

#include <cstddef>
#include <functional>

namespace drydock {

// Calls fn(0) … fn(count - 1), each exactly once, on up to `threads` threads (the calling
// one included), taking indices in order as threads free up; returns when all are done.
// `threads` 0 means one per core. fn must be safe to run concurrently with itself and must
// not throw. With one thread or one item everything runs on the caller, in order.
void ParallelFor(size_t count, unsigned threads, const std::function<void(size_t)>& fn);

}  // namespace drydock

#endif  // DRYDOCK_BASE_PARALLEL_FOR_H_
