// The project `.env` file, read as `docker compose` reads it (compose-go
// dotenv.GetEnvFromFile, a port of godotenv): `KEY=value`, `export KEY=value`, quoting rules,
// inline comments, multi-line quoted values, `${VAR}` expansion where the process environment
// wins over keys defined earlier in the same file, and a bare `KEY` copying the process value.
#ifndef DRYDOCK_PROJECT_DOTENV_H_
#define DRYDOCK_PROJECT_DOTENV_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "project/interpolation.h"

namespace drydock::project {

// The variables the file defines, in file order (a later duplicate replaces the earlier value
// in place). `process_env` is the environment already set. The Error's message is compose-go's,
// with `path` as the file name, e.g. `failed to read <path>: line 2: key cannot contain a space`.
Result<std::vector<std::pair<std::string, std::string>>> ParseDotEnv(
    std::string_view text, std::string_view path, const VariableLookup& process_env,
    std::vector<std::string>* warnings = nullptr);

}  // namespace drydock::project

#endif  // DRYDOCK_PROJECT_DOTENV_H_
