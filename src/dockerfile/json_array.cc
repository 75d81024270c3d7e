#include "dockerfile/json_array.h"

#include "base/go_text.h"

namespace drydock::dockerfile {

namespace {

// A strict RFC 8259 reader with Go's leniencies (any byte >= 0x20 inside strings, decoded
// with U+FFFD replacement). Depth is capped so hostile input cannot exhaust the stack.
class Reader {
 public:
  explicit Reader(std::string_view text) : s_(text) {}

  JsonArray ReadTopLevel(size_t start) {
    JsonArray result;
    pos_ = start;
    bool all_strings = true;
    if (!Expect('[')) return result;
    SkipSpace();
    if (Peek() == ']') {
      ++pos_;
    } else {
      while (true) {
        SkipSpace();
        if (Peek() == '"') {
          JsonArrayString str;
          str.begin = static_cast<uint32_t>(pos_);
          if (!ReadString(&str.value)) return result;
          str.end = static_cast<uint32_t>(pos_);
          result.strings.push_back(std::move(str));
        } else {
          all_strings = false;
          if (!SkipValue(1)) return result;
        }
        SkipSpace();
        if (Peek() == ',') {
          ++pos_;
          continue;
        }
        if (!Expect(']')) return result;
        break;
      }
    }
    SkipSpace();
    if (pos_ != s_.size()) return result;
    result.status = all_strings ? JsonArrayStatus::kStrings : JsonArrayStatus::kNotStrings;
    if (!all_strings) result.strings.clear();
    return result;
  }

  std::optional<std::string> FindObjectString(std::string_view key) {
    std::optional<std::string> found;
    pos_ = 0;
    SkipSpace();
    if (!Expect('{')) return std::nullopt;
    SkipSpace();
    if (Peek() == '}') {
      ++pos_;
    } else {
      while (true) {
        SkipSpace();
        std::string name;
        if (Peek() != '"' || !ReadString(&name)) return std::nullopt;
        SkipSpace();
        if (!Expect(':')) return std::nullopt;
        SkipSpace();
        if (name == key) {
          if (Peek() == '"') {
            std::string value;
            if (!ReadString(&value)) return std::nullopt;
            found = std::move(value);
          } else {
            found.reset();
            if (!SkipValue(1)) return std::nullopt;
          }
        } else if (!SkipValue(1)) {
          return std::nullopt;
        }
        SkipSpace();
        if (Peek() == ',') {
          ++pos_;
          continue;
        }
        if (!Expect('}')) return std::nullopt;
        break;
      }
    }
    SkipSpace();
    if (pos_ != s_.size()) return std::nullopt;
    return found;
  }

 private:
  static constexpr int kMaxDepth = 10000;

  int Peek() const { return pos_ < s_.size() ? static_cast<unsigned char>(s_[pos_]) : -1; }
  bool Expect(char c) {
    if (Peek() != static_cast<unsigned char>(c)) return false;
    ++pos_;
    return true;
  }
  void SkipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool Literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  bool Digits() {
    size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }
  bool Number() {
    if (Peek() == '-') ++pos_;
    if (Peek() == '0') {
      ++pos_;
    } else if (!Digits()) {
      return false;
    }
    if (Peek() == '.') {
      ++pos_;
      if (!Digits()) return false;
    }
    if (Peek() == 'e' || Peek() == 'E') {
      ++pos_;
      if (Peek() == '+' || Peek() == '-') ++pos_;
      if (!Digits()) return false;
    }
    return true;
  }
  static int HexValue(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  bool Hex4(char32_t* out) {
    if (pos_ + 4 > s_.size()) return false;
    char32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      int h = HexValue(static_cast<unsigned char>(s_[pos_ + i]));
      if (h < 0) return false;
      v = v * 16 + static_cast<char32_t>(h);
    }
    pos_ += 4;
    *out = v;
    return true;
  }
  // Reads a string token at pos_ (which is '"'); appends the decoded value when out != null.
  bool ReadString(std::string* out) {
    ++pos_;
    while (pos_ < s_.size()) {
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        ++pos_;
        int e = Peek();
        ++pos_;
        char decoded;
        switch (e) {
          case '"': decoded = '"'; break;
          case '\\': decoded = '\\'; break;
          case '/': decoded = '/'; break;
          case 'b': decoded = '\b'; break;
          case 'f': decoded = '\f'; break;
          case 'n': decoded = '\n'; break;
          case 'r': decoded = '\r'; break;
          case 't': decoded = '\t'; break;
          case 'u': {
            char32_t r;
            if (!Hex4(&r)) return false;
            if (r >= 0xD800 && r < 0xDC00) {
              // A high surrogate pairs with an immediately following \uDC00-\uDFFF.
              size_t save = pos_;
              char32_t low;
              if (pos_ + 1 < s_.size() && s_[pos_] == '\\' && s_[pos_ + 1] == 'u') {
                pos_ += 2;
                if (Hex4(&low) && low >= 0xDC00 && low < 0xE000) {
                  r = 0x10000 + ((r - 0xD800) << 10) + (low - 0xDC00);
                } else {
                  pos_ = save;
                  r = kRuneError;
                }
              } else {
                r = kRuneError;
              }
            } else if (r >= 0xDC00 && r < 0xE000) {
              r = kRuneError;
            }
            if (out) AppendRune(*out, r);
            continue;
          }
          default:
            return false;
        }
        if (out) *out += decoded;
        continue;
      }
      if (c < 0x80) {
        if (out) *out += static_cast<char>(c);
        ++pos_;
        continue;
      }
      DecodedRune d = DecodeRune(s_, pos_);
      if (out) {
        if (d.rune == kRuneError && d.width == 1) {
          AppendRune(*out, kRuneError);
        } else {
          out->append(s_.substr(pos_, d.width));
        }
      }
      pos_ += d.width;
    }
    return false;
  }
  bool SkipValue(int depth) {
    if (depth > kMaxDepth) return false;
    SkipSpace();
    int c = Peek();
    if (c == '"') return ReadString(nullptr);
    if (c == '[' || c == '{') {
      bool object = c == '{';
      ++pos_;
      SkipSpace();
      if (Peek() == (object ? '}' : ']')) {
        ++pos_;
        return true;
      }
      while (true) {
        if (object) {
          SkipSpace();
          if (Peek() != '"' || !ReadString(nullptr)) return false;
          SkipSpace();
          if (!Expect(':')) return false;
        }
        if (!SkipValue(depth + 1)) return false;
        SkipSpace();
        if (Peek() == ',') {
          ++pos_;
          continue;
        }
        return Expect(object ? '}' : ']');
      }
    }
    if (c == 't') return Literal("true");
    if (c == 'f') return Literal("false");
    if (c == 'n') return Literal("null");
    return Number();
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

JsonArray ParseJsonArray(std::string_view text) {
  std::string_view trimmed = TrimLeftGoSpace(text);
  if (trimmed.empty() || trimmed.front() != '[') return {};
  // Go's decoder only accepts JSON white space around the value.
  return Reader(text).ReadTopLevel(text.size() - trimmed.size());
}

}  // namespace drydock::dockerfile

namespace drydock::dockerfile {

std::optional<std::string> FindJsonObjectString(std::string_view text, std::string_view key) {
  return Reader(text).FindObjectString(key);
}

}  // namespace drydock::dockerfile
