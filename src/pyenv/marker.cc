#include "pyenv/marker.h"

#include <algorithm>
#include <set>

#include "base/go_text.h"
#include "pyenv/canonical_name.h"
#include "pyenv/marker_internal.h"
#include "pyenv/pep508_tokenizer.h"
#include "pyenv/specifier.h"

namespace drydock::pyenv {

namespace {

bool IsOctal(char c) { return c >= '0' && c <= '7'; }
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// ast.literal_eval of a quoted token ('...' or "..."): Python's string-literal escapes.
// Fails where Python raises (unterminated after an escaped quote, bad \x / \u, raw newline,
// NUL).
bool DecodePythonString(std::string_view token, std::string& out) {
  char q = token.front();
  std::string_view body = token.substr(1);  // Includes the closing quote.
  out.clear();
  size_t i = 0;
  for (;;) {
    if (i >= body.size()) return false;  // The closing quote was escaped.
    char c = body[i];
    if (c == q) return i + 1 == body.size();
    if (c == '\n' || c == '\r' || c == '\0') return false;
    if (c != '\\') {
      out += c;
      ++i;
      continue;
    }
    if (i + 1 >= body.size()) return false;
    char e = body[i + 1];
    i += 2;
    switch (e) {
      case '\n': break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case 'x': case 'u': case 'U': {
        size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        if (i + n > body.size()) return false;
        uint32_t v = 0;
        for (size_t k = 0; k < n; ++k) {
          int h = HexValue(body[i + k]);
          if (h < 0) return false;
          v = v * 16 + static_cast<uint32_t>(h);
        }
        if (v > 0x10FFFF) return false;
        i += n;
        AppendRune(out, static_cast<char32_t>(v));
        break;
      }
      case 'N':
        return false;  // \N{name}: no Unicode name table here; reject rather than guess.
      default:
        if (IsOctal(e)) {
          uint32_t v = static_cast<uint32_t>(e - '0');
          for (int k = 0; k < 2 && i < body.size() && IsOctal(body[i]); ++k, ++i) {
            v = v * 8 + static_cast<uint32_t>(body[i] - '0');
          }
          AppendRune(out, static_cast<char32_t>(v));
        } else {
          out += '\\';
          out += e;
        }
    }
  }
}

std::string NormaliseVariable(std::string name) {
  std::replace(name.begin(), name.end(), '.', '_');
  if (name == "python_implementation") return "platform_python_implementation";
  return name;
}

class MarkerParser {
 public:
  explicit MarkerParser(Pep508Cursor& cursor) : c_(cursor) {}

  // _parse_marker: atom (BOOLOP atom)*.
  bool ParseMarker(MarkerNode& list) {
    list.kind = MarkerNode::Kind::kList;
    MarkerNode atom;
    if (!ParseAtom(atom)) return false;
    list.children.push_back(std::move(atom));
    for (;;) {
      bool is_or;
      if (size_t n = c_.MatchWord("or")) {
        is_or = true;
        c_.pos += n;
      } else if (size_t m = c_.MatchWord("and")) {
        is_or = false;
        c_.pos += m;
      } else {
        return true;
      }
      MarkerNode next;
      if (!ParseAtom(next)) return false;
      list.is_or.push_back(is_or);
      list.children.push_back(std::move(next));
    }
  }

 private:
  bool ParseAtom(MarkerNode& atom) {
    c_.ConsumeWs();
    if (c_.Peek('(')) {
      size_t open = c_.pos;
      ++c_.pos;
      c_.ConsumeWs();
      if (!ParseMarker(atom)) return false;
      c_.ConsumeWs();
      if (!c_.Peek(')')) {
        return c_.Fail("Expected matching ')' for the '(' at position " +
                           std::to_string(open + 1) + ", after marker expression");
      }
      ++c_.pos;
    } else if (!ParseItem(atom)) {
      return false;
    }
    c_.ConsumeWs();
    return true;
  }

  bool ParseItem(MarkerNode& item) {
    item.kind = MarkerNode::Kind::kItem;
    c_.ConsumeWs();
    if (!ParseVar(item.lhs_is_variable, item.lhs)) return false;
    c_.ConsumeWs();
    if (size_t n = c_.MatchWord("in")) {
      c_.pos += n;
      item.op = "in";
    } else if (size_t m = c_.MatchWord("not")) {
      c_.pos += m;
      size_t ws = c_.pos;
      c_.ConsumeWs();
      if (c_.pos == ws) return c_.Fail("Expected whitespace after 'not'");
      size_t k = c_.MatchWord("in");
      if (k == 0) return c_.Fail("Expected 'in' after 'not'");
      c_.pos += k;
      item.op = "not in";
    } else if (size_t k = c_.MatchMarkerOp()) {
      item.op = std::string(c_.source.substr(c_.pos, k));
      c_.pos += k;
    } else {
      return c_.Fail("Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in");
    }
    c_.ConsumeWs();
    if (!ParseVar(item.rhs_is_variable, item.rhs)) return false;
    c_.ConsumeWs();
    return true;
  }

  bool ParseVar(bool& is_variable, std::string& value) {
    if (size_t n = c_.MatchVariable()) {
      is_variable = true;
      value = NormaliseVariable(std::string(c_.source.substr(c_.pos, n)));
      c_.pos += n;
      return true;
    }
    if (size_t n = c_.MatchQuotedString()) {
      is_variable = false;
      if (!DecodePythonString(c_.source.substr(c_.pos, n), value)) {
        return c_.Fail("Invalid quoted string");
      }
      c_.pos += n;
      return true;
    }
    return c_.Fail("Expected a marker variable or quoted string");
  }

  Pep508Cursor& c_;
};

bool AllowsSet(const std::string& key) { return key == "extras" || key == "dependency_groups"; }

// _normalize_extras: extra names in comparisons with extra / extras / dependency_groups.
void NormaliseExtras(MarkerNode& node) {
  if (node.kind == MarkerNode::Kind::kList) {
    for (MarkerNode& child : node.children) NormaliseExtras(child);
    return;
  }
  if (node.lhs_is_variable && node.lhs == "extra" && !node.rhs_is_variable) {
    node.rhs = CanonicalizeName(node.rhs);
  } else if (node.rhs_is_variable && node.rhs == "extra" && !node.lhs_is_variable) {
    node.lhs = CanonicalizeName(node.lhs);
  } else if (node.rhs_is_variable && AllowsSet(node.rhs) && !node.lhs_is_variable) {
    node.lhs = CanonicalizeName(node.lhs);
  }
}

bool SerialiseValue(const std::string& value, std::string& out) {
  if (value.find('"') == std::string::npos) {
    out += '"' + value + '"';
    return true;
  }
  if (value.find('\'') == std::string::npos) {
    out += '\'' + value + '\'';
    return true;
  }
  out += '"' + value + '"';  // packaging raises; print something readable.
  return false;
}

void Format(const MarkerNode& node, bool first, std::string& out) {
  if (node.kind == MarkerNode::Kind::kList && node.children.size() == 1) {
    Format(node.children[0], first, out);
    return;
  }
  if (node.kind == MarkerNode::Kind::kList) {
    if (!first) out += '(';
    for (size_t i = 0; i < node.children.size(); ++i) {
      if (i != 0) out += node.is_or[i - 1] ? " or " : " and ";
      Format(node.children[i], false, out);
    }
    if (!first) out += ')';
    return;
  }
  if (node.lhs_is_variable) out += node.lhs; else SerialiseValue(node.lhs, out);
  out += ' ';
  out += node.op;
  out += ' ';
  if (node.rhs_is_variable) out += node.rhs; else SerialiseValue(node.rhs, out);
}

constexpr std::string_view kVersionKeys[] = {"implementation_version", "platform_release",
                                             "python_full_version", "python_version"};

struct EvalEnv {
  const MarkerEnvironment* env;
  // Values that replace the environment's: extra (canonicalised or the metadata default) and
  // python_full_version (with "local" appended after a trailing '+').
  bool has_extra = false, has_full_version = false;
  std::string extra, full_version;
  bool has_extras = false, has_groups = false;
  std::vector<std::string> extras, groups;
};

struct EvalError {
  MarkerErrorKind kind = MarkerErrorKind::kNone;
  std::string message;
};

// Looks a key up; sets are returned through `set`.
bool Lookup(const EvalEnv& e, const std::string& key, std::string& value,
            const std::vector<std::string>*& set, EvalError& error) {
  set = nullptr;
  if (key == "extras" && e.has_extras) {
    set = &e.extras;
    return true;
  }
  if (key == "dependency_groups" && e.has_groups) {
    set = &e.groups;
    return true;
  }
  if (e.has_extra && key == "extra") {
    value = e.extra;
    return true;
  }
  if (e.has_full_version && key == "python_full_version") {
    value = e.full_version;
    return true;
  }
  if (auto it = e.env->values.find(key); it != e.env->values.end()) {
    value = it->second;
    return true;
  }
  error.kind = MarkerErrorKind::kUndefinedEnvironmentName;
  error.message = "undefined environment name '" + key + "'";
  return false;
}

std::string PyRepr(const std::string& s) { return "'" + s + "'"; }

bool EvalItem(const MarkerNode& item, const EvalEnv& e, bool& result, EvalError& error) {
  std::string key, lhs, rhs;
  const std::vector<std::string>* set = nullptr;
  if (item.lhs_is_variable) {
    key = item.lhs;
    const std::vector<std::string>* lset = nullptr;
    if (!Lookup(e, key, lhs, lset, error)) return false;
    if (lset != nullptr) {
      error.kind = MarkerErrorKind::kUndefinedComparison;
      error.message = "undefined comparison: set-valued marker '" + key +
                      "' can only be used with the membership form (e.g. \"<name>\" in " + key +
                      "); it cannot appear on the left-hand side of '" + item.op + "'";
      return false;
    }
    rhs = item.rhs;
  } else {
    lhs = item.lhs;
    key = item.rhs;
    if (!Lookup(e, key, rhs, set, error)) return false;
  }
  std::vector<std::string> canonical_set;
  if (AllowsSet(key)) {
    lhs = CanonicalizeName(lhs);
    if (set != nullptr) {
      for (const std::string& v : *set) canonical_set.push_back(CanonicalizeName(v));
      set = &canonical_set;
    } else {
      rhs = CanonicalizeName(rhs);
    }
  }
  const std::string& op = item.op;
  if (item.version_spec) {
    result = item.version_spec->Contains(std::string_view(lhs), true);
    return true;
  }
  if (set == nullptr && !item.lhs_is_variable &&
      std::find(std::begin(kVersionKeys), std::end(kVersionKeys), key) != std::end(kVersionKeys)) {
    auto spec = Specifier::Parse(op + rhs);
    if (spec.ok()) {
      result = spec->Contains(std::string_view(lhs), true);
      return true;
    }
  }
  if (op == "in" || op == "not in") {
    bool found = set != nullptr ? std::find(set->begin(), set->end(), lhs) != set->end()
                                : rhs.find(lhs) != std::string::npos;
    result = op == "in" ? found : !found;
    return true;
  }
  if (set != nullptr) {
    // A set on the right of a comparison operator: == / != compare a str with a set.
    result = op == "!=";
    if (op == "<" || op == ">") result = false;
    if (op == "~=" || op == "===") {
      error.kind = MarkerErrorKind::kUndefinedComparison;
      error.message = "undefined comparison '" + op + "' on " + PyRepr(lhs) + " and a set";
      return false;
    }
    return true;
  }
  if (op == "==" || op == "<=" || op == ">=") {
    result = lhs == rhs;
  } else if (op == "!=") {
    result = lhs != rhs;
  } else if (op == "<" || op == ">") {
    result = false;
  } else {
    error.kind = MarkerErrorKind::kUndefinedComparison;
    error.message = "undefined comparison '" + op + "' on " + PyRepr(lhs) + " and " + PyRepr(rhs);
    return false;
  }
  return true;
}

bool EvalList(const MarkerNode& node, const EvalEnv& e, bool& result, EvalError& error) {
  // Every atom is evaluated (packaging does not short-circuit, so errors surface), then the
  // or-of-ands is taken.
  bool any_group = false;
  bool group = true;
  for (size_t i = 0; i < node.children.size(); ++i) {
    if (i != 0 && node.is_or[i - 1]) {
      any_group = any_group || group;
      group = true;
    }
    const MarkerNode& child = node.children[i];
    bool value = false;
    bool ok = child.kind == MarkerNode::Kind::kList ? EvalList(child, e, value, error)
                                                    : EvalItem(child, e, value, error);
    if (!ok) return false;
    group = group && value;
  }
  result = any_group || group;
  return true;
}

}  // namespace

Result<Marker> Marker::Parse(std::string_view text) {
  Pep508Cursor cursor;
  cursor.source = text;
  MarkerNode root;
  if (!ParseMarkerList(cursor, root) || !cursor.at_end()) {
    if (!cursor.failed()) cursor.Fail("Expected end of marker expression");
    return MakeError("invalid marker '" + std::string(text) + "': " + cursor.error);
  }
  return FromNode(std::move(root));
}

namespace {

bool IsVersionKey(const std::string& key) {
  return std::find(std::begin(kVersionKeys), std::end(kVersionKeys), key) != std::end(kVersionKeys);
}

void PrepareSpecifiers(MarkerNode& node) {
  if (node.kind == MarkerNode::Kind::kList) {
    for (MarkerNode& child : node.children) PrepareSpecifiers(child);
    return;
  }
  if (node.lhs_is_variable && IsVersionKey(node.lhs)) {
    auto spec = Specifier::Parse(node.op + node.rhs);
    if (spec.ok()) node.version_spec = std::make_shared<const Specifier>(std::move(*spec));
  }
}

}  // namespace

bool ParseMarkerList(Pep508Cursor& cursor, MarkerNode& root) {
  MarkerParser parser(cursor);
  if (!parser.ParseMarker(root)) return false;
  NormaliseExtras(root);
  PrepareSpecifiers(root);
  return true;
}

Marker Marker::FromNode(MarkerNode root) {
  Marker m;
  m.root_ = std::make_shared<const MarkerNode>(std::move(root));
  return m;
}

std::string Marker::ToString() const {
  std::string out;
  if (root_) Format(*root_, true, out);
  return out;
}

Result<bool> Marker::Evaluate(const MarkerEnvironment& environment, MarkerContext context,
                              MarkerErrorKind* kind) const {
  if (kind != nullptr) *kind = MarkerErrorKind::kNone;
  EvalEnv e;
  e.env = &environment;
  if (context == MarkerContext::kLockFile) {
    e.has_extras = e.has_groups = true;
  }
  if (environment.extras) {
    e.has_extras = true;
    e.extras = *environment.extras;
  }
  if (environment.dependency_groups) {
    e.has_groups = true;
    e.groups = *environment.dependency_groups;
  }
  if (auto it = environment.values.find("extra"); it != environment.values.end()) {
    e.has_extra = true;
    if (!it->second.empty()) e.extra = CanonicalizeName(it->second);
  } else if (context == MarkerContext::kMetadata) {
    e.has_extra = true;
  }
  if (auto it = environment.values.find("python_full_version");
      it != environment.values.end() && !it->second.empty() && it->second.back() == '+') {
    e.has_full_version = true;
    e.full_version = it->second + "local";
  }
  bool result = false;
  EvalError error;
  if (!root_ || !EvalList(*root_, e, result, error)) {
    if (kind != nullptr) *kind = error.kind;
    return MakeError(error.message);
  }
  return result;
}

Result<bool> Marker::EvaluateWithExtra(const MarkerEnvironment& environment,
                                       std::string_view extra) const {
  MarkerEnvironment copy = environment;
  copy.values["extra"] = std::string(extra);
  return Evaluate(copy, MarkerContext::kMetadata);
}

}  // namespace drydock::pyenv
