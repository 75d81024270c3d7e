#include "pyenv/version.h"

#include <algorithm>
#include <cstring>

#include "pyenv/python_text.h"

namespace drydock::pyenv {

// ---- Number ---------------------------------------------------------------------------------

Number Number::FromDigits(std::string_view digits) {
  size_t first = 0;
  while (first + 1 < digits.size() && digits[first] == '0') ++first;
  digits.remove_prefix(first);
  constexpr std::string_view kMax = "18446744073709551615";
  Number n;
  if (digits.size() > kMax.size() || (digits.size() == kMax.size() && digits > kMax)) {
    n.big_ = std::string(digits);
    return n;
  }
  uint64_t v = 0;
  for (char c : digits) v = v * 10 + static_cast<uint64_t>(c - '0');
  n.small_ = v;
  return n;
}

std::string Number::ToString() const {
  std::string out;
  AppendTo(out);
  return out;
}

void Number::AppendTo(std::string& out) const {
  if (!big_.empty()) {
    out += big_;
    return;
  }
  char buf[24];
  char* end = buf + sizeof buf;
  char* p = end;
  uint64_t v = small_;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  out.append(p, static_cast<size_t>(end - p));
}

std::strong_ordering operator<=>(const Number& a, const Number& b) {
  if (a.big_.empty() && b.big_.empty()) return a.small_ <=> b.small_;
  if (a.big_.empty()) return std::strong_ordering::less;
  if (b.big_.empty()) return std::strong_ordering::greater;
  if (a.big_.size() != b.big_.size()) return a.big_.size() <=> b.big_.size();
  int c = a.big_.compare(b.big_);
  return c < 0 ? std::strong_ordering::less
               : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
}

std::string_view PreKindString(PreKind kind) {
  switch (kind) {
    case PreKind::kAlpha: return "a";
    case PreKind::kBeta: return "b";
    case PreKind::kRc: return "rc";
  }
  return "a";
}

// ---- Parsing --------------------------------------------------------------------------------

// A hand-written equivalent of packaging's VERSION_PATTERN (re.VERBOSE | re.IGNORECASE,
// anchored by ^\s* and \s*$). Every alternative in that regex is decided by its first
// character, so no backtracking is needed: a label that is a prefix of another (a / alpha,
// pre / preview, r / rev) can only be followed by characters the longer one would have had.
class VersionParser {
 public:
  explicit VersionParser(std::string_view text) : s_(text) {}

  // Fills `v`; on failure error_pos_ / expected_ say where and what.
  bool Parse(Version& v) {
    SkipSpace();
    if (pos_ < s_.size() && (s_[pos_] == 'v' || s_[pos_] == 'V')) ++pos_;
    // Epoch or first release number.
    size_t start = pos_;
    if (!Digits()) return Fail("a release number");
    if (pos_ < s_.size() && s_[pos_] == '!') {
      v.epoch_ = Number::FromDigits(s_.substr(start, pos_ - start));
      ++pos_;
      start = pos_;
      if (!Digits()) return Fail("a release number");
    }
    v.release_.push_back(Number::FromDigits(s_.substr(start, pos_ - start)));
    while (pos_ + 1 < s_.size() && s_[pos_] == '.' && IsAsciiDigit(s_[pos_ + 1])) {
      ++pos_;
      start = pos_;
      Digits();
      v.release_.push_back(Number::FromDigits(s_.substr(start, pos_ - start)));
    }
    // Pre-release.
    {
      size_t save = pos_;
      OptionalSeparator();
      PreKind kind;
      size_t len = PreLabel(kind);
      if (len != 0) {
        pos_ += len;
        OptionalSeparator();
        v.pre_ = PreRelease{kind, OptionalNumber()};
      } else {
        pos_ = save;
      }
    }
    // Post-release: -N, or [-_.]? (post|rev|r) [-_.]? N?
    {
      size_t save = pos_;
      if (pos_ + 1 < s_.size() && s_[pos_] == '-' && IsAsciiDigit(s_[pos_ + 1])) {
        ++pos_;
        v.post_ = OptionalNumber();
      } else {
        OptionalSeparator();
        size_t len = Keyword("post") ? 4 : Keyword("rev") ? 3 : Keyword("r") ? 1 : 0;
        if (len != 0) {
          pos_ += len;
          OptionalSeparator();
          v.post_ = OptionalNumber();
        } else {
          pos_ = save;
        }
      }
    }
    // Dev release.
    {
      size_t save = pos_;
      OptionalSeparator();
      if (Keyword("dev")) {
        pos_ += 3;
        OptionalSeparator();
        v.dev_ = OptionalNumber();
      } else {
        pos_ = save;
      }
    }
    // Local label: \+[a-z0-9]+(?:[-_.][a-z0-9]+)*
    if (pos_ < s_.size() && s_[pos_] == '+') {
      ++pos_;
      for (;;) {
        size_t seg = pos_;
        bool all_digits = true;
        while (pos_ < s_.size() && (IsAsciiDigit(s_[pos_]) || IsAsciiAlpha(s_[pos_]))) {
          all_digits = all_digits && IsAsciiDigit(s_[pos_]);
          ++pos_;
        }
        if (pos_ == seg) return Fail("a letter or digit of the local version label");
        LocalSegment segment;
        if (all_digits) {
          segment.numeric = true;
          segment.number = Number::FromDigits(s_.substr(seg, pos_ - seg));
        } else {
          segment.text.reserve(pos_ - seg);
          for (size_t i = seg; i < pos_; ++i) segment.text.push_back(LowerAscii(s_[i]));
        }
        v.local_.push_back(std::move(segment));
        if (pos_ + 1 < s_.size() && IsSeparator(s_[pos_]) &&
            (IsAsciiDigit(s_[pos_ + 1]) || IsAsciiAlpha(s_[pos_ + 1]))) {
          ++pos_;
          continue;
        }
        break;
      }
    }
    SkipSpace();
    if (pos_ != s_.size()) return Fail("");
    size_t n = v.release_.size();
    while (n > 0 && v.release_[n - 1].is_zero()) --n;
    v.release_significant_ = n;
    return true;
  }

  size_t error_pos() const { return pos_; }
  const char* expected() const { return expected_; }

 private:
  static bool IsSeparator(char c) { return c == '.' || c == '-' || c == '_'; }

  void SkipSpace() {
    while (pos_ < s_.size()) {
      size_t w = PythonSpaceAt(s_, pos_);
      if (w == 0) return;
      pos_ += w;
    }
  }
  bool Digits() {
    size_t start = pos_;
    while (pos_ < s_.size() && IsAsciiDigit(s_[pos_])) ++pos_;
    return pos_ != start;
  }
  void OptionalSeparator() {
    if (pos_ < s_.size() && IsSeparator(s_[pos_])) ++pos_;
  }
  Number OptionalNumber() {
    size_t start = pos_;
    if (!Digits()) return Number();
    return Number::FromDigits(s_.substr(start, pos_ - start));
  }
  // Case-insensitive match of `word` at pos_.
  bool Keyword(std::string_view word) const {
    if (s_.size() - pos_ < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
      if (LowerAscii(s_[pos_ + i]) != word[i]) return false;
    }
    return true;
  }
  size_t PreLabel(PreKind& kind) const {
    if (Keyword("alpha")) return kind = PreKind::kAlpha, 5;
    if (Keyword("a")) return kind = PreKind::kAlpha, 1;
    if (Keyword("beta")) return kind = PreKind::kBeta, 4;
    if (Keyword("b")) return kind = PreKind::kBeta, 1;
    if (Keyword("preview")) return kind = PreKind::kRc, 7;
    if (Keyword("pre")) return kind = PreKind::kRc, 3;
    if (Keyword("c")) return kind = PreKind::kRc, 1;
    if (Keyword("rc")) return kind = PreKind::kRc, 2;
    return 0;
  }
  bool Fail(const char* expected) {
    expected_ = expected;
    return false;
  }

  std::string_view s_;
  size_t pos_ = 0;
  const char* expected_ = "";
};

Result<Version> Version::Parse(std::string_view text) {
  Version v;
  VersionParser parser(text);
  if (parser.Parse(v)) return v;
  std::string message = "invalid version '" + std::string(text) + "': ";
  size_t pos = parser.error_pos();
  if (TrimPythonSpace(text).empty()) {
    message += "empty";
    return MakeError(std::move(message));
  }
  if (pos >= text.size()) {
    message += std::string("expected ") + parser.expected() + " at end of input";
    return MakeError(std::move(message));
  }
  // A separator is only wrong because of what follows it: point at that instead.
  char c = text[pos];
  if ((c == '.' || c == '-' || c == '_') && pos + 1 < text.size() && *parser.expected() == '\0') {
    ++pos;
  }
  message += "unexpected " + DescribeChar(text, pos) + " at position " + std::to_string(pos + 1);
  if (*parser.expected() != '\0') message += std::string(" (expected ") + parser.expected() + ")";
  return MakeError(std::move(message));
}

std::optional<Version> Version::TryParse(std::string_view text) {
  Version v;
  VersionParser parser(text);
  if (!parser.Parse(v)) return std::nullopt;
  return v;
}

// ---- Accessors and printing -----------------------------------------------------------------

std::optional<std::string> Version::LocalString() const {
  if (local_.empty()) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < local_.size(); ++i) {
    if (i != 0) out += '.';
    if (local_[i].numeric) {
      local_[i].number.AppendTo(out);
    } else {
      out += local_[i].text;
    }
  }
  return out;
}

const Number& Version::ReleaseAt(size_t index) const {
  static const Number kZero;
  return index < release_.size() ? release_[index] : kZero;
}

std::string Version::BaseVersion() const {
  std::string out;
  if (!epoch_.is_zero()) {
    epoch_.AppendTo(out);
    out += '!';
  }
  for (size_t i = 0; i < release_.size(); ++i) {
    if (i != 0) out += '.';
    release_[i].AppendTo(out);
  }
  return out;
}

std::string Version::Public() const {
  std::string out = BaseVersion();
  if (pre_) {
    out += PreKindString(pre_->kind);
    pre_->number.AppendTo(out);
  }
  if (post_) {
    out += ".post";
    post_->AppendTo(out);
  }
  if (dev_) {
    out += ".dev";
    dev_->AppendTo(out);
  }
  return out;
}

std::string Version::ToString() const {
  std::string out = Public();
  if (!local_.empty()) {
    out += '+';
    out += *LocalString();
  }
  return out;
}

Version Version::WithoutLocal() const {
  Version v = *this;
  v.local_.clear();
  return v;
}

Version Version::BaseOnly() const {
  Version v;
  v.epoch_ = epoch_;
  v.release_ = release_;
  v.release_significant_ = release_significant_;
  return v;
}

// ---- Hashing --------------------------------------------------------------------------------

namespace {

void Mix(size_t& h, size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); }

void MixNumber(size_t& h, const Number& n) {
  if (n.fits_uint64()) {
    Mix(h, std::hash<uint64_t>{}(n.value()));
  } else {
    Mix(h, 0x5bd1e995);  // Big numbers are rare: hash them all alike, equality decides.
  }
}

}  // namespace

size_t Version::Hash() const {
  size_t h = 0;
  MixNumber(h, epoch_);
  for (size_t i = 0; i < release_significant_; ++i) MixNumber(h, release_[i]);
  Mix(h, pre_ ? static_cast<size_t>(pre_->kind) + 1 : 0);
  if (pre_) MixNumber(h, pre_->number);
  Mix(h, post_ ? 1 : 0);
  if (post_) MixNumber(h, *post_);
  Mix(h, dev_ ? 1 : 0);
  if (dev_) MixNumber(h, *dev_);
  for (const LocalSegment& s : local_) {
    if (s.numeric) {
      MixNumber(h, s.number);
    } else {
      Mix(h, std::hash<std::string>{}(s.text));
    }
  }
  return h;
}

// ---- Ordering -------------------------------------------------------------------------------

namespace {

// packaging's _cmpkey pre component: dev-only versions sort before every pre-release (-inf),
// versions without pre-release after them (+inf).
int PreRank(const Version& v) {
  if (!v.pre() && !v.post() && v.dev()) return 0;  // -inf
  if (!v.pre()) return 2;                          // +inf
  return 1;
}

}  // namespace

std::strong_ordering operator<=>(const Version& a, const Version& b) {
  if (auto c = a.epoch_ <=> b.epoch_; c != 0) return c;
  size_t n = std::max(a.release_significant_, b.release_significant_);
  static const Number kZero;
  for (size_t i = 0; i < n; ++i) {
    const Number& x = i < a.release_significant_ ? a.release_[i] : kZero;
    const Number& y = i < b.release_significant_ ? b.release_[i] : kZero;
    if (auto c = x <=> y; c != 0) return c;
  }
  int ra = PreRank(a), rb = PreRank(b);
  if (ra != rb) return ra <=> rb;
  if (ra == 1) {
    if (auto c = a.pre_->kind <=> b.pre_->kind; c != 0) return c;
    if (auto c = a.pre_->number <=> b.pre_->number; c != 0) return c;
  }
  // post: absent is -inf.
  if (a.post_.has_value() != b.post_.has_value()) return a.post_.has_value() <=> b.post_.has_value();
  if (a.post_) {
    if (auto c = *a.post_ <=> *b.post_; c != 0) return c;
  }
  // dev: absent is +inf.
  if (a.dev_.has_value() != b.dev_.has_value()) return b.dev_.has_value() <=> a.dev_.has_value();
  if (a.dev_) {
    if (auto c = *a.dev_ <=> *b.dev_; c != 0) return c;
  }
  // local: absent is -inf; numeric segments beat alphanumeric ones; shorter prefix first.
  size_t m = std::min(a.local_.size(), b.local_.size());
  for (size_t i = 0; i < m; ++i) {
    const LocalSegment& x = a.local_[i];
    const LocalSegment& y = b.local_[i];
    if (x.numeric != y.numeric) return x.numeric <=> y.numeric;
    if (x.numeric) {
      if (auto c = x.number <=> y.number; c != 0) return c;
    } else {
      int c = x.text.compare(y.text);
      if (c != 0) return c < 0 ? std::strong_ordering::less : std::strong_ordering::greater;
    }
  }
  return a.local_.size() <=> b.local_.size();
}

}  // namespace drydock::pyenv
