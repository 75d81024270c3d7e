#include "buildcontext/go_regexp.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "base/go_text.h"

namespace drydock::buildcontext {

namespace {

using RangeList = std::vector<std::pair<char32_t, char32_t>>;

constexpr char32_t kMaxRune = 0x10FFFF;
// Go's parser refuses deeper nesting (syntax.maxHeight); kept so recursion stays bounded.
constexpr int kMaxNesting = 1000;

// Programs larger than this many instructions are "expression too large" (Go's syntax.maxSize).
constexpr int64_t kMaxProgramSize = (int64_t{128} << 20) / 40;
constexpr int kMaxRepeat = 1000;

struct CategoryRange {
  const char* name;
  char32_t lo;
  char32_t hi;
};
#define DD_CATEGORY(name, lo, hi) {name, lo, hi},
constexpr CategoryRange kCategoryRanges[] = {
#include "buildcontext/unicode_category_table.inc"
};
#undef DD_CATEGORY

void Normalize(RangeList& r) {
  std::sort(r.begin(), r.end());
  RangeList out;
  for (const auto& range : r) {
    if (!out.empty() && range.first <= out.back().second + 1) {
      out.back().second = std::max(out.back().second, range.second);
    } else {
      out.push_back(range);
    }
  }
  r = std::move(out);
}

RangeList Negated(const RangeList& normalized) {
  RangeList out;
  char32_t next = 0;
  for (const auto& [lo, hi] : normalized) {
    if (lo > next) out.emplace_back(next, lo - 1);
    next = hi + 1;
  }
  if (next <= kMaxRune) out.emplace_back(next, kMaxRune);
  return out;
}

// Appends `group` (normalized first) or its complement.
void AppendGroup(RangeList& to, RangeList group, bool negate) {
  Normalize(group);
  if (negate) group = Negated(group);
  to.insert(to.end(), group.begin(), group.end());
}

// The general categories of Go's unicode.Categories, plus "Any". Script names (Greek, Han...)
// are not known here; the caller reports them as unsupported.
std::optional<RangeList> UnicodeTable(std::string_view name) {
  RangeList r;
  if (name == "Any") {
    r.emplace_back(0, kMaxRune);
    return r;
  }
  for (const CategoryRange& range : kCategoryRanges) {
    if (name == range.name) r.emplace_back(range.lo, range.hi);
  }
  if (r.empty()) return std::nullopt;
  return r;
}

// The script names of Go 1.23's unicode.Scripts (Unicode 15.0.0). Only used to say that such a
// name is valid Go but unsupported here, rather than invalid.
bool IsScriptName(std::string_view name) {
  static constexpr std::string_view kScripts[] = {
    "Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic", "Armenian", "Avestan", "Balinese",
    "Bamum", "Bassa_Vah", "Batak", "Bengali", "Bhaiksuki", "Bopomofo", "Brahmi", "Braille",
    "Buginese", "Buhid", "Canadian_Aboriginal", "Carian", "Caucasian_Albanian", "Chakma",
    "Cham", "Cherokee", "Chorasmian", "Common", "Coptic", "Cuneiform", "Cypriot",
    "Cypro_Minoan", "Cyrillic", "Deseret", "Devanagari", "Dives_Akuru", "Dogra", "Duployan",
    "Egyptian_Hieroglyphs", "Elbasan", "Elymaic", "Ethiopic", "Georgian", "Glagolitic",
    "Gothic", "Grantha", "Greek", "Gujarati", "Gunjala_Gondi", "Gurmukhi", "Han", "Hangul",
    "Hanifi_Rohingya", "Hanunoo", "Hatran", "Hebrew", "Hiragana", "Imperial_Aramaic",
    "Inherited", "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Javanese", "Kaithi",
    "Kannada", "Katakana", "Kawi", "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer",
    "Khojki", "Khudawadi", "Lao", "Latin", "Lepcha", "Limbu", "Linear_A", "Linear_B", "Lisu",
    "Lycian", "Lydian", "Mahajani", "Makasar", "Malayalam", "Mandaic", "Manichaean", "Marchen",
    "Masaram_Gondi", "Medefaidrin", "Meetei_Mayek", "Mende_Kikakui", "Meroitic_Cursive",
    "Meroitic_Hieroglyphs", "Miao", "Modi", "Mongolian", "Mro", "Multani", "Myanmar",
    "Nabataean", "Nag_Mundari", "Nandinagari", "New_Tai_Lue", "Newa", "Nko", "Nushu",
    "Nyiakeng_Puachue_Hmong", "Ogham", "Ol_Chiki", "Old_Hungarian", "Old_Italic",
    "Old_North_Arabian", "Old_Permic", "Old_Persian", "Old_Sogdian", "Old_South_Arabian",
    "Old_Turkic", "Old_Uyghur", "Oriya", "Osage", "Osmanya", "Pahawh_Hmong", "Palmyrene",
    "Pau_Cin_Hau", "Phags_Pa", "Phoenician", "Psalter_Pahlavi", "Rejang", "Runic", "Samaritan",
    "Saurashtra", "Sharada", "Shavian", "Siddham", "SignWriting", "Sinhala", "Sogdian",
    "Sora_Sompeng", "Soyombo", "Sundanese", "Syloti_Nagri", "Syriac", "Tagalog", "Tagbanwa",
    "Tai_Le", "Tai_Tham", "Tai_Viet", "Takri", "Tamil", "Tangsa", "Tangut", "Telugu", "Thaana",
    "Thai", "Tibetan", "Tifinagh", "Tirhuta", "Toto", "Ugaritic", "Vai", "Vithkuqi", "Wancho",
    "Warang_Citi", "Yezidi", "Yi", "Zanabazar_Square"};
  return std::find(std::begin(kScripts), std::end(kScripts), name) != std::end(kScripts);
}

// Perl classes (\d \s \w) and POSIX classes ([:alpha:] ...), ASCII only as in Go.
std::optional<RangeList> PerlGroup(char c) {
  switch (c) {
    case 'd': return RangeList{{'0', '9'}};
    case 's': return RangeList{{'\t', '\n'}, {'\f', '\r'}, {' ', ' '}};
    case 'w': return RangeList{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
    default: return std::nullopt;
  }
}

std::optional<RangeList> PosixGroup(std::string_view name) {
  if (name == "alnum") return RangeList{{'0', '9'}, {'A', 'Z'}, {'a', 'z'}};
  if (name == "alpha") return RangeList{{'A', 'Z'}, {'a', 'z'}};
  if (name == "ascii") return RangeList{{0, 0x7F}};
  if (name == "blank") return RangeList{{'\t', '\t'}, {' ', ' '}};
  if (name == "cntrl") return RangeList{{0, 0x1F}, {0x7F, 0x7F}};
  if (name == "digit") return RangeList{{'0', '9'}};
  if (name == "graph") return RangeList{{0x21, 0x7E}};
  if (name == "lower") return RangeList{{'a', 'z'}};
  if (name == "print") return RangeList{{0x20, 0x7E}};
  if (name == "punct") return RangeList{{0x21, 0x2F}, {0x3A, 0x40}, {0x5B, 0x60}, {0x7B, 0x7E}};
  if (name == "space") return RangeList{{'\t', '\r'}, {' ', ' '}};
  if (name == "upper") return RangeList{{'A', 'Z'}};
  if (name == "word") return RangeList{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
  if (name == "xdigit") return RangeList{{'0', '9'}, {'A', 'F'}, {'a', 'f'}};
  return std::nullopt;
}

int Unhex(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
  return -1;
}

bool IsAlnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsWordChar(int32_t r) {
  return r >= 0 && r < 0x80 && (IsAlnum(static_cast<char32_t>(r)) || r == '_');
}

struct Node {
  enum class Kind { kEmpty, kClass, kAnyNotNL, kBeginText, kEndText, kWordBoundary,
                    kNoWordBoundary, kConcat, kAlternate, kCapture, kStar, kPlus, kQuest,
                    kRepeat };
  Kind kind = Kind::kEmpty;
  RangeList ranges;        // kClass, normalized.
  std::vector<Node> subs;  // kConcat, kAlternate; one for kCapture and the repetitions.
  int min = 0;             // kRepeat: {min,max}, max -1 for {min,}.
  int max = 0;
};

// Go's estimate of a node's program size (syntax's calcSize), for the "too large" limit.
int64_t ProgramSize(const Node& n) {
  using Kind = Node::Kind;
  int64_t size = 0;
  switch (n.kind) {
    case Kind::kCapture:
    case Kind::kStar:
      size = 2 + ProgramSize(n.subs[0]);
      break;
    case Kind::kPlus:
    case Kind::kQuest:
      size = 1 + ProgramSize(n.subs[0]);
      break;
    case Kind::kConcat:
    case Kind::kAlternate:
      for (const Node& sub : n.subs) size += ProgramSize(sub);
      if (n.kind == Kind::kAlternate) size += static_cast<int64_t>(n.subs.size()) - 1;
      break;
    case Kind::kRepeat: {
      int64_t sub = ProgramSize(n.subs[0]);
      if (n.max == -1) {
        size = n.min == 0 ? 2 + sub : 1 + n.min * sub;
      } else {
        size = n.max * sub + (n.max - n.min);
      }
      break;
    }
    default:
      size = 1;
      break;
  }
  return std::max<int64_t>(size, 1);
}

Node Leaf(Node::Kind kind) {
  Node n;
  n.kind = kind;
  return n;
}

Node ClassNode(RangeList ranges) {
  Node n;
  n.kind = Node::Kind::kClass;
  n.ranges = std::move(ranges);
  return n;
}

// Recursive descent over Go's grammar; errors carry Go's codes and the same offending text.
class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  std::optional<Node> Parse() {
    Node n = ParseAlternation(0);
    if (failed()) return std::nullopt;
    if (pos_ < s_.size()) {  // Only a `)` stops the top level early.
      Fail("unexpected )", s_);
      return std::nullopt;
    }
    if (ProgramSize(n) > kMaxProgramSize) {
      Fail("expression too large", s_);
      return std::nullopt;
    }
    return n;
  }
  const std::string& error() const { return error_; }

 private:
  bool failed() const { return !error_.empty(); }
  void Fail(std::string_view code, std::string_view expr) {
    if (!failed()) error_ = "error parsing regexp: " + std::string(code) + ": `" + std::string(expr) + "`";
  }

  // utf8.DecodeRuneInString at `at`, as Go's nextRune: at the end it gives U+FFFD and width 0
  // (no error); an invalid byte is an error.
  std::optional<DecodedRune> NextRune(size_t at) {
    if (at >= s_.size()) return DecodedRune{kRuneError, 0};
    DecodedRune d = DecodeRune(s_, at);
    if (d.rune == kRuneError && d.width == 1) {
      Fail("invalid UTF-8", s_.substr(at));
      return std::nullopt;
    }
    return d;
  }

  Node ParseAlternation(int depth) {
    if (depth > kMaxNesting) {
      Fail("expression nests too deeply", s_);
      return {};
    }
    std::vector<Node> branches;
    while (true) {
      branches.push_back(ParseConcat(depth));
      if (failed()) return {};
      if (pos_ < s_.size() && s_[pos_] == '|') {
        ++pos_;
        continue;
      }
      break;
    }
    if (branches.size() == 1) return std::move(branches[0]);
    Node n = Leaf(Node::Kind::kAlternate);
    n.subs = std::move(branches);
    return n;
  }

  Node ParseConcat(int depth) {
    Node concat = Leaf(Node::Kind::kConcat);
    std::vector<Node>& items = concat.subs;
    size_t last_repeat = std::string_view::npos;  // Where the previous item's operator began.
    while (pos_ < s_.size() && !failed()) {
      char c = s_[pos_];
      if (c == '|' || c == ')') break;
      size_t repeat = std::string_view::npos;
      switch (c) {
        case '(': {
          if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '?') {
            if (s_.substr(pos_, 3) != "(?:") {
              Fail("invalid or unsupported Perl syntax (drydock supports only (?:...))",
                   s_.substr(pos_, 3));
              break;
            }
            pos_ += 3;
          } else {
            ++pos_;
          }
          Node group = ParseAlternation(depth + 1);
          if (failed()) break;
          if (pos_ >= s_.size()) {
            Fail("missing closing )", s_);
            break;
          }
          ++pos_;
          Node capture = Leaf(Node::Kind::kCapture);
          capture.subs.push_back(std::move(group));
          items.push_back(std::move(capture));
          break;
        }
        case '^':
          items.push_back(Leaf(Node::Kind::kBeginText));
          ++pos_;
          break;
        case '$':
          items.push_back(Leaf(Node::Kind::kEndText));
          ++pos_;
          break;
        case '.':
          items.push_back(Leaf(Node::Kind::kAnyNotNL));
          ++pos_;
          break;
        case '[': {
          std::optional<RangeList> cls = ParseClass();
          if (cls) items.push_back(ClassNode(std::move(*cls)));
          break;
        }
        case '*':
        case '+':
        case '?': {
          size_t before = pos_++;
          Node rep = Leaf(c == '*' ? Node::Kind::kStar
                                   : c == '+' ? Node::Kind::kPlus : Node::Kind::kQuest);
          if (ApplyRepeat(items, std::move(rep), before, last_repeat)) repeat = before;
          break;
        }
        case '{': {
          size_t before = pos_;
          int min = 0;
          int max = 0;
          if (!ParseCount(&min, &max)) {  // Not a count: a literal `{`.
            items.push_back(ClassNode({{'{', '{'}}));
            ++pos_;
            break;
          }
          if (min < 0 || min > kMaxRepeat || max > kMaxRepeat || (max >= 0 && min > max)) {
            Fail("invalid repeat count", s_.substr(before, pos_ - before));
            break;
          }
          Node rep = Leaf(Node::Kind::kRepeat);
          rep.min = min;
          rep.max = max;
          if (ApplyRepeat(items, std::move(rep), before, last_repeat)) repeat = before;
          break;
        }
        case '\\':
          ParseBackslash(items);
          break;
        default: {
          std::optional<DecodedRune> d = NextRune(pos_);
          if (!d) break;
          items.push_back(ClassNode({{d->rune, d->rune}}));
          pos_ += static_cast<size_t>(d->width);
          break;
        }
      }
      last_repeat = repeat;
    }
    if (items.size() == 1) return std::move(items[0]);
    return concat;
  }

  // Wraps the last item in `rep`, whose operator ran from `before` to pos_; a lazy `?` suffix
  // is consumed (it cannot change whether a match exists). Go refuses stacked operators and an
  // operator with nothing before it.
  bool ApplyRepeat(std::vector<Node>& items, Node rep, size_t before, size_t last_repeat) {
    if (pos_ < s_.size() && s_[pos_] == '?') ++pos_;
    if (last_repeat != std::string_view::npos) {
      Fail("invalid nested repetition operator", s_.substr(last_repeat, pos_ - last_repeat));
      return false;
    }
    if (items.empty()) {
      Fail("missing argument to repetition operator", s_.substr(before, pos_ - before));
      return false;
    }
    rep.subs.push_back(std::move(items.back()));
    items.back() = std::move(rep);
    return true;
  }

  // Go's parseInt: decimal digits without a leading zero; -1 when too big.
  bool ParseInt(size_t& at, int* value) {
    if (at >= s_.size() || s_[at] < '0' || s_[at] > '9') return false;
    if (s_[at] == '0' && at + 1 < s_.size() && s_[at + 1] >= '0' && s_[at + 1] <= '9') return false;
    int64_t n = 0;
    for (; at < s_.size() && s_[at] >= '0' && s_[at] <= '9'; ++at) {
      if (n >= 100000000) {
        n = -1;
      } else if (n >= 0) {
        n = n * 10 + (s_[at] - '0');
      }
    }
    *value = static_cast<int>(n);
    return true;
  }

  // `{n}`, `{n,}` (max -1) or `{n,m}` at pos_, which it then passes; false (pos_ unchanged)
  // when the text is not of that form.
  bool ParseCount(int* min, int* max) {
    size_t at = pos_ + 1;
    if (!ParseInt(at, min) || at >= s_.size()) return false;
    if (s_[at] != ',') {
      *max = *min;
    } else {
      ++at;
      if (at >= s_.size()) return false;
      if (s_[at] == '}') {
        *max = -1;
      } else if (!ParseInt(at, max)) {
        return false;
      } else if (*max < 0) {
        *min = -1;
      }
    }
    if (at >= s_.size() || s_[at] != '}') return false;
    pos_ = at + 1;
    return true;
  }

  void ParseBackslash(std::vector<Node>& items) {
    if (pos_ + 1 < s_.size()) {
      switch (s_[pos_ + 1]) {
        case 'A':
          items.push_back(Leaf(Node::Kind::kBeginText));
          pos_ += 2;
          return;
        case 'z':
          items.push_back(Leaf(Node::Kind::kEndText));
          pos_ += 2;
          return;
        case 'b':
          items.push_back(Leaf(Node::Kind::kWordBoundary));
          pos_ += 2;
          return;
        case 'B':
          items.push_back(Leaf(Node::Kind::kNoWordBoundary));
          pos_ += 2;
          return;
        case 'C':
          Fail("invalid escape sequence", s_.substr(pos_, 2));
          return;
        case 'Q': {
          // Everything up to `\E` (or the end) is literal.
          size_t begin = pos_ + 2;
          size_t end = s_.find("\\E", begin);
          size_t stop = end == std::string_view::npos ? s_.size() : end;
          for (size_t i = begin; i < stop;) {
            std::optional<DecodedRune> d = NextRune(i);
            if (!d) return;
            items.push_back(ClassNode({{d->rune, d->rune}}));
            i += static_cast<size_t>(d->width);
          }
          pos_ = end == std::string_view::npos ? s_.size() : end + 2;
          return;
        }
        default:
          break;
      }
    }
    RangeList cls;
    if (ParseUnicodeClass(cls) || failed()) {
      if (!failed()) items.push_back(ClassNode(std::move(cls)));
      return;
    }
    if (ParsePerlClass(cls)) {
      items.push_back(ClassNode(std::move(cls)));
      return;
    }
    std::optional<char32_t> r = ParseEscape();
    if (r) items.push_back(ClassNode({{*r, *r}}));
  }

  // `\pX`, `\PX`, `\p{X}` at pos_: true and appended when present; false with no error when
  // pos_ is not at one; false with an error when it is but the name is bad.
  bool ParseUnicodeClass(RangeList& to) {
    if (s_.size() - pos_ < 2 || s_[pos_] != '\\' || (s_[pos_ + 1] != 'p' && s_[pos_ + 1] != 'P')) {
      return false;
    }
    bool negate = s_[pos_ + 1] == 'P';
    std::optional<DecodedRune> d = NextRune(pos_ + 2);
    if (!d) return false;
    std::string_view seq;
    std::string_view name;
    size_t next;
    if (d->rune != '{') {
      next = pos_ + 2 + static_cast<size_t>(d->width);
      seq = s_.substr(pos_, next - pos_);
      name = seq.substr(2);
    } else {
      size_t close = s_.find('}', pos_);
      if (close == std::string_view::npos) {
        Fail("invalid character class range", s_.substr(pos_));
        return false;
      }
      next = close + 1;
      seq = s_.substr(pos_, next - pos_);
      name = s_.substr(pos_ + 3, close - pos_ - 3);
    }
    if (!name.empty() && name[0] == '^') {
      negate = !negate;
      name.remove_prefix(1);
    }
    std::optional<RangeList> table = UnicodeTable(name);
    if (!table) {
      if (IsScriptName(name)) {
        Fail("Unicode scripts are not supported by drydock", seq);
      } else {
        Fail("invalid character class range", seq);
      }
      return false;
    }
    AppendGroup(to, std::move(*table), negate);
    pos_ = next;
    return true;
  }

  bool ParsePerlClass(RangeList& to) {
    if (s_.size() - pos_ < 2 || s_[pos_] != '\\') return false;
    char c = s_[pos_ + 1];
    bool negate = c >= 'A' && c <= 'Z';
    std::optional<RangeList> group = PerlGroup(negate ? static_cast<char>(c - 'A' + 'a') : c);
    if (!group) return false;
    AppendGroup(to, std::move(*group), negate);
    pos_ += 2;
    return true;
  }

  // A single escaped character at pos_ (which holds `\`).
  std::optional<char32_t> ParseEscape() {
    size_t start = pos_;
    size_t t = pos_ + 1;
    auto fail = [&]() -> std::optional<char32_t> {
      Fail("invalid escape sequence", s_.substr(start, t - start));
      return std::nullopt;
    };
    if (t >= s_.size()) {
      Fail("trailing backslash at end of expression", "");
      return std::nullopt;
    }
    std::optional<DecodedRune> d = NextRune(t);
    if (!d) return std::nullopt;
    char32_t c = d->rune;
    t += static_cast<size_t>(d->width);
    auto octal_at = [&](size_t i) { return i < s_.size() && s_[i] >= '0' && s_[i] <= '7'; };
    if (c >= '1' && c <= '7' && !octal_at(t)) return fail();  // A backreference: unsupported.
    if (c >= '0' && c <= '7') {
      char32_t r = c - '0';
      for (int i = 1; i < 3 && octal_at(t); ++i) r = r * 8 + static_cast<char32_t>(s_[t++] - '0');
      pos_ = t;
      return r;
    }
    switch (c) {
      case 'x': {
        if (t >= s_.size()) return fail();
        d = NextRune(t);
        if (!d) return std::nullopt;
        t += static_cast<size_t>(d->width);
        if (d->rune == '{') {
          char32_t r = 0;
          int digits = 0;
          while (true) {
            if (t >= s_.size()) return fail();
            d = NextRune(t);
            if (!d) return std::nullopt;
            t += static_cast<size_t>(d->width);
            if (d->rune == '}') break;
            int v = Unhex(d->rune);
            if (v < 0) return fail();
            r = r * 16 + static_cast<char32_t>(v);
            if (r > kMaxRune) return fail();
            ++digits;
          }
          if (digits == 0) return fail();
          pos_ = t;
          return r;
        }
        int x = Unhex(d->rune);
        d = NextRune(t);
        if (!d) return std::nullopt;
        t += static_cast<size_t>(d->width);
        int y = Unhex(d->rune);
        if (x < 0 || y < 0) return fail();
        pos_ = t;
        return static_cast<char32_t>(x * 16 + y);
      }
      case 'a': pos_ = t; return U'\a';
      case 'f': pos_ = t; return U'\f';
      case 'n': pos_ = t; return U'\n';
      case 'r': pos_ = t; return U'\r';
      case 't': pos_ = t; return U'\t';
      case 'v': pos_ = t; return U'\v';
      default:
        if (c < 0x80 && !IsAlnum(c)) {  // Escaped punctuation is itself.
          pos_ = t;
          return c;
        }
        return fail();
    }
  }

  std::optional<char32_t> ParseClassChar(size_t class_start) {
    if (pos_ >= s_.size()) {
      Fail("missing closing ]", s_.substr(class_start));
      return std::nullopt;
    }
    if (s_[pos_] == '\\') return ParseEscape();
    std::optional<DecodedRune> d = NextRune(pos_);
    if (!d) return std::nullopt;
    pos_ += static_cast<size_t>(d->width);
    return d->rune;
  }

  // `[...]` at pos_. `]` first is a literal; `-` is a range only between two characters.
  std::optional<RangeList> ParseClass() {
    size_t start = pos_++;
    bool negate = false;
    if (pos_ < s_.size() && s_[pos_] == '^') {
      negate = true;
      ++pos_;
    }
    RangeList cls;
    bool first = true;
    while (pos_ >= s_.size() || s_[pos_] != ']' || first) {
      first = false;
      if (s_.size() - std::min(pos_, s_.size()) > 2 && s_[pos_] == '[' && s_[pos_ + 1] == ':') {
        size_t close = s_.find(":]", pos_ + 2);
        if (close != std::string_view::npos) {
          std::string_view name = s_.substr(pos_ + 2, close - pos_ - 2);
          bool neg = !name.empty() && name[0] == '^';
          std::optional<RangeList> group = PosixGroup(neg ? name.substr(1) : name);
          if (!group) {
            Fail("invalid character class range", s_.substr(pos_, close + 2 - pos_));
            return std::nullopt;
          }
          AppendGroup(cls, std::move(*group), neg);
          pos_ = close + 2;
          continue;
        }
      }
      if (pos_ < s_.size()) {
        if (ParseUnicodeClass(cls)) continue;
        if (failed()) return std::nullopt;
        if (ParsePerlClass(cls)) continue;
      }
      size_t range_start = pos_;
      std::optional<char32_t> lo = ParseClassChar(start);
      if (!lo) return std::nullopt;
      char32_t hi = *lo;
      if (s_.size() - pos_ >= 2 && s_[pos_] == '-' && s_[pos_ + 1] != ']') {
        ++pos_;
        std::optional<char32_t> h = ParseClassChar(start);
        if (!h) return std::nullopt;
        hi = *h;
        if (hi < *lo) {
          Fail("invalid character class range", s_.substr(range_start, pos_ - range_start));
          return std::nullopt;
        }
      }
      cls.emplace_back(*lo, hi);
    }
    ++pos_;  // The closing `]`.
    Normalize(cls);
    if (negate) cls = Negated(cls);
    return cls;
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

// Thompson construction from the parse tree into GoRegexp's instruction list.
class GoRegexpCompiler {
 public:
  explicit GoRegexpCompiler(GoRegexp& re) : re_(re) {}

  void Generate(const Node& n) {
    using Kind = Node::Kind;
    using Op = GoRegexp::Op;
    switch (n.kind) {
      case Kind::kEmpty:
        break;
      case Kind::kClass: {
        int first = static_cast<int>(re_.ranges_.size());
        re_.ranges_.insert(re_.ranges_.end(), n.ranges.begin(), n.ranges.end());
        Emit(Op::kRune, first, static_cast<int>(n.ranges.size()));
        break;
      }
      case Kind::kAnyNotNL: Emit(Op::kAnyNotNL); break;
      case Kind::kBeginText: Emit(Op::kBeginText); break;
      case Kind::kEndText: Emit(Op::kEndText); break;
      case Kind::kWordBoundary: Emit(Op::kWordBoundary); break;
      case Kind::kNoWordBoundary: Emit(Op::kNoWordBoundary); break;
      case Kind::kConcat:
        for (const Node& sub : n.subs) Generate(sub);
        break;
      case Kind::kCapture:
        Generate(n.subs[0]);
        break;
      case Kind::kRepeat: {
        // x{2,4} = xx(x(x)?)?, x{2,} = xxx*.
        for (int i = 0; i < n.min; ++i) Generate(n.subs[0]);
        if (n.max == -1) {
          Node star = Leaf(Kind::kStar);
          star.subs.push_back(n.subs[0]);
          Generate(star);
          break;
        }
        std::vector<int> splits;
        for (int i = n.min; i < n.max; ++i) {
          splits.push_back(Emit(Op::kSplit));
          re_.prog_[splits.back()].x = splits.back() + 1;
          Generate(n.subs[0]);
        }
        for (int split : splits) re_.prog_[split].y = Size();
        break;
      }
      case Kind::kAlternate: {
        std::vector<int> jumps;
        for (size_t i = 0; i + 1 < n.subs.size(); ++i) {
          int split = Emit(Op::kSplit);
          re_.prog_[split].x = split + 1;
          Generate(n.subs[i]);
          jumps.push_back(Emit(Op::kJump));
          re_.prog_[split].y = Size();
        }
        Generate(n.subs.back());
        for (int j : jumps) re_.prog_[j].x = Size();
        break;
      }
      case Kind::kStar: {
        int split = Emit(Op::kSplit);
        re_.prog_[split].x = split + 1;
        Generate(n.subs[0]);
        Emit(Op::kJump, split);
        re_.prog_[split].y = Size();
        break;
      }
      case Kind::kPlus: {
        int body = Size();
        Generate(n.subs[0]);
        int split = Emit(Op::kSplit, body);
        re_.prog_[split].y = split + 1;
        break;
      }
      case Kind::kQuest: {
        int split = Emit(Op::kSplit);
        re_.prog_[split].x = split + 1;
        Generate(n.subs[0]);
        re_.prog_[split].y = Size();
        break;
      }
    }
  }

  int Emit(GoRegexp::Op op, int x = 0, int y = 0) {
    re_.prog_.push_back({op, x, y});
    return Size() - 1;
  }

 private:
  int Size() const { return static_cast<int>(re_.prog_.size()); }
  GoRegexp& re_;
};

Result<GoRegexp> GoRegexp::Compile(std::string_view expr) {
  Parser parser(expr);
  std::optional<Node> tree = parser.Parse();
  if (!tree) return MakeError(parser.error());
  GoRegexp re;
  GoRegexpCompiler compiler(re);
  compiler.Generate(*tree);
  compiler.Emit(Op::kMatch);
  const Node* head = &*tree;
  while (head->kind == Node::Kind::kConcat && !head->subs.empty()) head = &head->subs[0];
  re.anchored_ = head->kind == Node::Kind::kBeginText;
  return re;
}

bool GoRegexp::MatchString(std::string_view text) const {
  // Scratch reused across calls (per thread): `mark[pc] == generation` means pc is already on
  // the list being built, so no per-call clearing is needed even for large programs.
  thread_local std::vector<uint32_t> mark;
  thread_local uint32_t generation = 0;
  thread_local std::vector<int> current;
  thread_local std::vector<int> next;
  thread_local std::vector<int> stack;
  if (mark.size() < prog_.size()) mark.resize(prog_.size(), 0);
  if (generation > UINT32_MAX - 2 * (text.size() + 2)) {
    std::fill(mark.begin(), mark.end(), 0);
    generation = 0;
  }
  current.clear();
  stack.clear();

  // Adds pc and everything reachable from it without reading input, at a position whose
  // neighbouring runes are `before` and `after` (-1 at either end of the text).
  auto add_thread = [&](std::vector<int>& list, int pc0, int32_t before, int32_t after) {
    stack.push_back(pc0);
    while (!stack.empty()) {
      int pc = stack.back();
      stack.pop_back();
      if (mark[pc] == generation) continue;
      mark[pc] = generation;
      const Inst& inst = prog_[pc];
      switch (inst.op) {
        case Op::kJump: stack.push_back(inst.x); break;
        case Op::kSplit:
          stack.push_back(inst.y);
          stack.push_back(inst.x);
          break;
        case Op::kBeginText:
          if (before < 0) stack.push_back(pc + 1);
          break;
        case Op::kEndText:
          if (after < 0) stack.push_back(pc + 1);
          break;
        case Op::kWordBoundary:
          if (IsWordChar(before) != IsWordChar(after)) stack.push_back(pc + 1);
          break;
        case Op::kNoWordBoundary:
          if (IsWordChar(before) == IsWordChar(after)) stack.push_back(pc + 1);
          break;
        default:
          list.push_back(pc);
          break;
      }
    }
  };
  auto rune_at = [&](size_t pos) -> DecodedRune {
    if (pos >= text.size()) return {0, 0};
    return DecodeRune(text, pos);
  };

  size_t pos = 0;
  int32_t before = -1;
  DecodedRune here = rune_at(0);
  ++generation;
  while (true) {
    int32_t rune = pos < text.size() ? static_cast<int32_t>(here.rune) : -1;
    if (!anchored_ || pos == 0) add_thread(current, 0, before, rune);
    if (current.empty() && anchored_) return false;
    size_t next_pos = pos + static_cast<size_t>(here.width);
    DecodedRune after = rune_at(next_pos);
    int32_t after_rune = next_pos < text.size() ? static_cast<int32_t>(after.rune) : -1;
    ++generation;
    next.clear();
    for (int pc : current) {
      const Inst& inst = prog_[pc];
      bool step = false;
      if (inst.op == Op::kMatch) return true;
      if (rune < 0) continue;
      if (inst.op == Op::kAnyNotNL) {
        step = rune != '\n';
      } else if (inst.op == Op::kRune) {
        auto first = ranges_.begin() + inst.x;
        auto last = first + inst.y;
        auto it = std::upper_bound(first, last, static_cast<char32_t>(rune),
                                   [](char32_t v, const auto& range) { return v < range.first; });
        step = it != first && static_cast<char32_t>(rune) <= (it - 1)->second;
      }
      if (step) add_thread(next, pc + 1, rune, after_rune);
    }
    if (rune < 0) return false;
    std::swap(current, next);
    before = rune;
    pos = next_pos;
    here = after;
  }
}

}  // namespace drydock::buildcontext
