// The build module's one include of nlohmann/json (internal: no public build header includes
// it). Used for the state files and the json progress events.
#ifndef DRYDOCK_BUILD_JSON_H_
#define DRYDOCK_BUILD_JSON_H_

#include <nlohmann/json.hpp>

namespace drydock::build {

// Keys keep their insertion order: events read "event", "target", ... first.
using Json = nlohmann::ordered_json;

}  // namespace drydock::build

#endif  // DRYDOCK_BUILD_JSON_H_
