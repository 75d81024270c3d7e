#include "pyenv/requirement.h"

#include <algorithm>

#include "pyenv/canonical_name.h"
#include "pyenv/marker_internal.h"
#include "pyenv/pep508_tokenizer.h"

namespace drydock::pyenv {

namespace {

// packaging._parser._parse_requirement over a Pep508Cursor.
class RequirementParser {
 public:
  explicit RequirementParser(std::string_view text) { c_.source = text; }

  bool Parse() {
    c_.ConsumeWs();
    size_t n = c_.MatchIdentifier();
    if (n == 0) return c_.Fail("Expected package name at the start of dependency specifier");
    name = std::string(c_.source.substr(c_.pos, n));
    c_.pos += n;
    c_.ConsumeWs();
    if (!ParseExtras()) return false;
    c_.ConsumeWs();
    if (!ParseDetails()) return false;
    if (!c_.at_end()) return c_.Fail("Expected end of dependency specifier");
    return true;
  }

  const std::string& error() const { return c_.error; }

  std::string name;
  std::vector<std::string> extras;
  std::string specifier;
  std::string url;
  bool has_marker = false;
  MarkerNode marker;

 private:
  bool ParseExtras() {
    if (!c_.Peek('[')) return true;
    size_t open = c_.pos;
    ++c_.pos;
    c_.ConsumeWs();
    if (size_t n = c_.MatchIdentifier()) {
      extras.emplace_back(c_.source.substr(c_.pos, n));
      c_.pos += n;
      for (;;) {
        c_.ConsumeWs();
        if (c_.MatchIdentifier() != 0) return c_.Fail("Expected comma between extra names");
        if (!c_.Peek(',')) break;
        ++c_.pos;
        c_.ConsumeWs();
        size_t m = c_.MatchIdentifier();
        if (m == 0) return c_.Fail("Expected extra name after comma");
        extras.emplace_back(c_.source.substr(c_.pos, m));
        c_.pos += m;
      }
    }
    c_.ConsumeWs();
    if (!c_.Peek(']')) {
      return c_.Fail("Expected matching ']' for the '[' at position " + std::to_string(open + 1) +
                     ", after extras");
    }
    ++c_.pos;
    return true;
  }

  bool ParseDetails() {
    if (c_.Peek('@')) {
      ++c_.pos;
      c_.ConsumeWs();
      size_t start = c_.pos;
      while (c_.pos < c_.source.size() && c_.source[c_.pos] != ' ' && c_.source[c_.pos] != '\t') {
        ++c_.pos;
      }
      if (c_.pos == start) return c_.Fail("Expected URL after @");
      url = std::string(c_.source.substr(start, c_.pos - start));
      if (c_.at_end()) return true;
      size_t ws = c_.pos;
      c_.ConsumeWs();
      if (c_.pos == ws) return c_.Fail("Expected whitespace after URL");
      if (c_.at_end()) return true;
      return ParseMarker("semicolon (after URL and whitespace)");
    }
    if (!ParseSpecifier()) return false;
    c_.ConsumeWs();
    if (c_.at_end()) return true;
    return ParseMarker(specifier.empty()
                           ? "semicolon (after name with no version specifier)"
                           : "comma (within version specifier), semicolon (after version specifier)");
  }

  bool ParseSpecifier() {
    bool paren = c_.Peek('(');
    size_t open = c_.pos;
    if (paren) ++c_.pos;
    c_.ConsumeWs();
    for (;;) {
      size_t n = MatchSpecifierToken(c_.source, c_.pos);
      if (n == 0) break;
      size_t start = c_.pos;
      specifier += c_.source.substr(c_.pos, n);
      c_.pos += n;
      if (c_.source.substr(c_.pos, 2) == ".*") {
        std::string_view token = c_.source.substr(start, n);
        bool eq = token.substr(0, 2) == "!=" ||
                  (token.substr(0, 2) == "==" && token.substr(0, 3) != "===");
        return c_.Fail(eq ? ".* suffix cannot be used with pre-release, post-release, dev or "
                            "local versions"
                          : ".* suffix can only be used with `==` or `!=` operators");
      }
      if (LowercaseLocalLabelAt(c_.pos)) {
        return c_.Fail("Local version label can only be used with `==` or `!=` operators");
      }
      c_.ConsumeWs();
      if (!c_.Peek(',')) break;
      specifier += ',';
      ++c_.pos;
      c_.ConsumeWs();
    }
    c_.ConsumeWs();
    if (paren) {
      if (!c_.Peek(')')) {
        return c_.Fail("Expected matching ')' for the '(' at position " + std::to_string(open + 1) +
                       ", after version specifier");
      }
      ++c_.pos;
    }
    return true;
  }

  // VERSION_LOCAL_LABEL_TRAIL (case-sensitive: \+[a-z0-9]+(?:[-_.][a-z0-9]+)*).
  bool LowercaseLocalLabelAt(size_t p) const {
    auto ok = [&](size_t i) {
      return i < c_.source.size() &&
             ((c_.source[i] >= 'a' && c_.source[i] <= 'z') || (c_.source[i] >= '0' && c_.source[i] <= '9'));
    };
    return p < c_.source.size() && c_.source[p] == '+' && ok(p + 1);
  }

  bool ParseMarker(const std::string& expected) {
    if (!c_.Peek(';')) return c_.Fail("Expected " + expected + " or end");
    ++c_.pos;
    if (!ParseMarkerList(c_, marker)) return false;
    has_marker = true;
    c_.ConsumeWs();
    return true;
  }

  Pep508Cursor c_;
};

}  // namespace

Result<Requirement> Requirement::Parse(std::string_view text) {
  RequirementParser parser(text);
  if (!parser.Parse()) {
    return MakeError("invalid requirement '" + std::string(text) + "': " + parser.error());
  }
  Requirement r;
  r.name_ = std::move(parser.name);
  std::sort(parser.extras.begin(), parser.extras.end());
  parser.extras.erase(std::unique(parser.extras.begin(), parser.extras.end()), parser.extras.end());
  r.extras_ = std::move(parser.extras);
  auto set = SpecifierSet::Parse(parser.specifier);
  if (!set.ok()) {
    return MakeError("invalid requirement '" + std::string(text) + "': " + set.error().message);
  }
  r.specifier_ = std::move(*set);
  if (!parser.url.empty()) r.url_ = std::move(parser.url);
  if (parser.has_marker) r.marker_ = Marker::FromNode(std::move(parser.marker));
  return r;
}

std::string Requirement::canonical_name() const { return CanonicalizeName(name_); }

std::string Requirement::ToString() const {
  std::string out = name_;
  if (!extras_.empty()) {
    out += '[';
    for (size_t i = 0; i < extras_.size(); ++i) {
      if (i != 0) out += ',';
      out += extras_[i];
    }
    out += ']';
  }
  out += specifier_.ToString();
  if (url_) {
    out += " @ " + *url_;
    if (marker_) out += ' ';
  }
  if (marker_) out += "; " + marker_->ToString();
  return out;
}

}  // namespace drydock::pyenv
