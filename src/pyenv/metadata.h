// Readers for the small text files of an installed Python distribution: METADATA / PKG-INFO
// (RFC 822 headers as Python's email.parser reads them), egg-info requires.txt, top_level.txt,
// INSTALLER and pyvenv.cfg. Every reader takes untrusted bytes and never fails: what it cannot
// read it leaves out, the way the Python side does.
#ifndef DRYDOCK_PYENV_METADATA_H_
#define DRYDOCK_PYENV_METADATA_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drydock::pyenv {

// The header block of a METADATA / PKG-INFO file, as email.parser (compat32) splits it: header
// names are whatever precedes the first ':' on a line made of printable ASCII without spaces;
// lines starting with a space or tab continue the previous header (the line break is kept, as
// Python keeps it); the first blank line, or the first line that is neither, ends the headers
// (so a UTF-8 BOM or `Name : x` turns everything after it into body).
class MetadataHeaders {
 public:
  static MetadataHeaders Parse(std::string_view text);

  // The first value of `name` (case-insensitive), as Message.get returns it.
  std::optional<std::string> Get(std::string_view name) const;
  // Every value of `name` in file order, as Message.get_all returns them.
  std::vector<std::string> GetAll(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }
  // Text after the header block ("" when there is none).
  const std::string& body() const { return body_; }

 private:
  std::vector<std::pair<std::string, std::string>> headers_;
  std::string body_;
};

// The core fields drydock uses.
struct CoreMetadata {
  std::optional<std::string> name;
  std::optional<std::string> version;
  std::vector<std::string> requires_dist;   // As written (stripped), in file order.
  std::vector<std::string> provides_extra;
  std::optional<std::string> requires_python;
  std::optional<std::string> summary;
};
CoreMetadata ReadCoreMetadata(const MetadataHeaders& headers);

// One line of an egg-info requires.txt with the section it sits in (`[extra]`, `[:marker]`,
// `[extra:marker]`).
struct RequiresTxtEntry {
  std::string requirement;
  std::string extra;
  std::string marker;
};
// The entries, in file order: stripped lines, comments (#) and blank lines skipped, as pip's
// _iter_requires_txt_entries reads them.
std::vector<RequiresTxtEntry> ParseRequiresTxt(std::string_view text);
// The Requires-Dist form pip derives from an entry: `req ; (marker) and extra == "x"`.
std::string RequiresTxtToRequiresDist(const RequiresTxtEntry& entry);

// Lines of a line-list file (top_level.txt, installed-files.txt, INSTALLER): stripped, blank
// lines dropped; CRLF accepted.
std::vector<std::string> ParseLineList(std::string_view text);

// pyvenv.cfg: `key = value` lines (keys lower-cased and trimmed, values trimmed), as venv's
// site.py reads them; lines without '=' are ignored.
struct PyvenvCfg {
  std::vector<std::pair<std::string, std::string>> entries;
  std::optional<std::string> Get(std::string_view key) const;
  std::string home() const { return Get("home").value_or(""); }
  // include-system-site-packages = true (case-insensitive); false when absent.
  bool include_system_site_packages() const;
  // `version` or `version_info` (virtualenv writes the latter).
  std::string version() const;
};
PyvenvCfg ParsePyvenvCfg(std::string_view text);

// Strips ASCII whitespace (space, tab, CR, LF, FF, VT) on both ends.
std::string_view TrimAscii(std::string_view s);
// ASCII case-insensitive equality.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace drydock::pyenv

#endif  // DRYDOCK_PYENV_METADATA_H_
