// The engine module's one include of nlohmann/json (internal: no public engine header
// includes it), plus the few typed reads the decoders share.
#ifndef DRYDOCK_ENGINE_JSON_H_
#define DRYDOCK_ENGINE_JSON_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::engine {

using Json = nlohmann::json;

// Parses without exceptions; nullopt on malformed input.
std::optional<Json> ParseJson(std::string_view text);

// `object[key]` when it is a string, else "".
std::string JsonString(const Json& object, const char* key);
// `object[key]` as a list of strings (non-strings skipped; null or missing -> empty).
std::vector<std::string> JsonStringList(const Json& object, const char* key);
// `object[key]` as a string map (non-string values skipped; null or missing -> empty).
std::map<std::string, std::string> JsonStringMap(const Json& object, const char* key);

}  // namespace drydock::engine

#endif  // DRYDOCK_ENGINE_JSON_H_
