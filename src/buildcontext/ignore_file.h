// Reading a .dockerignore file into the pattern list a builder works with, exactly as
// moby/patternmatcher's ignorefile.ReadAll does (the function the docker CLI, BuildKit's
// dockerfile frontend and the daemon all call).
#ifndef DRYDOCK_BUILDCONTEXT_IGNORE_FILE_H_
#define DRYDOCK_BUILDCONTEXT_IGNORE_FILE_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace drydock::buildcontext {

// ignorefile.ReadAll over the file's bytes. Lines split on `\n` with one trailing `\r` dropped;
// a UTF-8 BOM is removed from line 1 only; a line is a comment only when `#` is its first byte;
// Go's TrimSpace (Unicode spaces too) drops blank lines; a leading `!` is split off before the
// rest is trimmed, lexically cleaned (`.`, `..`, `//`) and stripped of one leading `/` (a lone
// `/` stays). A lone `!` survives here: PatternMatcher::New is what rejects it. Fails, as Go's
// bufio.Scanner does, with "bufio.Scanner: token too long" when any line is 64 KiB or longer.
Result<std::vector<std::string>> ReadIgnoreFile(std::string_view content);

}  // namespace drydock::buildcontext

#endif  // DRYDOCK_BUILDCONTEXT_IGNORE_FILE_H_
