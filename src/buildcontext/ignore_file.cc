#include "buildcontext/ignore_file.h"

#include "base/file_system.h"
#include "base/go_text.h"

namespace drydock::buildcontext {

namespace {

// bufio.MaxScanTokenSize: a line that fills the scanner's whole buffer without a newline in it
// cannot be returned.
constexpr size_t kMaxLine = 64 * 1024;

}  // namespace

Result<std::vector<std::string>> ReadIgnoreFile(std::string_view content) {
  std::vector<std::string> patterns;
  size_t start = 0;
  bool first_line = true;
  while (start < content.size()) {
    size_t newline = content.find('\n', start);
    size_t end = newline == std::string_view::npos ? content.size() : newline;
    if (end - start >= kMaxLine) return MakeError("bufio.Scanner: token too long");
    std::string_view line = content.substr(start, end - start);
    start = newline == std::string_view::npos ? content.size() : newline + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (first_line && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    first_line = false;
    if (!line.empty() && line[0] == '#') continue;
    std::string_view pattern = TrimGoSpace(line);
    if (pattern.empty()) continue;
    bool invert = pattern[0] == '!';
    if (invert) pattern = TrimGoSpace(pattern.substr(1));
    std::string cleaned;
    if (!pattern.empty()) {
      cleaned = CleanPath(std::string(pattern));
      if (cleaned.size() > 1 && cleaned[0] == '/') cleaned.erase(0, 1);
    }
    patterns.push_back(invert ? "!" + cleaned : cleaned);
  }
  return patterns;
}

}  // namespace drydock::buildcontext
