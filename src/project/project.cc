#include "project/project.h"

namespace drydock::project {

const Target* Project::Find(const std::string& name) const {
  for (const Target& t : targets) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

}  // namespace drydock::project
