// The exec-form argument list: a JSON array of strings, decoded as Go's encoding/json decodes
// it into []any, because BuildKit's fallback rule depends on exactly which inputs Go rejects.
#ifndef DRYDOCK_DOCKERFILE_JSON_ARRAY_H_
#define DRYDOCK_DOCKERFILE_JSON_ARRAY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::dockerfile {

struct JsonArrayString {
  std::string value;   // Decoded; invalid UTF-8 and lone surrogates become U+FFFD.
  uint32_t begin = 0;  // Byte range of the quoted token in the input.
  uint32_t end = 0;
};

enum class JsonArrayStatus {
  kStrings,     // A valid JSON array whose elements are all strings.
  kNotStrings,  // A valid JSON array with a non-string element: BuildKit's error.
  kNotJson,     // Anything else: BuildKit falls back to shell form.
};

struct JsonArray {
  JsonArrayStatus status = JsonArrayStatus::kNotJson;
  std::vector<JsonArrayString> strings;
};

// Parses `text` (leading Unicode white space allowed, as BuildKit trims it).
JsonArray ParseJsonArray(std::string_view text);

// When `text` is one valid JSON object whose member `key` (the last, if repeated) is a string,
// that string; used for the `{"syntax": "..."}` directive form.
std::optional<std::string> FindJsonObjectString(std::string_view text, std::string_view key);

}  // namespace drydock::dockerfile

#endif  // DRYDOCK_DOCKERFILE_JSON_ARRAY_H_
