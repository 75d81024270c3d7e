// SourceFile owns the bytes of one input (a Dockerfile, a compose file) at a stable address, so
// that spans and string_views into it stay valid for the file's lifetime. Line and column are
// computed on demand from byte offsets.
#ifndef DRYDOCK_BASE_SOURCE_FILE_H_
#define DRYDOCK_BASE_SOURCE_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace drydock {

// A half-open byte range [begin, end) in one SourceFile.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool operator==(const Span&) const = default;
};

// 1-based line and column; the column counts bytes, as compilers do.
struct LineCol {
  uint32_t line = 1;
  uint32_t col = 1;
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  // Reads a whole file ("-" reads standard input).
  static Result<std::unique_ptr<SourceFile>> Read(const std::string& path);

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }

  // Line/column of a byte offset (offset == size() is the end of the last line).
  LineCol Locate(uint32_t offset) const;
  // Byte offset where 1-based `line` starts; the end of the text past the last line.
  uint32_t LineStart(uint32_t line) const;
  // The text of 1-based `line` without its line terminator.
  std::string_view LineText(uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;  // Offsets just after each '\n' (and 0).
};

}  // namespace drydock

#endif  // DRYDOCK_BASE_SOURCE_FILE_H_
