#include "project/project.h"

namespace drydock::project {

const Target* Project::Find(const std::string& target_name) const {
  for (const Target& t : targets) {
    if (t.name == target_name) return &t;
  }
  return nullptr;
}

}  // namespace drydock::project
