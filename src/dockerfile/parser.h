// The Dockerfile parser: bytes in, a Dockerfile out, following BuildKit's parser
// (frontend/dockerfile/parser) byte for byte: directives, escape character, continuation lines
// (with comment and empty lines inside), shell vs JSON form, flags, heredocs, ONBUILD.
//
// Unlike BuildKit it does not stop at the first problem: every syntax error is collected in
// Dockerfile::errors (the first is the one BuildKit would report) and parsing resumes with the
// next instruction, so a user sees all of them at once.
#ifndef DRYDOCK_DOCKERFILE_PARSER_H_
#define DRYDOCK_DOCKERFILE_PARSER_H_

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "dockerfile/ast.h"

namespace drydock::dockerfile {

// BuildKit's limit on one physical line (bufio.Scanner's token size, less the newline).
inline constexpr size_t kMaxLineBytes = 65535;

// Parses `file`, which must outlive the result. Never fails: problems are in the result.
Dockerfile Parse(const SourceFile& file);

// Reports the result's syntax errors and warnings as diagnostics, in source order.
void ReportSyntaxProblems(const Dockerfile& dockerfile, DiagSink& sink);

}  // namespace drydock::dockerfile

#endif  // DRYDOCK_DOCKERFILE_PARSER_H_
