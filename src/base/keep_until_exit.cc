#include "base/keep_until_exit.h"

#include <vector>

namespace drydock::internal {

void Keep(const void* object) {
  // Leaked on purpose along with what it points to: a destructor here would free the list
  // but not the objects, which stay reachable through it until the end.
  static auto* kept = new std::vector<const void*>();
  kept->push_back(object);
}

}  // namespace drydock::internal
