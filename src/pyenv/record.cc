#include "pyenv/record.h"

#include <map>
#include <memory>

namespace drydock::pyenv {

std::vector<std::vector<std::string>> ParseCsv(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  size_t i = 0, n = text.size();
  while (i < n) {
    std::vector<std::string> row;
    std::string field;
    bool quoted_field = false;
    // One row: fields until an unquoted line break.
    while (true) {
      if (i >= n) {
        row.push_back(std::move(field));
        break;
      }
      char c = text[i];
      if (c == '"' && field.empty() && !quoted_field) {
        quoted_field = true;
        ++i;
        // Inside quotes: "" is a quote, a lone " ends the quoted part; line breaks are data.
        while (i < n) {
          if (text[i] == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          field.push_back(text[i++]);
        }
        continue;
      }
      if (c == ',') {
        row.push_back(std::move(field));
        field.clear();
        quoted_field = false;
        ++i;
        continue;
      }
      if (c == '\n' || c == '\r') {
        row.push_back(std::move(field));
        ++i;
        if (c == '\r' && i < n && text[i] == '\n') ++i;
        break;
      }
      field.push_back(c);
      ++i;
    }
    // csv.reader yields [] for an empty line; RECORD readers skip those.
    if (!(row.size() == 1 && row[0].empty() && !quoted_field)) rows.push_back(std::move(row));
  }
  return rows;
}

Record ParseRecord(std::string_view text) {
  Record record;
  int line = 0;
  for (std::vector<std::string>& row : ParseCsv(text)) {
    ++line;
    if (row.empty() || row[0].empty()) {
      record.problems.push_back("line " + std::to_string(line) + ": no path");
      continue;
    }
    RecordEntry e;
    e.line = line;
    e.path = std::move(row[0]);
    if (row.size() > 1 && !row[1].empty()) {
      size_t eq = row[1].find('=');
      if (eq == std::string::npos) {
        record.problems.push_back("line " + std::to_string(line) + ": hash '" + row[1] +
                                  "' is not algorithm=value");
      } else {
        e.hash_algorithm = row[1].substr(0, eq);
        e.hash_value = row[1].substr(eq + 1);
      }
    }
    if (row.size() > 2 && !row[2].empty()) {
      uint64_t v = 0;
      bool ok = row[2].size() <= 19;
      for (char c : row[2]) {
        if (c < '0' || c > '9') ok = false;
        if (ok) v = v * 10 + static_cast<uint64_t>(c - '0');
      }
      if (ok) {
        e.size = v;
      } else {
        record.problems.push_back("line " + std::to_string(line) + ": size '" + row[2] +
                                  "' is not a number");
      }
    }
    record.entries.push_back(std::move(e));
  }
  return record;
}

namespace {

// A small JSON reader: just enough structure to find direct_url.json's members. Depth-limited so
// hostile input cannot exhaust the stack.
struct Json {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject } kind = Kind::kNull;
  bool boolean = false;
  std::string string;
  // kObject: keys and values side by side (a vector of an incomplete type is allowed, a pair
  // holding one is not).
  std::vector<std::string> keys;
  std::vector<Json> values;
  std::vector<Json> items;  // kArray
  const Json* Find(std::string_view key) const {
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == key) return &values[i];
    }
    return nullptr;
  }
};

class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : t_(text) {}
  std::optional<Json> ParseDocument() {
    Json j;
    if (!Value(j, 0)) return std::nullopt;
    Skip();
    if (i_ != t_.size()) return std::nullopt;
    return j;
  }

 private:
  void Skip() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r')) ++i_;
  }
  bool Literal(std::string_view word) {
    if (t_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }
  static void AppendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  bool Hex4(uint32_t& v) {
    if (i_ + 4 > t_.size()) return false;
    v = 0;
    for (int k = 0; k < 4; ++k) {
      char c = t_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<uint32_t>(c - 'A' + 10);
      else return false;
    }
    return true;
  }
  bool String(std::string& out) {
    if (i_ >= t_.size() || t_[i_] != '"') return false;
    ++i_;
    while (i_ < t_.size()) {
      char c = t_[i_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (i_ >= t_.size()) return false;
      char e = t_[i_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          uint32_t cp = 0;
          if (!Hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && t_.substr(i_, 2) == "\\u") {
            i_ += 2;
            uint32_t lo = 0;
            if (!Hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          AppendUtf8(out, cp);
          break;
        }
        default: return false;
      }
    }
    return false;
  }
  bool Value(Json& j, int depth) {
    if (depth > 64) return false;
    Skip();
    if (i_ >= t_.size()) return false;
    char c = t_[i_];
    if (c == '{') {
      j.kind = Json::Kind::kObject;
      ++i_;
      Skip();
      if (i_ < t_.size() && t_[i_] == '}') { ++i_; return true; }
      while (true) {
        Skip();
        std::string key;
        if (!String(key)) return false;
        Skip();
        if (i_ >= t_.size() || t_[i_] != ':') return false;
        ++i_;
        Json v;
        if (!Value(v, depth + 1)) return false;
        j.keys.push_back(std::move(key));
        j.values.push_back(std::move(v));
        Skip();
        if (i_ < t_.size() && t_[i_] == ',') { ++i_; continue; }
        if (i_ < t_.size() && t_[i_] == '}') { ++i_; return true; }
        return false;
      }
    }
    if (c == '[') {
      j.kind = Json::Kind::kArray;
      ++i_;
      Skip();
      if (i_ < t_.size() && t_[i_] == ']') { ++i_; return true; }
      while (true) {
        Json v;
        if (!Value(v, depth + 1)) return false;
        j.items.push_back(std::move(v));
        Skip();
        if (i_ < t_.size() && t_[i_] == ',') { ++i_; continue; }
        if (i_ < t_.size() && t_[i_] == ']') { ++i_; return true; }
        return false;
      }
    }
    if (c == '"') {
      j.kind = Json::Kind::kString;
      return String(j.string);
    }
    if (Literal("true")) { j.kind = Json::Kind::kBool; j.boolean = true; return true; }
    if (Literal("false")) { j.kind = Json::Kind::kBool; return true; }
    if (Literal("null")) return true;
    // A number: accepted loosely (only its presence matters here).
    size_t start = i_;
    while (i_ < t_.size() && (std::string_view("+-.eE0123456789").find(t_[i_]) != std::string_view::npos)) ++i_;
    j.kind = Json::Kind::kNumber;
    return i_ > start;
  }

  std::string_view t_;
  size_t i_ = 0;
};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<DirectUrl> ParseDirectUrl(std::string_view text) {
  std::optional<Json> doc = JsonParser(text).ParseDocument();
  if (!doc || doc->kind != Json::Kind::kObject) return std::nullopt;
  const Json* url = doc->Find("url");
  if (!url || url->kind != Json::Kind::kString) return std::nullopt;
  DirectUrl d;
  d.url = url->string;
  if (const Json* dir = doc->Find("dir_info"); dir && dir->kind == Json::Kind::kObject) {
    d.is_dir = true;
    if (const Json* ed = dir->Find("editable"); ed && ed->kind == Json::Kind::kBool) d.editable = ed->boolean;
  }
  d.has_vcs_info = doc->Find("vcs_info") != nullptr;
  d.has_archive_info = doc->Find("archive_info") != nullptr;
  return d;
}

std::optional<std::string> FileUrlPath(std::string_view url) {
  constexpr std::string_view kScheme = "file://";
  if (url.size() < kScheme.size()) return std::nullopt;
  for (size_t k = 0; k < kScheme.size(); ++k) {
    char c = url[k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kScheme[k]) return std::nullopt;
  }
  std::string_view rest = url.substr(kScheme.size());
  // file://localhost/path and file:///path; anything else names another host.
  if (rest.substr(0, 9) == "localhost") rest.remove_prefix(9);
  if (rest.empty() || rest[0] != '/') return std::nullopt;
  std::string out;
  for (size_t k = 0; k < rest.size(); ++k) {
    if (rest[k] == '%' && k + 2 < rest.size()) {
      int hi = HexValue(rest[k + 1]), lo = HexValue(rest[k + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        k += 2;
        continue;
      }
    }
    if (rest[k] == '?' || rest[k] == '#') break;
    out.push_back(rest[k]);
  }
  return out;
}

}  // namespace drydock::pyenv
