// Typed views of single instructions and BuildKit's per-instruction checks (known flags,
// argument counts), with BuildKit's messages. The syntax tree stays as parsed; these functions
// read it.
#ifndef DRYDOCK_DOCKERFILE_INSTRUCTIONS_H_
#define DRYDOCK_DOCKERFILE_INSTRUCTIONS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/source_file.h"
#include "dockerfile/ast.h"

namespace drydock::dockerfile {

// A problem the builder would reject after parsing (unknown instruction or flag, wrong number
// of arguments, bad stage name, ...).
struct SemanticError {
  std::string message;
  Span span;
};

// Checks one instruction as BuildKit's instructions.Parse does; appends what is wrong.
void CheckInstruction(const Instruction& instruction, std::vector<SemanticError>* errors);

// The values of a flag by name: every occurrence, in order ("--exclude" may repeat).
std::vector<std::string_view> FlagValues(const Instruction& instruction, std::string_view name);
// The last value of a flag, or nullopt when absent; a bare boolean flag gives "true".
std::optional<std::string> FlagValue(const Instruction& instruction, std::string_view name);
const Flag* FindFlag(const Instruction& instruction, std::string_view name);

// FROM [--platform=P] image [AS name].
struct FromArgs {
  const Word* image = nullptr;
  const Word* stage_name = nullptr;  // Null when unnamed.
  std::optional<std::string> platform;
};
std::optional<FromArgs> AsFrom(const Instruction& instruction);

// ARG name[=default] ...
struct ArgDecl {
  std::string name;
  std::optional<std::string> default_value;  // Unexpanded, quotes as written.
  Span span;
};
std::vector<ArgDecl> ArgDecls(const Instruction& instruction);

// ENV / LABEL pairs.
struct KeyValue {
  const Word* key = nullptr;
  const Word* value = nullptr;
  bool has_equals = false;  // `k=v` rather than the legacy `k v`.
};
std::vector<KeyValue> KeyValues(const Instruction& instruction);

// COPY / ADD sources and destination; heredoc sources are named by their delimiter.
struct SourcesAndDest {
  std::vector<const Word*> sources;
  const Word* dest = nullptr;
};
std::optional<SourcesAndDest> AsSourcesAndDest(const Instruction& instruction);

// One `--mount=type=...,from=...,...` of RUN: its comma-separated key=value fields.
struct MountSpec {
  std::vector<std::pair<std::string, std::string>> fields;
  Span span;
  std::optional<std::string_view> Get(std::string_view key) const;
};
std::vector<MountSpec> RunMounts(const Instruction& instruction);

}  // namespace drydock::dockerfile

#endif  // DRYDOCK_DOCKERFILE_INSTRUCTIONS_H_
