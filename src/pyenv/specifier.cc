#include "pyenv/specifier.h"

#include <algorithm>

#include "pyenv/canonical_name.h"
#include "pyenv/python_text.h"

namespace drydock::pyenv {

namespace {

bool IsSep(char c) { return c == '.' || c == '-' || c == '_'; }

bool KeywordAt(std::string_view s, size_t pos, std::string_view word) {
  if (s.size() - pos < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (LowerAscii(s[pos + i]) != word[i]) return false;
  }
  return true;
}

size_t DigitsAt(std::string_view s, size_t pos) {
  size_t p = pos;
  while (p < s.size() && IsAsciiDigit(s[p])) ++p;
  return p - pos;
}

struct GrammarOptions {
  bool allow_local = false;
  bool allow_wildcard = false;
  int min_release_segments = 1;
};

// Greedy match of the version part of packaging's specifier regex at `pos` (after the
// operator's whitespace): v? (N!)? N(.N)* then `.*` (when allowed) or pre/post/dev/local.
// Returns the end, or npos when even the release does not match. `wildcard` reports `.*`.
size_t MatchVersionGrammar(std::string_view s, size_t pos, const GrammarOptions& options,
                           bool* wildcard) {
  *wildcard = false;
  size_t p = pos;
  if (p < s.size() && (s[p] == 'v' || s[p] == 'V')) ++p;
  size_t n = DigitsAt(s, p);
  if (n == 0) return std::string_view::npos;
  if (p + n < s.size() && s[p + n] == '!') {
    p += n + 1;
    n = DigitsAt(s, p);
    if (n == 0) return std::string_view::npos;
  }
  p += n;
  int segments = 1;
  while (p + 1 < s.size() && s[p] == '.' && IsAsciiDigit(s[p + 1])) {
    p += 1 + DigitsAt(s, p + 1);
    ++segments;
  }
  if (segments < options.min_release_segments) return std::string_view::npos;
  if (options.allow_wildcard && p + 1 < s.size() && s[p] == '.' && s[p + 1] == '*') {
    *wildcard = true;
    return p + 2;
  }
  // Pre-release.
  {
    size_t q = p;
    if (q < s.size() && IsSep(s[q])) ++q;
    size_t len = 0;
    for (std::string_view label : {"alpha", "beta", "preview", "pre", "a", "b", "c", "rc"}) {
      if (KeywordAt(s, q, label)) {
        len = label.size();
        break;
      }
    }
    if (len != 0) {
      q += len;
      if (q < s.size() && IsSep(s[q])) ++q;
      q += DigitsAt(s, q);
      p = q;
    }
  }
  // Post-release.
  if (p + 1 < s.size() && s[p] == '-' && IsAsciiDigit(s[p + 1])) {
    p += 1 + DigitsAt(s, p + 1);
  } else {
    size_t q = p;
    if (q < s.size() && IsSep(s[q])) ++q;
    size_t len = KeywordAt(s, q, "post") ? 4 : KeywordAt(s, q, "rev") ? 3 : KeywordAt(s, q, "r") ? 1 : 0;
    if (len != 0) {
      q += len;
      if (q < s.size() && IsSep(s[q])) ++q;
      q += DigitsAt(s, q);
      p = q;
    }
  }
  // Dev release.
  {
    size_t q = p;
    if (q < s.size() && IsSep(s[q])) ++q;
    if (KeywordAt(s, q, "dev")) {
      q += 3;
      if (q < s.size() && IsSep(s[q])) ++q;
      q += DigitsAt(s, q);
      p = q;
    }
  }
  if (options.allow_local) p = MatchLocalLabel(s, p);
  return p;
}

size_t SkipPythonSpace(std::string_view s, size_t pos) {
  while (pos < s.size()) {
    size_t w = PythonSpaceAt(s, pos);
    if (w == 0) break;
    pos += w;
  }
  return pos;
}

}  // namespace

size_t MatchLocalLabel(std::string_view s, size_t p) {
  auto alnum = [&](size_t i) { return i < s.size() && (IsAsciiDigit(s[i]) || IsAsciiAlpha(s[i])); };
  if (!(p < s.size() && s[p] == '+' && alnum(p + 1))) return p;
  ++p;
  for (;;) {
    while (alnum(p)) ++p;
    if (p < s.size() && IsSep(s[p]) && alnum(p + 1)) {
      ++p;
      continue;
    }
    return p;
  }
}

size_t MatchSpecifierToken(std::string_view s, size_t pos) {
  std::string_view rest = s.substr(pos);
  bool wildcard = false;
  if (rest.substr(0, 3) == "===") {
    size_t p = SkipPythonSpace(s, pos + 3);
    while (p < s.size() && PythonSpaceAt(s, p) == 0 && s[p] != ';' && s[p] != ')') {
      unsigned char c = static_cast<unsigned char>(s[p]);
      p += c < 0x80 ? 1 : std::max<size_t>(1, PythonSpaceAt(s, p));
    }
    return p - pos;
  }
  std::string_view op2 = rest.substr(0, 2);
  GrammarOptions options;
  size_t after_op;
  if (op2 == "==" || op2 == "!=") {
    options.allow_local = true;
    options.allow_wildcard = true;
    after_op = pos + 2;
  } else if (op2 == "~=") {
    options.min_release_segments = 2;
    after_op = pos + 2;
  } else if (op2 == "<=" || op2 == ">=") {
    after_op = pos + 2;
  } else if (!rest.empty() && (rest[0] == '<' || rest[0] == '>')) {
    after_op = pos + 1;
  } else {
    return 0;
  }
  size_t end = MatchVersionGrammar(s, SkipPythonSpace(s, after_op), options, &wildcard);
  if (end == std::string_view::npos) return 0;
  return end - pos;
}

std::string_view SpecifierOperatorString(SpecifierOperator op) {
  switch (op) {
    case SpecifierOperator::kCompatible: return "~=";
    case SpecifierOperator::kEqual: return "==";
    case SpecifierOperator::kNotEqual: return "!=";
    case SpecifierOperator::kLessEqual: return "<=";
    case SpecifierOperator::kGreaterEqual: return ">=";
    case SpecifierOperator::kLess: return "<";
    case SpecifierOperator::kGreater: return ">";
    case SpecifierOperator::kArbitrary: return "===";
  }
  return "==";
}

// ---- Specifier --------------------------------------------------------------------------------

Result<Specifier> Specifier::Parse(std::string_view text, std::optional<bool> prereleases) {
  auto fail = [&](const std::string& why) -> Result<Specifier> {
    return MakeError("invalid specifier '" + std::string(text) + "': " + why);
  };
  size_t start = SkipPythonSpace(text, 0);
  if (start == text.size()) return fail("empty");
  size_t len = MatchSpecifierToken(text, start);
  size_t end = start + len;
  if (len == 0) {
    std::string_view rest = text.substr(start);
    bool has_op = rest.substr(0, 2) == "==" || rest.substr(0, 2) == "!=" ||
                  rest.substr(0, 2) == "~=" || rest[0] == '<' || rest[0] == '>';
    if (!has_op) {
      return fail("expected an operator (~=, ==, !=, <=, >=, <, >, ===) at position " +
                  std::to_string(start + 1) + ", found " + DescribeChar(text, start));
    }
    size_t op_len = (rest.size() >= 2 && rest[1] == '=') ? 2 : 1;
    size_t v = SkipPythonSpace(text, start + op_len);
    if (v == text.size()) return fail("expected a version after the operator");
    if (rest.substr(0, 2) == "~=") {
      return fail("~= needs a version with at least two release segments, at position " +
                  std::to_string(v + 1));
    }
    return fail("expected a version at position " + std::to_string(v + 1) + ", found " +
                DescribeChar(text, v));
  }
  if (SkipPythonSpace(text, end) != text.size()) {
    std::string_view token = text.substr(start, len);
    size_t bad = SkipPythonSpace(text, end);
    std::string why = "unexpected " + DescribeChar(text, bad) + " at position " +
                      std::to_string(bad + 1);
    if (text.substr(bad, 2) == ".*") {
      why += token.substr(0, 2) == "==" || token.substr(0, 2) == "!="
                 ? " (.* cannot follow a pre-, post-, dev or local version)"
                 : " (.* is only allowed with == and !=)";
    } else if (text[bad] == '+') {
      why += " (a local version label is only allowed with == and !=)";
    }
    return fail(why);
  }
  std::string_view spec = text.substr(start, len);
  Specifier s;
  size_t op_len;
  if (spec.substr(0, 3) == "===") {
    s.op_ = SpecifierOperator::kArbitrary;
    op_len = 3;
  } else {
    std::string_view op2 = spec.substr(0, 2);
    op_len = 2;
    if (op2 == "~=") s.op_ = SpecifierOperator::kCompatible;
    else if (op2 == "==") s.op_ = SpecifierOperator::kEqual;
    else if (op2 == "!=") s.op_ = SpecifierOperator::kNotEqual;
    else if (op2 == "<=") s.op_ = SpecifierOperator::kLessEqual;
    else if (op2 == ">=") s.op_ = SpecifierOperator::kGreaterEqual;
    else {
      op_len = 1;
      s.op_ = spec[0] == '<' ? SpecifierOperator::kLess : SpecifierOperator::kGreater;
    }
  }
  s.version_text_ = std::string(TrimPythonSpace(spec.substr(op_len)));
  s.prereleases_ = prereleases;
  std::string_view v = s.version_text_;
  if (s.op_ != SpecifierOperator::kArbitrary) {
    if (v.size() >= 2 && v.substr(v.size() - 2) == ".*") {
      s.wildcard_ = true;
      v.remove_suffix(2);
    }
    s.version_ = Version::TryParse(v);
    DD_CHECK(s.version_.has_value());
    s.has_local_text_ = s.version_text_.find('+') != std::string::npos;
  } else {
    s.version_ = Version::TryParse(v);
  }
  s.Prepare();
  return s;
}

std::string Specifier::ToString() const {
  return std::string(SpecifierOperatorString(op_)) + version_text_;
}

std::string Specifier::CanonicalKey() const {
  std::string key(SpecifierOperatorString(op_));
  if (op_ == SpecifierOperator::kArbitrary || wildcard_) {
    key += version_text_;
  } else {
    key += CanonicalizeVersion(version_->ToString(), op_ != SpecifierOperator::kCompatible);
  }
  return key;
}

bool Specifier::ImpliesPrereleases() const {
  if (op_ == SpecifierOperator::kNotEqual) return false;
  if (op_ == SpecifierOperator::kEqual && wildcard_) return false;
  return version_.has_value() && version_->is_prerelease();
}

bool Specifier::prereleases() const {
  if (prereleases_) return *prereleases_;
  return ImpliesPrereleases();
}

std::optional<bool> Specifier::ResolvedPrereleases() const {
  if (prereleases_) return prereleases_;
  if (ImpliesPrereleases()) return true;
  return std::nullopt;
}

namespace {

// epoch equal, release equal up to trailing zeros (packaging's _is_family release test).
bool SameRelease(const Version& p, const Version& v) {
  if (p.epoch() != v.epoch()) return false;
  size_t n = std::max(p.release().size(), v.release().size());
  for (size_t i = 0; i < n; ++i) {
    if (!(p.ReleaseAt(i) == v.ReleaseAt(i))) return false;
  }
  return true;
}

// p is v, or v with a local label: packaging's AFTER_LOCALS boundary family.
bool SamePublic(const Version& p, const Version& v) {
  return SameRelease(p, v) && p.pre() == v.pre() && p.post() == v.post() && p.dev() == v.dev();
}

Version WithRelease(const Version& v, std::vector<Number> release, std::optional<Number> dev) {
  std::string text;
  if (!v.epoch().is_zero()) {
    v.epoch().AppendTo(text);
    text += '!';
  }
  for (size_t i = 0; i < release.size(); ++i) {
    if (i != 0) text += '.';
    release[i].AppendTo(text);
  }
  if (dev) {
    text += ".dev";
    dev->AppendTo(text);
  }
  return *Version::TryParse(text);
}

Number Increment(const Number& n) {
  if (n.fits_uint64() && n.value() != UINT64_MAX) return Number(n.value() + 1);
  // Decimal increment of a big number.
  std::string d = n.ToString();
  size_t i = d.size();
  while (i > 0 && d[i - 1] == '9') d[--i] = '0';
  if (i == 0) d.insert(d.begin(), '1');
  else ++d[i - 1];
  return Number::FromDigits(d);
}

}  // namespace

void Specifier::Prepare() {
  if (!version_ || op_ == SpecifierOperator::kArbitrary) return;
  const Version& v = *version_;
  if (wildcard_ || op_ == SpecifierOperator::kCompatible) {
    std::vector<Number> release = v.release();
    if (op_ == SpecifierOperator::kCompatible) release.pop_back();
    lower_ = WithRelease(v, release, Number(0));
    if (wildcard_) lower_ = WithRelease(v, v.release(), Number(0));
    release.back() = Increment(release.back());
    upper_ = WithRelease(v, release, Number(0));
  } else if (op_ == SpecifierOperator::kLess) {
    if (v.is_prerelease()) {
      upper_ = v;
    } else {
      Version t = v.WithoutLocal();
      upper_ = *Version::TryParse(t.ToString() + ".dev0");
    }
  }
}

bool Specifier::Matches(const Version* p, std::string_view raw) const {
  if (op_ == SpecifierOperator::kArbitrary) {
    // str(item).lower() == spec.lower(): the text as given (a parsed Version prints normalised).
    std::string_view a = raw;
    if (a.size() != version_text_.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (LowerAscii(a[i]) != LowerAscii(version_text_[i])) return false;
    }
    return true;
  }
  if (p == nullptr) return false;
  const Version& v = *version_;
  switch (op_) {
    case SpecifierOperator::kGreaterEqual:
      return *p >= v;
    case SpecifierOperator::kLessEqual:
      return *p <= v || SamePublic(*p, v);
    case SpecifierOperator::kGreater: {
      if (v.dev()) {
        // >= v with dev+1 (local dropped).
        if (!(*p > v)) return false;
        return !SamePublic(*p, v);
      }
      if (v.post()) {
        // >= v.post(N+1).dev0
        if (!(*p > v)) return false;
        if (SameRelease(*p, v) && p->pre() == v.pre() && p->post() == v.post()) return false;
        return true;
      }
      if (!(*p > v)) return false;
      return !(SameRelease(*p, v) && p->pre() == v.pre());
    }
    case SpecifierOperator::kLess: {
      static const Version kMinVersion = *Version::TryParse("0.dev0");
      if (*upper_ <= kMinVersion) return false;
      return *p < *upper_;
    }
    case SpecifierOperator::kEqual:
    case SpecifierOperator::kNotEqual: {
      bool eq;
      if (wildcard_) {
        eq = *p >= *lower_ && *p < *upper_;
      } else if (has_local_text_) {
        eq = *p == v;
      } else {
        eq = *p >= v && (*p <= v || SamePublic(*p, v));
      }
      return op_ == SpecifierOperator::kEqual ? eq : !eq;
    }
    case SpecifierOperator::kCompatible:
      return *p >= v && *p < *upper_;
    case SpecifierOperator::kArbitrary:
      break;
  }
  return false;
}

namespace {

// packaging's _apply_prereleases_filter / _pep440_filter_prereleases over already matched items.
std::vector<std::string> ApplyPrereleaseFilter(const std::vector<std::string>& matches,
                                               std::optional<bool> prereleases) {
  std::vector<std::string> out;
  if (prereleases == true) return matches;
  if (prereleases == false) {
    for (const std::string& item : matches) {
      auto v = Version::TryParse(item);
      if (!v || !v->is_prerelease()) out.push_back(item);
    }
    return out;
  }
  std::vector<std::string> all_nonfinal, arbitrary;
  bool found_final = false;
  for (const std::string& item : matches) {
    auto v = Version::TryParse(item);
    if (!v) {
      if (found_final) {
        out.push_back(item);
      } else {
        arbitrary.push_back(item);
        all_nonfinal.push_back(item);
      }
      continue;
    }
    if (!v->is_prerelease()) {
      if (!found_final) {
        out.insert(out.end(), arbitrary.begin(), arbitrary.end());
        found_final = true;
      }
      out.push_back(item);
      continue;
    }
    if (!found_final) all_nonfinal.push_back(item);
  }
  if (!found_final) return all_nonfinal;
  return out;
}

// packaging's filter_by_ranges, with `match` deciding membership of a parsed version.
template <typename Match>
std::vector<std::string> FilterParsed(const std::vector<std::string>& items,
                                      std::optional<bool> prereleases, const Match& match) {
  std::vector<std::string> out, buffer;
  bool found_final = false;
  for (const std::string& item : items) {
    auto v = Version::TryParse(item);
    if (!v) continue;
    if (prereleases == false && v->is_prerelease()) continue;
    if (!match(*v)) continue;
    if (prereleases == true || !v->is_prerelease()) {
      if (!v->is_prerelease()) found_final = true;
      out.push_back(item);
    } else if (!found_final) {
      buffer.push_back(item);
    }
  }
  if (!prereleases.has_value() && !found_final) return buffer;
  return out;
}

}  // namespace

bool Specifier::Contains(std::string_view version, std::optional<bool> prereleases) const {
  if (op_ == SpecifierOperator::kArbitrary) {
    return !Filter({std::string(version)}, prereleases).empty();
  }
  auto v = Version::TryParse(version);
  if (!v) return false;
  return Contains(*v, prereleases);
}

bool Specifier::Contains(const Version& version, std::optional<bool> prereleases) const {
  if (op_ == SpecifierOperator::kArbitrary) {
    return !Filter({version.ToString()}, prereleases).empty();
  }
  if (!prereleases) prereleases = ResolvedPrereleases();
  if (prereleases == false && version.is_prerelease()) return false;
  return Matches(&version, {});
}

std::vector<std::string> Specifier::Filter(const std::vector<std::string>& versions,
                                           std::optional<bool> prereleases) const {
  if (!prereleases) prereleases = ResolvedPrereleases();
  if (op_ == SpecifierOperator::kArbitrary) {
    std::vector<std::string> matches;
    for (const std::string& item : versions) {
      if (Matches(nullptr, item)) matches.push_back(item);
    }
    return ApplyPrereleaseFilter(matches, prereleases);
  }
  return FilterParsed(versions, prereleases, [&](const Version& v) { return Matches(&v, {}); });
}

bool operator==(const Specifier& a, const Specifier& b) { return a.CanonicalKey() == b.CanonicalKey(); }

// ---- SpecifierSet -----------------------------------------------------------------------------

Result<SpecifierSet> SpecifierSet::Parse(std::string_view text, std::optional<bool> prereleases) {
  SpecifierSet set;
  set.prereleases_ = prereleases;
  size_t start = 0;
  for (;;) {
    size_t comma = text.find(',', start);
    std::string_view item = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (!TrimPythonSpace(item).empty()) {
      auto spec = Specifier::Parse(TrimPythonSpace(item));
      if (!spec.ok()) {
        std::string message = spec.error().message;
        if (comma != std::string_view::npos || start != 0) {
          message += " (clause at position " + std::to_string(start + 1) + " of '" + std::string(text) + "')";
        }
        return MakeError(std::move(message));
      }
      set.specifiers_.push_back(std::move(*spec));
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  set.has_arbitrary_ = text.find("===") != std::string_view::npos;
  return set;
}

std::vector<Specifier> SpecifierSet::CanonicalSpecifiers() const {
  std::vector<Specifier> sorted = specifiers_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Specifier& a, const Specifier& b) { return a.ToString() < b.ToString(); });
  std::vector<Specifier> out;
  std::vector<std::string> keys;
  for (Specifier& s : sorted) {
    std::string key = s.CanonicalKey();
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    keys.push_back(std::move(key));
    out.push_back(std::move(s));
  }
  return out;
}

std::string SpecifierSet::ToString() const {
  std::string out;
  for (const Specifier& s : CanonicalSpecifiers()) {
    if (!out.empty()) out += ',';
    out += s.ToString();
  }
  return out;
}

std::optional<bool> SpecifierSet::prereleases() const {
  if (prereleases_) return prereleases_;
  if (specifiers_.empty()) return std::nullopt;
  for (const Specifier& s : specifiers_) {
    if (s.prereleases()) return true;
  }
  return std::nullopt;
}

bool SpecifierSet::MatchesAll(const Version& v) const {
  for (const Specifier& s : specifiers_) {
    if (!s.Matches(&v, {})) return false;
  }
  return true;
}

bool SpecifierSet::Contains(const Version& version, std::optional<bool> prereleases,
                            bool installed) const {
  if (installed && version.is_prerelease()) prereleases = true;
  if (!has_arbitrary_ && !version.has_local() && !specifiers_.empty()) {
    if (version.is_prerelease() &&
        (prereleases == false || (!prereleases && prereleases_ == false))) {
      return false;
    }
    return MatchesAll(version);
  }
  return ContainsViaFilter(version.ToString(), &version, prereleases);
}

bool SpecifierSet::Contains(std::string_view text, std::optional<bool> prereleases,
                            bool installed) const {
  auto version = Version::TryParse(text);
  if (!version) return ContainsViaFilter(std::string(text), nullptr, prereleases);
  if (installed && version->is_prerelease()) prereleases = true;
  if (!has_arbitrary_ && !version->has_local() && !specifiers_.empty()) {
    return Contains(*version, prereleases, false);
  }
  // With === the raw text is what is compared.
  return ContainsViaFilter(std::string(text), &*version, prereleases);
}

bool SpecifierSet::ContainsViaFilter(const std::string& item, const Version*,
                                     std::optional<bool> prereleases) const {
  return !Filter({item}, prereleases).empty();
}

std::vector<std::string> SpecifierSet::Filter(const std::vector<std::string>& versions,
                                              std::optional<bool> prereleases) const {
  if (!prereleases && this->prereleases()) prereleases = this->prereleases();
  if (specifiers_.empty()) return ApplyPrereleaseFilter(versions, prereleases);
  if (has_arbitrary_) {
    std::vector<std::string> matches;
    for (const std::string& item : versions) {
      bool all = true;
      for (const Specifier& s : specifiers_) {
        if (!s.Contains(std::string_view(item), true)) {
          all = false;
          break;
        }
      }
      if (all) matches.push_back(item);
    }
    return ApplyPrereleaseFilter(matches, prereleases);
  }
  return FilterParsed(versions, prereleases, [&](const Version& v) { return MatchesAll(v); });
}

Result<SpecifierSet> SpecifierSet::Combine(const SpecifierSet& a, const SpecifierSet& b) {
  SpecifierSet out;
  out.specifiers_ = a.specifiers_;
  out.specifiers_.insert(out.specifiers_.end(), b.specifiers_.begin(), b.specifiers_.end());
  out.has_arbitrary_ = a.has_arbitrary_ || b.has_arbitrary_;
  if (!a.prereleases_ || a.prereleases_ == b.prereleases_) {
    out.prereleases_ = b.prereleases_;
  } else if (!b.prereleases_) {
    out.prereleases_ = a.prereleases_;
  } else {
    return MakeError("cannot combine specifier sets with true and false pre-release overrides");
  }
  return out;
}

}  // namespace drydock::pyenv
