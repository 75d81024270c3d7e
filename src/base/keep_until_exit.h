// Objects a command builds just before it ends, kept instead of destroyed.
#ifndef DRYDOCK_BASE_KEEP_UNTIL_EXIT_H_
#define DRYDOCK_BASE_KEEP_UNTIL_EXIT_H_

#include <type_traits>
#include <utility>

namespace drydock {

namespace internal {
// Records `object` (never freed). Not thread-safe: call from the main thread.
void Keep(const void* object);
}  // namespace internal

// Moves `object` to the heap and never destroys it: for the large structures a command
// returns from just before the process exits (every finding and file text of a lint run),
// whose destructors would only hand memory back to an allocator that is about to go away
// (clang's -disable-free; mold ends with _exit). The object stays reachable (LeakSanitizer
// does not report it). Only for values whose destructors release nothing but memory.
template <typename T>
void KeepUntilExit(T&& object) {
  internal::Keep(new std::decay_t<T>(std::forward<T>(object)));
}

}  // namespace drydock

#endif  // DRYDOCK_BASE_KEEP_UNTIL_EXIT_H_
