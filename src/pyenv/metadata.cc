#include "pyenv/metadata.h"

namespace drydock::pyenv {

namespace {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Splits the way email.feedparser does: "\r\n", "\r" and "\n" end a line; each line keeps its
// ending.
std::vector<std::string_view> SplitKeepEnds(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      size_t end = i + 1;
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') end = i + 2;
      lines.push_back(text.substr(start, end - start));
      start = end;
      i = end - 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

bool IsBlankLine(std::string_view line) {
  return line == "\n" || line == "\r\n" || line == "\r" || line.empty();
}

// feedparser's headerRE: "From ", a run of printable ASCII other than ':' and space followed by
// ':', or a leading space/tab (a continuation).
bool IsHeaderLine(std::string_view line) {
  if (line.substr(0, 5) == "From ") return true;
  if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) return true;
  for (char c : line) {
    if (c == ':') return true;
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x21 || u > 0x7e) return false;
  }
  return false;
}

std::string StripLineEnd(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

MetadataHeaders MetadataHeaders::Parse(std::string_view text) {
  MetadataHeaders out;
  std::vector<std::string_view> lines = SplitKeepEnds(text);
  size_t i = 0;
  // Header lines collected per header: the first line and its continuations.
  std::string name, value;
  bool have = false;
  auto flush = [&] {
    if (have) out.headers_.emplace_back(std::move(name), StripLineEnd(std::move(value)));
    have = false;
    name.clear();
    value.clear();
  };
  for (; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (!IsHeaderLine(line)) {
      // A blank line is the separator and is consumed; anything else starts the body.
      if (IsBlankLine(line)) ++i;
      break;
    }
    if (line[0] == ' ' || line[0] == '\t') {
      if (have) value.append(line);  // A continuation without a header is dropped (a defect).
      continue;
    }
    if (line.substr(0, 5) == "From ") {
      flush();  // A unix-from line (or a misplaced one): not a header.
      continue;
    }
    flush();
    size_t colon = line.find(':');
    if (colon == 0) continue;  // An empty name: a defect, skipped.
    name = std::string(line.substr(0, colon));
    std::string_view rest = line.substr(colon + 1);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    value = std::string(rest);
    have = true;
  }
  flush();
  for (; i < lines.size(); ++i) out.body_.append(lines[i]);
  return out;
}

std::optional<std::string> MetadataHeaders::Get(std::string_view name) const {
  for (const auto& [n, v] : headers_) {
    if (EqualsIgnoreCase(n, name)) return v;
  }
  return std::nullopt;
}

std::vector<std::string> MetadataHeaders::GetAll(std::string_view name) const {
  std::vector<std::string> all;
  for (const auto& [n, v] : headers_) {
    if (EqualsIgnoreCase(n, name)) all.push_back(v);
  }
  return all;
}

CoreMetadata ReadCoreMetadata(const MetadataHeaders& headers) {
  CoreMetadata m;
  m.name = headers.Get("Name");
  m.version = headers.Get("Version");
  for (const std::string& r : headers.GetAll("Requires-Dist")) {
    m.requires_dist.emplace_back(TrimAscii(r));
  }
  for (const std::string& e : headers.GetAll("Provides-Extra")) {
    m.provides_extra.emplace_back(TrimAscii(e));
  }
  m.requires_python = headers.Get("Requires-Python");
  m.summary = headers.Get("Summary");
  return m;
}

namespace {

// str.splitlines() on the line breaks that occur in practice.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::string_view l : SplitKeepEnds(text)) {
    while (!l.empty() && (l.back() == '\n' || l.back() == '\r')) l.remove_suffix(1);
    lines.push_back(l);
  }
  return lines;
}

}  // namespace

std::vector<RequiresTxtEntry> ParseRequiresTxt(std::string_view text) {
  std::vector<RequiresTxtEntry> entries;
  std::string extra, marker;
  for (std::string_view raw : SplitLines(text)) {
    std::string_view line = TrimAscii(raw);
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[' && line.back() == ']') {
      // line.strip("[]") then partition(":").
      std::string_view inner = line;
      while (!inner.empty() && (inner.front() == '[' || inner.front() == ']')) inner.remove_prefix(1);
      while (!inner.empty() && (inner.back() == '[' || inner.back() == ']')) inner.remove_suffix(1);
      size_t colon = inner.find(':');
      extra = std::string(inner.substr(0, colon));
      marker = colon == std::string_view::npos ? "" : std::string(inner.substr(colon + 1));
      continue;
    }
    entries.push_back({std::string(line), extra, marker});
  }
  return entries;
}

namespace {

// packaging's canonicalize_name, locally: runs of -_. become '-', lower-case.
std::string CanonicalExtra(std::string_view name) {
  std::string out;
  bool in_run = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (!in_run) out.push_back('-');
      in_run = true;
    } else {
      out.push_back(LowerAscii(c));
      in_run = false;
    }
  }
  return out;
}

}  // namespace

std::string RequiresTxtToRequiresDist(const RequiresTxtEntry& entry) {
  std::string extra = CanonicalExtra(entry.extra);
  std::string marker;
  if (!extra.empty() && !entry.marker.empty()) {
    marker = "(" + entry.marker + ") and extra == \"" + extra + "\"";
  } else if (!extra.empty()) {
    marker = "extra == \"" + extra + "\"";
  } else {
    marker = entry.marker;
  }
  if (marker.empty()) return entry.requirement;
  return entry.requirement + " ; " + marker;
}

std::vector<std::string> ParseLineList(std::string_view text) {
  std::vector<std::string> out;
  for (std::string_view raw : SplitLines(text)) {
    std::string_view line = TrimAscii(raw);
    if (!line.empty()) out.emplace_back(line);
  }
  return out;
}

PyvenvCfg ParsePyvenvCfg(std::string_view text) {
  PyvenvCfg cfg;
  for (std::string_view raw : SplitLines(text)) {
    size_t eq = raw.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key(TrimAscii(raw.substr(0, eq)));
    for (char& c : key) c = LowerAscii(c);
    cfg.entries.emplace_back(std::move(key), std::string(TrimAscii(raw.substr(eq + 1))));
  }
  return cfg;
}

std::optional<std::string> PyvenvCfg::Get(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k == key) return v;
  }
  return std::nullopt;
}

bool PyvenvCfg::include_system_site_packages() const {
  std::optional<std::string> v = Get("include-system-site-packages");
  return v && EqualsIgnoreCase(*v, "true");
}

std::string PyvenvCfg::version() const {
  if (auto v = Get("version")) return *v;
  if (auto v = Get("version_info")) return *v;
  return "";
}

}  // namespace drydock::pyenv
