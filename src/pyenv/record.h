// RECORD (PEP 376 / the wheel spec): CSV rows `path,hash,size`, read the way Python's csv module
// reads them (',' separators, '"' quoting with "" for a quote inside, CRLF or LF rows), and
// direct_url.json (PEP 610): the URL a distribution was installed from and whether it is
// editable.
#ifndef DRYDOCK_PYENV_RECORD_H_
#define DRYDOCK_PYENV_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::pyenv {

struct RecordEntry {
  std::string path;           // As written: relative to site-packages (may use ../ for scripts).
  std::string hash_algorithm; // "sha256", or "" when the row has no hash (RECORD itself, .pyc).
  std::string hash_value;     // urlsafe base64 without padding, as written.
  std::optional<uint64_t> size;
  int line = 0;               // 1-based row number, for messages.
};

struct Record {
  std::vector<RecordEntry> entries;
  // Rows that could not be read (no path, a size that is not a number): "line N: reason".
  std::vector<std::string> problems;
};

Record ParseRecord(std::string_view text);

// The CSV rows of `text` (each a list of fields), as csv.reader splits them.
std::vector<std::vector<std::string>> ParseCsv(std::string_view text);

struct DirectUrl {
  std::string url;
  bool editable = false;     // dir_info.editable
  bool is_dir = false;       // has dir_info
  bool has_vcs_info = false;
  bool has_archive_info = false;
};
// nullopt when the text is not a JSON object with a string "url".
std::optional<DirectUrl> ParseDirectUrl(std::string_view text);

// The local path of a file: URL ("file:///opt/app" -> "/opt/app", percent-escapes decoded);
// nullopt for other schemes.
std::optional<std::string> FileUrlPath(std::string_view url);

}  // namespace drydock::pyenv

#endif  // DRYDOCK_PYENV_RECORD_H_
