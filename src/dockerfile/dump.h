// BuildKit's Node.Dump() format: one `(name ["--flags"] "arg" ...)` line per instruction, the
// form BuildKit's own parser tests compare against.
#ifndef DRYDOCK_DOCKERFILE_DUMP_H_
#define DRYDOCK_DOCKERFILE_DUMP_H_

#include <string>

#include "dockerfile/ast.h"

namespace drydock::dockerfile {

// One instruction, without parentheses: `copy ["--from=a"] "x" "y"`.
std::string DumpInstruction(const Instruction& instruction);

// The whole file as BuildKit's tests expect it: Dump() of the root plus a final newline.
std::string DumpDockerfile(const Dockerfile& dockerfile);

}  // namespace drydock::dockerfile

#endif  // DRYDOCK_DOCKERFILE_DUMP_H_
