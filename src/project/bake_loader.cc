// Loads buildx bake JSON the way buildx evaluates it (bake/hclparser and bake/bake.go): every
// block is evaluated on its own (a matrix block once per variant), blocks that end up with the
// same name are merged with Target.Merge's rules, `inherits` is applied after that, and groups
// are expanded last. What drydock does not evaluate (HCL functions, typed variables) is
// reported, never silently mis-read; docs/bake.md lists the subset.
#include "project/bake_loader.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "base/strings.h"
#include "project/yaml_document.h"

namespace drydock::project {

namespace {

// ---------------------------------------------------------------------------------------------
// Small text helpers.

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool Contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

void AppendUnique(std::vector<std::string>& names, const std::string& name) {
  if (!Contains(names, name)) names.push_back(name);
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best = SuggestClosest(word, candidates);
  return best.empty() ? "" : fmt::format("; did you mean \"{}\"?", best);
}

// buildx's validateTargetName: `^[a-zA-Z0-9_-]+$`, for block labels and matrix names alike.
bool IsValidTargetName(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

// An HCL identifier, the only expression drydock evaluates inside `${...}`.
bool IsIdentifier(std::string_view s) {
  if (s.empty()) return false;
  unsigned char first = static_cast<unsigned char>(s[0]);
  if (!std::isalpha(first) && first != '_') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

bool IsJsonNumber(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// A number as HCL turns it into a string (cty's shortest form: 1.50 → "1.5", 1e3 → "1000").
// Integers keep their digits, which a double could not hold beyond 2^53.
std::string NumberText(const std::string& text) {
  bool integer = !text.empty() && std::all_of(text.begin() + (text[0] == '-' ? 1 : 0),
                                              text.end(), [](char c) {
                                                return std::isdigit(static_cast<unsigned char>(c));
                                              });
  if (integer) return text;
  double value = std::strtod(text.c_str(), nullptr);
  std::string shortest = fmt::format("{}", value);
  if (shortest.find_first_of("eni") != std::string::npos) return text;  // 1e+30, inf, nan.
  return shortest;
}

// Go's strconv.ParseBool, which buildx uses for environment overrides and its own settings.
std::optional<bool> ParseGoBool(std::string_view s) {
  if (s == "1" || s == "t" || s == "T" || s == "TRUE" || s == "true" || s == "True") return true;
  if (s == "0" || s == "f" || s == "F" || s == "FALSE" || s == "false" || s == "False") {
    return false;
  }
  return std::nullopt;
}

// A finite number the way strconv.ParseFloat reads one (no surrounding blanks).
std::optional<double> ParseNumber(const std::string& s) {
  if (s.empty() || std::isspace(static_cast<unsigned char>(s[0]))) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  double value = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || errno == ERANGE || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// docker's units.RAMInBytes (what buildx's shm-size goes through): `<number>[ ][kmgtp][i][b]`
// with binary multiples, so "128m" is 128 MiB.
std::optional<int64_t> ParseMemBytes(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i == 0) return std::nullopt;
  if (i < s.size() && s[i] == '.') {
    size_t start = ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start) return std::nullopt;
  }
  double number = std::strtod(std::string(s.substr(0, i)).c_str(), nullptr);
  if (i < s.size() && s[i] == ' ') ++i;
  double multiplier = 1;
  if (i < s.size()) {
    switch (std::tolower(static_cast<unsigned char>(s[i]))) {
      case 'k': multiplier = 1024.0; break;
      case 'm': multiplier = 1024.0 * 1024; break;
      case 'g': multiplier = 1024.0 * 1024 * 1024; break;
      case 't': multiplier = 1024.0 * 1024 * 1024 * 1024; break;
      case 'p': multiplier = 1024.0 * 1024 * 1024 * 1024 * 1024; break;
      default: multiplier = 0; break;
    }
    if (multiplier != 0) ++i;
    else multiplier = 1;
  }
  if (i < s.size() && (s[i] == 'i' || s[i] == 'I')) ++i;
  if (i < s.size() && (s[i] == 'b' || s[i] == 'B')) ++i;
  if (i != s.size()) return std::nullopt;
  double bytes = number * multiplier;
  if (bytes >= 9.2e18) return std::nullopt;
  return static_cast<int64_t>(bytes);
}

// buildx's urlutil.IsRemoteURL: HTTP(S) URLs and the Git references BuildKit accepts.
bool IsRemoteUrl(std::string_view s) {
  if (StartsWith(s, "http://") || StartsWith(s, "https://")) return true;
  if (StartsWith(s, "./") || StartsWith(s, "../")) return false;
  if (StartsWith(s, "github.com/")) return true;
  size_t scheme_end = s.find("://");
  if (scheme_end != std::string_view::npos && scheme_end > 0 &&
      std::all_of(s.begin(), s.begin() + scheme_end,
                  [](char c) { return std::isalnum(static_cast<unsigned char>(c)); })) {
    std::string scheme = ToLowerAscii(s.substr(0, scheme_end));
    return scheme == "git" || scheme == "ssh";
  }
  // SCP-style `user@host:path`, as sshutil's gitSSHRegex matches it.
  size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0) return false;
  size_t colon = s.find(':', at + 1);
  if (colon == std::string_view::npos || colon == at + 1) return false;
  auto user_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  };
  auto host_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
  };
  return std::all_of(s.begin(), s.begin() + at, user_char) &&
         std::all_of(s.begin() + at + 1, s.begin() + colon, host_char);
}

// ---------------------------------------------------------------------------------------------
// Positions.

uint32_t NodeOffset(const SourceFile& file, const YamlNode& node) {
  if (node.line == 0) return 0;
  uint32_t offset = file.LineStart(node.line) + (node.column > 0 ? node.column - 1 : 0);
  return std::min<uint32_t>(offset, static_cast<uint32_t>(file.text().size()));
}

// The bytes `node` covers: a whole quoted string with its quotes, a whole plain scalar, or the
// opening bracket of a collection.
Span NodeSpan(const SourceFile& file, const YamlNode& node) {
  std::string_view text = file.text();
  uint32_t begin = NodeOffset(file, node);
  uint32_t end = begin;
  if (begin < text.size() && (text[begin] == '"' || text[begin] == '\'')) {
    char quote = text[begin];
    end = begin + 1;
    while (end < text.size() && text[end] != quote && text[end] != '\n') {
      if (quote == '"' && text[end] == '\\' && end + 1 < text.size()) ++end;
      ++end;
    }
    if (end < text.size() && text[end] == quote) ++end;
  } else if (node.IsScalar() || node.IsNull()) {
    constexpr std::string_view kScalarEnd = ",:]}\n\r\t ";
    while (end < text.size() && kScalarEnd.find(text[end]) == std::string_view::npos) ++end;
  }
  if (end == begin && end < text.size()) ++end;
  return Span{begin, end};
}

uint32_t Utf8Length(uint32_t code_point) {
  if (code_point < 0x80) return 1;
  if (code_point < 0x800) return 2;
  if (code_point < 0x10000) return 3;
  return 4;
}

std::optional<uint32_t> ParseHex(std::string_view s) {
  if (s.empty()) return std::nullopt;
  uint32_t value = 0;
  for (char c : s) {
    int digit = std::tolower(static_cast<unsigned char>(c));
    if (std::isdigit(digit)) digit -= '0';
    else if (digit >= 'a' && digit <= 'f') digit -= 'a' - 10;
    else return std::nullopt;
    value = value * 16 + static_cast<uint32_t>(digit);
  }
  return value;
}

// For a one-line double-quoted scalar: the source offset of every decoded byte, then of the
// closing quote, so a problem inside a string (one `${...}`) gets its own caret. Empty when the
// mapping is not exact; callers then point at the whole string.
std::vector<uint32_t> DecodedOffsets(const SourceFile& file, const YamlNode& node) {
  std::string_view text = file.text();
  uint32_t i = NodeOffset(file, node);
  if (i >= text.size() || text[i] != '"') return {};
  std::vector<uint32_t> offsets;
  ++i;
  while (i < text.size() && text[i] != '"') {
    if (text[i] == '\n' || text[i] == '\r') return {};
    if (text[i] != '\\') {
      offsets.push_back(i++);
      continue;
    }
    if (i + 1 >= text.size()) return {};
    uint32_t length = 2;
    uint32_t code_point = 0x20;
    size_t hex_digits = 0;
    switch (text[i + 1]) {
      case 'x': hex_digits = 2; break;
      case 'u': hex_digits = 4; break;
      case 'U': hex_digits = 8; break;
      case 'N': code_point = 0x85; break;
      case '_': code_point = 0xA0; break;
      case 'L': code_point = 0x2028; break;
      case 'P': code_point = 0x2029; break;
      default: break;
    }
    if (hex_digits > 0) {
      std::optional<uint32_t> value = ParseHex(text.substr(i + 2, hex_digits));
      if (!value) return {};
      code_point = *value;
      length = 2 + static_cast<uint32_t>(hex_digits);
      if (hex_digits == 4 && code_point >= 0xD800 && code_point < 0xDC00 &&
          text.substr(i + 6, 2) == "\\u") {
        std::optional<uint32_t> low = ParseHex(text.substr(i + 8, 4));
        if (low && *low >= 0xDC00 && *low < 0xE000) {
          code_point = 0x10000 + ((code_point - 0xD800) << 10) + (*low - 0xDC00);
          length = 12;
        }
      }
    }
    for (uint32_t k = 0; k < Utf8Length(code_point); ++k) offsets.push_back(i);
    i += length;
  }
  if (i >= text.size()) return {};
  offsets.push_back(i);
  if (offsets.size() != node.scalar.size() + 1) return {};
  return offsets;
}

// ---------------------------------------------------------------------------------------------
// Values.

struct ValueField;

// What an expression evaluates to: JSON's kinds (numbers and bools keep their text, since they
// only ever end up in strings).
struct Value {
  enum class Kind { kNull, kString, kNumber, kBool, kList, kObject };
  Kind kind = Kind::kNull;
  std::string text;                // kString, kNumber, kBool.
  std::vector<Value> items;        // kList.
  std::vector<ValueField> fields;  // kObject, in file order.

  bool IsScalar() const {
    return kind == Kind::kString || kind == Kind::kNumber || kind == Kind::kBool;
  }
};

// A named member of an object value (a struct, not a std::pair: a pair of an incomplete type
// does not compile with clang and libstdc++).
struct ValueField {
  std::string name;
  Value value;
};

Value StringValue(std::string text) {
  Value value;
  value.kind = Value::Kind::kString;
  value.text = std::move(text);
  return value;
}

const Value* FindField(const Value& object, std::string_view name) {
  for (const ValueField& field : object.fields) {
    if (field.name == name) return &field.value;
  }
  return nullptr;
}

std::string_view KindName(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::kNull: return "null";
    case Value::Kind::kString: return "a string";
    case Value::Kind::kNumber: return "a number";
    case Value::Kind::kBool: return "a bool";
    case Value::Kind::kList: return "a list";
    case Value::Kind::kObject: return "an object";
  }
  DD_UNREACHABLE("bad value kind");
}

bool IsJsonLiteral(const YamlNode& node) {
  return node.IsScalar() && !node.quoted &&
         (node.scalar == "true" || node.scalar == "false" || IsJsonNumber(node.scalar));
}

std::string_view NodeKindName(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::kNull: return "null";
    case YamlNode::Kind::kSequence: return "a list";
    case YamlNode::Kind::kMapping: return "an object";
    case YamlNode::Kind::kScalar: break;
  }
  if (!IsJsonLiteral(node)) return "a string";
  return node.scalar == "true" || node.scalar == "false" ? "a bool" : "a number";
}

// A few axes of long lists multiply into more targets than any project builds; past this a
// matrix is refused rather than exhausting memory.
constexpr size_t kMaxMatrixVariants = 10'000;

// Matrix values visible to one variant of a target, by axis name.
using Bindings = std::vector<std::pair<std::string, Value>>;

// ---------------------------------------------------------------------------------------------
// Reporting.

// Collects each (place, message) once, since a matrix target evaluates the same attribute once
// per variant and one mistake should read as one diagnostic, and hands them to the sink in
// source order: the loader finds problems phase by phase, the user reads files top to bottom.
class Reporter {
 public:
  explicit Reporter(DiagSink& sink) : sink_(sink) {}

  void Report(Severity severity, const SourceFile* file, Span span, std::string message) {
    if (!seen_.emplace(file, span.begin, span.end, message).second) return;
    if (severity == Severity::kError) ++errors_;
    pending_.push_back(Diagnostic{severity, std::move(message), file, span, {}});
  }
  void Error(const SourceFile& file, Span span, std::string message) {
    Report(Severity::kError, &file, span, std::move(message));
  }
  void Error(const SourceFile& file, const YamlNode& node, std::string message) {
    Error(file, NodeSpan(file, node), std::move(message));
  }
  void Warning(const SourceFile& file, const YamlNode& node, std::string message) {
    Report(Severity::kWarning, &file, NodeSpan(file, node), std::move(message));
  }
  size_t errors() const { return errors_; }

  // Reports what was collected, ordered by file (in `files`' order) and position.
  void Flush(const std::vector<const SourceFile*>& files) {
    auto rank = [&](const Diagnostic& d) {
      auto it = std::find(files.begin(), files.end(), d.file);
      return std::make_pair(it - files.begin(), d.span.begin);
    };
    std::stable_sort(pending_.begin(), pending_.end(),
                     [&](const Diagnostic& a, const Diagnostic& b) { return rank(a) < rank(b); });
    for (Diagnostic& d : pending_) sink_.Report(std::move(d));
    pending_.clear();
  }

 private:
  DiagSink& sink_;
  std::set<std::tuple<const SourceFile*, uint32_t, uint32_t, std::string>> seen_;
  std::vector<Diagnostic> pending_;
  size_t errors_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Variables and `${...}` templates.

// The platform buildx reports as BAKE_LOCAL_PLATFORM (containerd's platforms.DefaultSpec()).
std::string LocalPlatform() {
#if defined(__aarch64__)
  return "linux/arm64/v8";
#elif defined(__arm__)
  return "linux/arm/v7";
#else
  return "linux/amd64";
#endif
}

// Owns the variables (`variable` blocks, top-level attributes, buildx's built-ins) and evaluates
// HCL templates against them and a variant's matrix values. Variables resolve lazily, so a
// default may name another variable; a cycle is an error.
class Interpolator {
 public:
  Interpolator(Reporter& reporter, const std::map<std::string, std::string>& env, bool env_lookup)
      : reporter_(reporter), env_(env), env_lookup_(env_lookup) {
    // buildx passes these as parser defaults; for a local bake file the command context is
    // the working directory, which `cwd://` denotes.
    AddBuiltin("BAKE_CMD_CONTEXT", "cwd://");
    AddBuiltin("BAKE_LOCAL_PLATFORM", LocalPlatform());
  }

  // Declares `name`; a later declaration replaces an earlier one (later files win). A
  // top-level attribute (`from_block` false) is a variable the environment cannot override.
  void Declare(const std::string& name, const SourceFile& file, const YamlNode& key,
               const YamlNode* default_value, bool from_block) {
    auto it = variables_.find(name);
    if (it != variables_.end() && it->second.file == nullptr) {
      reporter_.Warning(file, key,
                        fmt::format("variable \"{}\" is built in and cannot be redefined", name));
      return;
    }
    variables_[name] = Variable{&file, &key, default_value, from_block, State::kPending, {}};
  }

  // Resolves every variable, so a broken default is reported even when nothing uses it (as
  // buildx does). A top-level list or object is left alone until something uses it: buildx
  // accepts those, drydock only cannot interpolate them.
  void ResolveAll() {
    for (auto& [name, variable] : variables_) {
      if (variable.state != State::kPending) continue;
      const YamlNode* value = variable.default_value;
      if (!variable.from_block && value != nullptr && (value->IsMapping() || value->IsSequence())) {
        continue;
      }
      Resolve(name, variable);
    }
  }

  // Evaluates `node`: strings are templates, objects and lists are evaluated element-wise.
  // nullopt after reporting a problem.
  std::optional<Value> Evaluate(const SourceFile& file, const YamlNode& node,
                                const Bindings& bindings) {
    Value out;
    switch (node.kind) {
      case YamlNode::Kind::kNull:
        return out;
      case YamlNode::Kind::kScalar:
        if (node.quoted || !IsJsonLiteral(node)) return EvaluateTemplate(file, node, bindings);
        if (node.scalar == "true" || node.scalar == "false") {
          out.kind = Value::Kind::kBool;
          out.text = node.scalar;
        } else {
          out.kind = Value::Kind::kNumber;
          out.text = NumberText(node.scalar);
        }
        return out;
      case YamlNode::Kind::kSequence: {
        out.kind = Value::Kind::kList;
        bool ok = true;
        for (const YamlNode& item : node.items) {
          std::optional<Value> value = Evaluate(file, item, bindings);
          if (value) out.items.push_back(std::move(*value));
          else ok = false;
        }
        if (!ok) return std::nullopt;
        return out;
      }
      case YamlNode::Kind::kMapping: {
        out.kind = Value::Kind::kObject;
        bool ok = true;
        for (const auto& [key, item] : node.entries) {
          std::optional<Value> value = Evaluate(file, item, bindings);
          if (value) out.fields.push_back(ValueField{key.scalar, std::move(*value)});
          else ok = false;
        }
        if (!ok) return std::nullopt;
        return out;
      }
    }
    return std::nullopt;
  }

 private:
  enum class State { kPending, kResolving, kDone, kFailed };
  struct Variable {
    const SourceFile* file = nullptr;  // Null for a built-in.
    const YamlNode* key = nullptr;
    const YamlNode* default_value = nullptr;
    bool from_block = false;
    State state = State::kPending;
    Value value;
  };
  enum class Lookup { kFound, kUnknown, kFailed };

  // One piece of a template: literal text, or the value of one `${...}`.
  struct Part {
    bool interpolation = false;
    std::string text;  // The literal, or the expression as written.
    Value value;
    Span span;
  };

  void AddBuiltin(const std::string& name, std::string value) {
    Variable& variable = variables_[name];
    variable.state = State::kDone;
    variable.value = StringValue(std::move(value));
  }

  void Resolve(const std::string& name, Variable& variable) {
    variable.state = State::kResolving;
    resolving_.push_back(name);
    Value value = StringValue("");  // buildx: an untyped variable without default is "".
    bool ok = true;
    if (variable.default_value != nullptr) {
      std::optional<Value> evaluated = Evaluate(*variable.file, *variable.default_value, {});
      if (!evaluated) {
        ok = false;
      } else if (!evaluated->IsScalar() && evaluated->kind != Value::Kind::kNull) {
        reporter_.Error(*variable.file, *variable.default_value,
                        fmt::format("variable \"{}\" has {} value; drydock supports string, "
                                    "number, bool and null variables",
                                    name, KindName(evaluated->kind)));
        ok = false;
      } else {
        value = std::move(*evaluated);
      }
    }
    auto env = env_.find(name);
    if (ok && variable.from_block && env_lookup_ && env != env_.end()) {
      // buildx keeps the type the default implies: a bool or number default needs an
      // environment value of that type; anything else is taken as a string.
      if (value.kind == Value::Kind::kBool) {
        std::optional<bool> parsed = ParseGoBool(env->second);
        if (parsed) {
          value.text = *parsed ? "true" : "false";
        } else {
          reporter_.Error(*variable.file, *variable.key,
                          fmt::format("failed to parse {} as bool: the environment sets it to "
                                      "\"{}\"",
                                      name, env->second));
          ok = false;
        }
      } else if (value.kind == Value::Kind::kNumber) {
        if (ParseNumber(env->second)) {
          value.text = env->second;
        } else {
          reporter_.Error(*variable.file, *variable.key,
                          fmt::format("failed to parse {} as number: the environment sets it "
                                      "to \"{}\"",
                                      name, env->second));
          ok = false;
        }
      } else {
        value = StringValue(env->second);
      }
    }
    resolving_.pop_back();
    variable.state = ok ? State::kDone : State::kFailed;
    variable.value = std::move(value);
  }

  Lookup Find(const std::string& name, const Bindings& bindings, const SourceFile& file,
              Span span, const Value** out) {
    for (const auto& [axis, value] : bindings) {
      if (axis == name) {
        *out = &value;
        return Lookup::kFound;
      }
    }
    auto it = variables_.find(name);
    if (it == variables_.end()) return Lookup::kUnknown;
    Variable& variable = it->second;
    if (variable.state == State::kResolving) {
      auto first = std::find(resolving_.begin(), resolving_.end(), name);
      std::vector<std::string> chain(first, resolving_.end());
      chain.push_back(name);
      reporter_.Error(file, span, fmt::format("variable cycle: {}", Join(chain, " -> ")));
      return Lookup::kFailed;
    }
    if (variable.state == State::kPending) Resolve(name, variable);
    if (variable.state == State::kFailed) return Lookup::kFailed;
    *out = &variable.value;
    return Lookup::kFound;
  }

  std::vector<std::string> Names(const Bindings& bindings) const {
    std::vector<std::string> names;
    for (const auto& [axis, value] : bindings) names.push_back(axis);
    for (const auto& [name, variable] : variables_) names.push_back(name);
    return names;
  }

  // Evaluates one `${...}` expression: a variable or matrix value, with `.field` steps into
  // objects (matrix values such as `item.tgt`).
  std::optional<Value> EvaluateExpression(std::string_view expression, const Bindings& bindings,
                                          const SourceFile& file, Span span) {
    std::vector<std::string> steps;
    size_t start = 0;
    while (true) {
      size_t dot = expression.find('.', start);
      size_t length = dot == std::string_view::npos ? dot : dot - start;
      steps.emplace_back(expression.substr(start, length));
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    if (!std::all_of(steps.begin(), steps.end(), IsIdentifier)) {
      reporter_.Error(file, span,
                      fmt::format("unsupported expression \"${{{}}}\"; drydock evaluates only "
                                  "references such as \"${{NAME}}\" and \"${{item.field}}\"",
                                  expression));
      return std::nullopt;
    }
    const Value* value = nullptr;
    switch (Find(steps[0], bindings, file, span, &value)) {
      case Lookup::kFound: break;
      case Lookup::kFailed: return std::nullopt;
      case Lookup::kUnknown:
        reporter_.Error(file, span,
                        fmt::format("unknown variable \"{}\"{}", steps[0],
                                    DidYouMean(steps[0], Names(bindings))));
        return std::nullopt;
    }
    std::string path = steps[0];
    for (size_t i = 1; i < steps.size(); ++i) {
      if (value->kind != Value::Kind::kObject) {
        reporter_.Error(file, span,
                        fmt::format("\"{}\" is {}, not an object with field \"{}\"", path,
                                    KindName(value->kind), steps[i]));
        return std::nullopt;
      }
      const Value* field = FindField(*value, steps[i]);
      if (field == nullptr) {
        std::vector<std::string> names;
        for (const ValueField& f : value->fields) names.push_back(f.name);
        reporter_.Error(file, span,
                        fmt::format("\"{}\" has no field \"{}\"{}", path, steps[i],
                                    DidYouMean(steps[i], names)));
        return std::nullopt;
      }
      value = field;
      path += "." + steps[i];
    }
    return *value;
  }

  // HCL's string templates: `${expr}` interpolates, `$${` and `%%{` escape, `%{` directives
  // are not supported. A string that is one `${expr}` and nothing else yields the value itself,
  // as in HCL, so `"${NULLVAR}"` is null (an unset attribute) rather than an error.
  std::optional<Value> EvaluateTemplate(const SourceFile& file, const YamlNode& node,
                                        const Bindings& bindings) {
    const std::string& s = node.scalar;
    if (s.find("${") == std::string::npos && s.find("%{") == std::string::npos) {
      return StringValue(s);
    }
    std::vector<uint32_t> offsets = DecodedOffsets(file, node);
    auto span_of = [&](size_t begin, size_t end) {
      if (offsets.empty()) return NodeSpan(file, node);
      return Span{offsets[begin], offsets[end]};
    };
    std::vector<Part> parts;
    auto literal = [&](std::string_view text) {
      if (parts.empty() || parts.back().interpolation) parts.emplace_back();
      parts.back().text += text;
    };
    bool ok = true;
    size_t i = 0;
    while (i < s.size()) {
      if (s.compare(i, 3, "$${") == 0 || s.compare(i, 3, "%%{") == 0) {
        literal(std::string_view(s).substr(i + 1, 2));
        i += 3;
        continue;
      }
      bool interpolation = s.compare(i, 2, "${") == 0;
      if (!interpolation && s.compare(i, 2, "%{") != 0) {
        literal(std::string_view(s).substr(i, 1));
        ++i;
        continue;
      }
      size_t close = s.find('}', i + 2);
      if (close == std::string::npos) {
        reporter_.Error(file, span_of(i, s.size()),
                        fmt::format("\"{}\" has no closing \"}}\"", s.substr(i, 2)));
        ok = false;
        break;
      }
      Span span = span_of(i, close + 1);
      if (!interpolation) {
        reporter_.Error(file, span,
                        "template directives (\"%{...}\") are not supported; write \"%%{\" for "
                        "a literal \"%{\"");
        ok = false;
      } else {
        std::string_view expression =
            TrimAsciiSpace(std::string_view(s).substr(i + 2, close - i - 2));
        std::optional<Value> value = EvaluateExpression(expression, bindings, file, span);
        if (value) {
          Part part;
          part.interpolation = true;
          part.text = std::string(expression);
          part.value = std::move(*value);
          part.span = span;
          parts.push_back(std::move(part));
        } else {
          ok = false;
        }
      }
      i = close + 1;
    }
    if (!ok) return std::nullopt;
    if (parts.size() == 1 && parts[0].interpolation) return parts[0].value;
    std::string out;
    for (const Part& part : parts) {
      if (!part.interpolation) {
        out += part.text;
      } else if (part.value.IsScalar()) {
        out += part.value.text;
      } else {
        reporter_.Error(file, part.span,
                        fmt::format("\"{}\" is {} and cannot be part of a string", part.text,
                                    KindName(part.value.kind)));
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return StringValue(std::move(out));
  }

  Reporter& reporter_;
  const std::map<std::string, std::string>& env_;
  bool env_lookup_;
  std::map<std::string, Variable> variables_;
  std::vector<std::string> resolving_;  // Variables being resolved, outermost first.
};

// ---------------------------------------------------------------------------------------------
// Targets as buildx holds them before defaults apply: every attribute knows whether it was set.

// A name written in the file (an `inherits` entry, a group member), kept with its place.
struct NameRef {
  std::string name;
  const SourceFile* file = nullptr;
  const YamlNode* node = nullptr;
};

struct NamedContext {
  std::string name;
  std::string value;
  std::string base_dir;  // Directory of the file that set it (BUILDX_BAKE_FILE_RELATIVE_PATHS).
  const SourceFile* file = nullptr;
  const YamlNode* node = nullptr;
};

struct TargetSpec {
  std::string name;
  const SourceFile* file = nullptr;  // The first block declaring the target.
  const YamlNode* key = nullptr;
  std::string block_dir;  // Directory of the file of the last block merged in.
  std::optional<std::string> context;
  std::string context_dir;  // Directory of the file that set `context`.
  std::optional<std::string> dockerfile;
  std::optional<std::string> dockerfile_inline;
  std::optional<std::string> target_stage;
  std::optional<std::string> network;
  std::optional<int64_t> shm_size;
  std::vector<std::pair<std::string, std::optional<std::string>>> args;
  std::vector<std::pair<std::string, std::string>> labels;
  std::vector<NamedContext> contexts;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::vector<std::string>> platforms;
  std::vector<std::string> cache_from;
  std::vector<NameRef> inherits;
  DrydockSettings drydock;
};

template <typename V>
void SetKey(std::vector<std::pair<std::string, V>>& entries, const std::string& key, V value) {
  for (auto& entry : entries) {
    if (entry.first == key) {
      entry.second = std::move(value);
      return;
    }
  }
  entries.emplace_back(key, std::move(value));
}

// buildx's Target.Merge: scalars and `tags`/`platforms` are replaced when `from` sets them,
// maps merge key by key (a null arg never replaces a value), `cache-from` and `inherits` append.
void MergeInto(TargetSpec& into, const TargetSpec& from) {
  into.block_dir = from.block_dir;
  if (from.context) {
    into.context = from.context;
    into.context_dir = from.context_dir;
  }
  if (from.dockerfile) into.dockerfile = from.dockerfile;
  if (from.dockerfile_inline) into.dockerfile_inline = from.dockerfile_inline;
  if (from.target_stage) into.target_stage = from.target_stage;
  if (from.network) into.network = from.network;
  if (from.shm_size) into.shm_size = from.shm_size;
  for (const auto& arg : from.args) {
    // A null arg never replaces a value; it only declares the arg when nothing else does.
    bool known = std::any_of(into.args.begin(), into.args.end(),
                             [&](const auto& entry) { return entry.first == arg.first; });
    if (arg.second || !known) SetKey(into.args, arg.first, arg.second);
  }
  for (const auto& [key, value] : from.labels) SetKey(into.labels, key, value);
  for (const NamedContext& context : from.contexts) {
    auto same = std::find_if(into.contexts.begin(), into.contexts.end(),
                             [&](const NamedContext& c) { return c.name == context.name; });
    if (same != into.contexts.end()) *same = context;
    else into.contexts.push_back(context);
  }
  if (from.tags) into.tags = from.tags;
  if (from.platforms) into.platforms = from.platforms;
  into.cache_from.insert(into.cache_from.end(), from.cache_from.begin(), from.cache_from.end());
  into.inherits.insert(into.inherits.end(), from.inherits.begin(), from.inherits.end());
  if (from.drydock.cost) into.drydock.cost = from.drydock.cost;
  if (from.drydock.check) into.drydock.check = from.drydock.check;
  for (const auto& [key, value] : from.drydock.extra) into.drydock.extra[key] = value;
}

std::vector<std::string> Dedupe(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& v : values) AppendUnique(out, v);
  return out;
}

// buildx's Target.normalize, for the attributes drydock keeps.
void Normalize(TargetSpec& spec) {
  if (spec.tags) spec.tags = Dedupe(*spec.tags);
  if (spec.platforms) spec.platforms = Dedupe(*spec.platforms);
  spec.cache_from = Dedupe(spec.cache_from);
  std::erase_if(spec.contexts, [](const NamedContext& c) { return c.value.empty(); });
}

struct GroupSpec {
  std::string name;
  const SourceFile* file = nullptr;
  const YamlNode* key = nullptr;
  std::vector<NameRef> targets;
};

const std::vector<std::string>& TargetAttributes() {
  static const std::vector<std::string> names = {
      "args",      "cache-from", "context", "contexts",  "description", "dockerfile",
      "dockerfile-inline", "inherits", "labels", "matrix", "name", "network",
      "platforms", "shm-size",   "tags",    "target",    "x-drydock"};
  return names;
}

// Valid buildx attributes about where results go and how caches and pulls behave: drydock
// decides those itself, so they are read past silently (as the Compose loader does).
const std::vector<std::string>& QuietTargetAttributes() {
  static const std::vector<std::string> names = {
      "annotations", "attest", "cache-to", "call",   "no-cache",
      "no-cache-filter", "output", "policy", "pull"};
  return names;
}

// Valid buildx attributes that change what a build sees (secrets, SSH agents, hosts, limits,
// privileges). drydock does not pass them on, so the build may differ from or fail where
// `docker buildx bake` succeeds: each use is worth a warning.
const std::vector<std::string>& IgnoredTargetAttributes() {
  static const std::vector<std::string> names = {"entitlements", "extra-hosts", "resources",
                                                 "secret",       "ssh",         "ulimits"};
  return names;
}

const std::vector<std::string>& BlockTypes() {
  static const std::vector<std::string> names = {"target", "group", "variable", "function"};
  return names;
}

// ---------------------------------------------------------------------------------------------
// The loader.

class BakeLoader {
 public:
  BakeLoader(const BakeOptions& options, const FileSystem& fs, SourceFileSet& sources,
             DiagSink& sink)
      : options_(options), fs_(fs), sources_(sources), sink_(sink), reporter_(sink) {}

  Result<Project> Load() {
    Result<Project> project = BuildProject();
    std::vector<const SourceFile*> files;
    for (const auto& document : documents_) files.push_back(document->file);
    reporter_.Flush(files);
    return project;
  }

 private:
  Result<Project> BuildProject() {
    Result<bool> settings = ReadSettings();
    if (!settings.ok()) return settings.error();
    Result<std::vector<std::string>> paths = FindFiles();
    if (!paths.ok()) return paths.error();
    std::vector<std::string> texts;
    for (const std::string& path : *paths) {
      Result<std::string> text = fs_.ReadFile(path);
      if (!text.ok()) return text.error();
      texts.push_back(std::move(*text));
    }
    interpolator_ = std::make_unique<Interpolator>(reporter_, options_.env, env_lookup_);
    for (size_t i = 0; i < paths->size(); ++i) ReadDocument((*paths)[i], std::move(texts[i]));
    for (const auto& document : documents_) CollectBlocks(*document);
    interpolator_->ResolveAll();
    for (const Block& block : target_blocks_) EvaluateTarget(block);
    for (const Block& block : group_blocks_) EvaluateGroup(block);
    AddMatrixGroups();
    std::vector<Target> targets = ResolveTargets();
    std::map<std::string, std::vector<std::string>> groups = ExpandGroups();

    if (reporter_.errors() > 0) {
      return MakeError(fmt::format("the bake definition has {} error{}", reporter_.errors(),
                                   reporter_.errors() == 1 ? "" : "s"));
    }
    Project project;
    project.directory = CleanPath(options_.working_dir);
    project.name = BaseName(project.directory);
    project.files = *paths;
    project.targets = std::move(targets);
    if (groups.count("default") > 0) {
      project.default_targets = groups["default"];
    } else if (spec_index_.count("default") > 0) {
      project.default_targets = {"default"};
    }
    project.groups = std::move(groups);
    return project;
  }

  struct Document {
    const SourceFile* file = nullptr;
    std::string dir;
    YamlNode root;
    bool parsed = false;
  };
  // One `target`/`group`/`variable` block as written: `"app": {...}` under `"target"`.
  struct Block {
    const Document* document = nullptr;
    const YamlNode* key = nullptr;
    const YamlNode* body = nullptr;
    const SourceFile& file() const { return *document->file; }
    const std::string& name() const { return key->scalar; }
  };

  // The BUILDX_* settings that change how the files read.
  Result<bool> ReadSettings() {
    auto disable = options_.env.find("BUILDX_BAKE_DISABLE_VARS_ENV_LOOKUP");
    if (disable != options_.env.end()) {
      // buildx ignores a value it cannot parse here.
      env_lookup_ = !ParseGoBool(disable->second).value_or(false);
    }
    auto relative = options_.env.find("BUILDX_BAKE_FILE_RELATIVE_PATHS");
    if (relative != options_.env.end()) {
      std::string value(TrimAsciiSpace(relative->second));
      if (!value.empty()) {
        std::optional<bool> parsed = ParseGoBool(value);
        if (!parsed) {
          return MakeError(fmt::format(
              "failed to parse BUILDX_BAKE_FILE_RELATIVE_PATHS value \"{}\": invalid syntax",
              value));
        }
        file_relative_ = *parsed;
      }
    }
    return true;
  }

  Result<std::vector<std::string>> FindFiles() {
    std::vector<std::string> paths;
    if (!options_.files.empty()) {
      for (const std::string& f : options_.files) {
        paths.push_back(JoinPath(options_.working_dir, f));
      }
      return paths;
    }
    for (const std::string& name : BakeFileNames()) {
      std::string path = JoinPath(options_.working_dir, name);
      if (fs_.IsFile(path)) paths.push_back(path);
    }
    for (const char* name : {"docker-bake.hcl", "docker-bake.override.hcl"}) {
      if (fs_.IsFile(JoinPath(options_.working_dir, name))) {
        sink_.Warning(nullptr, {},
                      fmt::format("{} is ignored: drydock reads JSON bake files only", name));
      }
    }
    if (paths.empty()) {
      return MakeError(fmt::format("couldn't find a bake definition in {} (looked for {})",
                                   options_.working_dir, Join(BakeFileNames(), ", ")));
    }
    return paths;
  }

  void ReadDocument(const std::string& path, std::string text) {
    auto document = std::make_unique<Document>();
    document->file = &sources_.Add(path, std::move(text));
    document->dir = DirName(path);
    Result<YamlNode> root = ParseYamlDocument(*document->file);
    if (root.ok()) {
      document->root = std::move(*root);
      document->parsed = true;
      CheckJson(*document->file, document->root);
    } else {
      ReportSyntaxError(*document->file, root.error().message);
    }
    documents_.push_back(std::move(document));
  }

  // Turns the YAML reader's message ("yaml: line 3, column 5: end of map flow not found", or
  // "yaml: line 4: mapping key ..." for a repeated key) into a located diagnostic.
  void ReportSyntaxError(const SourceFile& file, const std::string& message) {
    unsigned line = 0, column = 0;
    int consumed = 0;
    uint32_t size = static_cast<uint32_t>(file.text().size());
    if (std::sscanf(message.c_str(), "yaml: line %u, column %u: %n", &line, &column,
                    &consumed) == 2 &&
        consumed > 0) {
      uint32_t begin = std::min(file.LineStart(line) + (column > 0 ? column - 1 : 0), size);
      reporter_.Error(file, Span{begin, begin + 1},
                      "invalid JSON: " + message.substr(static_cast<size_t>(consumed)));
      return;
    }
    consumed = 0;
    if (std::sscanf(message.c_str(), "yaml: line %u: %n", &line, &consumed) == 1 &&
        consumed > 0) {
      // No column: point at the first thing on the line.
      uint32_t begin = std::min(file.LineStart(line), size);
      size_t indent = file.LineText(line).find_first_not_of(" \t");
      if (indent != std::string_view::npos) begin += static_cast<uint32_t>(indent);
      reporter_.Error(file, Span{begin, begin + 1},
                      "invalid JSON: " + message.substr(static_cast<size_t>(consumed)));
      return;
    }
    std::string_view text = message;
    if (StartsWith(text, "yaml: ")) text.remove_prefix(6);
    reporter_.Error(file, Span{0, 0}, "invalid JSON: " + std::string(text));
  }

  // The YAML reader accepts more than JSON; what HCL's JSON parser would reject is an error
  // here too, so a file drydock accepts is one buildx accepts.
  void CheckJson(const SourceFile& file, const YamlNode& node) {
    if (node.IsMapping()) {
      for (const auto& [key, value] : node.entries) {
        if (!key.IsScalar() || !key.quoted) {
          reporter_.Error(file, key, "invalid JSON: object keys must be quoted strings");
        }
        CheckJson(file, value);
      }
    } else if (node.IsSequence()) {
      for (const YamlNode& item : node.items) CheckJson(file, item);
    } else if (node.IsScalar() && !node.quoted && !IsJsonLiteral(node)) {
      reporter_.Error(file, node,
                      fmt::format("invalid JSON value {}; strings must be quoted", node.scalar));
    }
  }

  void CollectBlocks(const Document& document) {
    if (!document.parsed) return;
    const SourceFile& file = *document.file;
    const YamlNode& root = document.root;
    if (!root.IsMapping()) {
      reporter_.Error(file, root,
                      fmt::format("a bake file must be a JSON object, not {}", NodeKindName(root)));
      return;
    }
    for (const auto& [key, value] : root.entries) {
      const std::string& kind = key.scalar;
      if (kind == "target" || kind == "group" || kind == "variable") {
        CollectBlocksOf(document, key, value);
      } else if (kind == "function") {
        reporter_.Warning(file, key,
                          "\"function\" blocks are not supported by drydock and are ignored");
      } else if (std::string suggestion = SuggestClosest(kind, BlockTypes());
                 !suggestion.empty() || value.IsMapping()) {
        reporter_.Warning(file, key,
                          fmt::format("unknown block type \"{}\"{}", kind,
                                      DidYouMean(kind, BlockTypes())));
      } else {
        // buildx reads any other top-level attribute as a variable the environment cannot
        // override.
        interpolator_->Declare(kind, file, key, &value, /*from_block=*/false);
      }
    }
  }

  void CollectBlocksOf(const Document& document, const YamlNode& kind_key,
                       const YamlNode& value) {
    const SourceFile& file = *document.file;
    const std::string& kind = kind_key.scalar;
    if (value.IsNull()) return;
    if (!value.IsMapping()) {
      reporter_.Error(file, value,
                      fmt::format("\"{}\" must be an object of {} blocks by name, not {}", kind,
                                  kind, NodeKindName(value)));
      return;
    }
    for (const auto& [key, body] : value.entries) {
      // HCL's JSON syntax allows a list of bodies for blocks that share a label.
      std::vector<const YamlNode*> bodies;
      if (body.IsSequence()) {
        for (const YamlNode& item : body.items) bodies.push_back(&item);
      } else {
        bodies.push_back(&body);
      }
      for (const YamlNode* one : bodies) {
        if (!one->IsMapping()) {
          reporter_.Error(file, *one,
                          fmt::format("{} \"{}\" must be an object, not {}", kind, key.scalar,
                                      NodeKindName(*one)));
          continue;
        }
        Block block{&document, &key, one};
        if (kind == "target") {
          target_blocks_.push_back(block);
        } else if (kind == "group") {
          group_blocks_.push_back(block);
        } else {
          DeclareVariable(block);
        }
      }
    }
  }

  void DeclareVariable(const Block& block) {
    static const std::vector<std::string> kKnown = {"default", "description", "type",
                                                    "validation"};
    const SourceFile& file = block.file();
    const YamlNode* default_value = nullptr;
    for (const auto& [key, value] : block.body->entries) {
      const std::string& attribute = key.scalar;
      if (attribute == "default") {
        default_value = &value;
      } else if (attribute == "description") {
        continue;
      } else if (attribute == "type" || attribute == "validation") {
        reporter_.Warning(file, key,
                          fmt::format("\"{}\" of variable \"{}\" is not supported by drydock "
                                      "and is ignored",
                                      attribute, block.name()));
      } else {
        reporter_.Warning(file, key,
                          fmt::format("unknown attribute \"{}\" in variable \"{}\"{}", attribute,
                                      block.name(), DidYouMean(attribute, kKnown)));
      }
    }
    interpolator_->Declare(block.name(), file, *block.key, default_value, /*from_block=*/true);
  }

  // --- Attribute readers. Each returns false after reporting a problem. --------------------

  // A string attribute; `*out` stays nullopt for null (unset). Numbers and bools become their
  // text, as HCL converts them.
  bool ReadString(const SourceFile& file, const YamlNode& node, const Bindings& bindings,
                  std::string_view what, std::optional<std::string>* out) {
    std::optional<Value> value = interpolator_->Evaluate(file, node, bindings);
    if (!value) return false;
    if (value->kind == Value::Kind::kNull) return true;
    if (!value->IsScalar()) {
      reporter_.Error(file, node,
                      fmt::format("{} must be a string, not {}", what, KindName(value->kind)));
      return false;
    }
    *out = std::move(value->text);
    return true;
  }

  // A list of strings; each element is returned with its node. Stays nullopt for null.
  bool ReadStringList(const SourceFile& file, const YamlNode& node, const Bindings& bindings,
                      const std::string& attribute,
                      std::optional<std::vector<std::pair<std::string, const YamlNode*>>>* out) {
    if (node.IsNull()) return true;
    if (!node.IsSequence()) {
      reporter_.Error(file, node,
                      fmt::format("\"{}\" must be a list of strings, not {}", attribute,
                                  NodeKindName(node)));
      return false;
    }
    std::vector<std::pair<std::string, const YamlNode*>> items;
    bool ok = true;
    std::string what = fmt::format("each element of \"{}\"", attribute);
    for (const YamlNode& item : node.items) {
      std::optional<std::string> text;
      if (!ReadString(file, item, bindings, what, &text)) {
        ok = false;
      } else if (!text) {
        reporter_.Error(file, item, what + " must be a string, not null");
        ok = false;
      } else {
        items.emplace_back(std::move(*text), &item);
      }
    }
    if (!ok) return false;
    *out = std::move(items);
    return true;
  }

  bool ReadPlainList(const SourceFile& file, const YamlNode& node, const Bindings& bindings,
                     const std::string& attribute, std::optional<std::vector<std::string>>* out) {
    std::optional<std::vector<std::pair<std::string, const YamlNode*>>> items;
    if (!ReadStringList(file, node, bindings, attribute, &items)) return false;
    if (!items) return true;
    out->emplace();
    for (auto& [text, unused] : *items) (*out)->push_back(std::move(text));
    return true;
  }

  // An object of strings (keys as written); null values stay nullopt.
  bool ReadStringMap(const SourceFile& file, const YamlNode& node, const Bindings& bindings,
                     const std::string& attribute,
                     std::vector<std::tuple<std::string, std::optional<std::string>,
                                            const YamlNode*>>* out) {
    if (node.IsNull()) return true;
    if (!node.IsMapping()) {
      reporter_.Error(file, node,
                      fmt::format("\"{}\" must be an object of strings, not {}", attribute,
                                  NodeKindName(node)));
      return false;
    }
    bool ok = true;
    std::string what = fmt::format("each value of \"{}\"", attribute);
    for (const auto& [key, value] : node.entries) {
      std::optional<std::string> text;
      if (ReadString(file, value, bindings, what, &text)) {
        out->emplace_back(key.scalar, std::move(text), &value);
      } else {
        ok = false;
      }
    }
    return ok;
  }

  // `cache-from` entries: strings, or buildx's object form turned into its CSV form.
  bool ReadCacheFrom(const SourceFile& file, const YamlNode& node, const Bindings& bindings,
                     std::vector<std::string>* out) {
    if (node.IsNull()) return true;
    if (!node.IsSequence()) {
      reporter_.Error(file, node,
                      fmt::format("\"cache-from\" must be a list, not {}", NodeKindName(node)));
      return false;
    }
    bool ok = true;
    for (const YamlNode& item : node.items) {
      if (!item.IsMapping()) {
        std::optional<std::string> text;
        if (!ReadString(file, item, bindings, "each element of \"cache-from\"", &text)) {
          ok = false;
        } else if (text) {
          out->push_back(std::move(*text));
        }
        continue;
      }
      std::vector<std::tuple<std::string, std::optional<std::string>, const YamlNode*>> fields;
      if (!ReadStringMap(file, item, bindings, "cache-from", &fields)) {
        ok = false;
        continue;
      }
      std::vector<std::string> csv;
      for (const auto& [key, value, unused] : fields) {
        if (value) csv.push_back(key + "=" + *value);
      }
      out->push_back(Join(csv, ","));
    }
    return ok;
  }

  bool ReadDrydock(const SourceFile& file, const YamlNode& node, const Bindings& bindings,
                   DrydockSettings* out) {
    static const std::vector<std::string> kKnown = {"cost", "check"};
    if (node.IsNull()) return true;
    if (!node.IsMapping()) {
      reporter_.Error(file, node,
                      fmt::format("\"x-drydock\" must be an object, not {}", NodeKindName(node)));
      return false;
    }
    bool ok = true;
    for (const auto& [key, item] : node.entries) {
      const std::string& name = key.scalar;
      std::optional<Value> value = interpolator_->Evaluate(file, item, bindings);
      if (!value) {
        ok = false;
        continue;
      }
      if (value->kind == Value::Kind::kNull) continue;
      // Strings are converted as HCL converts them, so a value can come from a variable.
      std::string kind(KindName(value->kind));
      if (value->kind == Value::Kind::kString) kind += fmt::format(" \"{}\"", value->text);
      if (name == "cost") {
        std::optional<double> cost;
        if (value->kind == Value::Kind::kNumber || value->kind == Value::Kind::kString) {
          cost = ParseNumber(value->text);
        }
        if (!cost) {
          reporter_.Error(file, item,
                          fmt::format("\"x-drydock.cost\" must be a number, not {}", kind));
          ok = false;
        } else if (*cost < 0) {
          reporter_.Error(file, item, "\"x-drydock.cost\" must not be negative");
          ok = false;
        } else {
          out->cost = *cost;
        }
      } else if (name == "check") {
        if ((value->kind == Value::Kind::kBool || value->kind == Value::Kind::kString) &&
            (value->text == "true" || value->text == "false")) {
          out->check = value->text == "true";
        } else {
          reporter_.Error(file, item,
                          fmt::format("\"x-drydock.check\" must be a bool, not {}", kind));
          ok = false;
        }
      } else {
        if (!value->IsScalar()) {
          reporter_.Error(file, item,
                          fmt::format("\"x-drydock.{}\" must be a string, number or bool, not {}",
                                      name, KindName(value->kind)));
          ok = false;
          continue;
        }
        if (std::string suggestion = SuggestClosest(name, kKnown); !suggestion.empty()) {
          reporter_.Warning(file, key,
                            fmt::format("unknown x-drydock key \"{}\" is kept as extra; did you "
                                        "mean \"{}\"?",
                                        name, suggestion));
        }
        out->extra[name] = value->text;
      }
    }
    return ok;
  }

  // --- Targets. -----------------------------------------------------------------------------

  void EvaluateTarget(const Block& block) {
    const SourceFile& file = block.file();
    const std::string& label = block.name();
    if (!IsValidTargetName(label)) {
      reporter_.Error(file, *block.key,
                      fmt::format("invalid target name \"{}\": only letters, digits, \"_\" and "
                                  "\"-\" are allowed",
                                  label));
      return;
    }
    std::vector<std::string> known = TargetAttributes();
    const std::vector<std::string>& quiet = QuietTargetAttributes();
    const std::vector<std::string>& ignored = IgnoredTargetAttributes();
    known.insert(known.end(), quiet.begin(), quiet.end());
    known.insert(known.end(), ignored.begin(), ignored.end());
    for (const auto& [key, value] : block.body->entries) {
      const std::string& attribute = key.scalar;
      if (Contains(TargetAttributes(), attribute) || Contains(quiet, attribute)) continue;
      if (Contains(ignored, attribute)) {
        reporter_.Warning(file, key,
                          fmt::format("attribute \"{}\" of target \"{}\" is not supported by "
                                      "drydock and is ignored",
                                      attribute, label));
      } else {
        reporter_.Warning(file, key,
                          fmt::format("unknown attribute \"{}\" in target \"{}\"{}", attribute,
                                      label, DidYouMean(attribute, known)));
      }
    }

    const YamlNode* matrix = block.body->Find("matrix");
    const YamlNode* name_template = block.body->Find("name");
    if (matrix != nullptr && matrix->IsNull()) matrix = nullptr;
    if (name_template != nullptr && name_template->IsNull()) name_template = nullptr;
    if (name_template != nullptr && matrix == nullptr) {
      reporter_.Error(file, *block.body->FindKey("name"), "\"name\" requires \"matrix\"");
      return;
    }
    std::vector<Bindings> variants = {{}};
    if (matrix != nullptr) {
      std::optional<std::vector<Bindings>> expanded = ExpandMatrix(file, *matrix);
      if (!expanded) return;
      variants = std::move(*expanded);
      if (name_template == nullptr && variants.size() > 1) {
        std::string axis = matrix->entries.empty() ? "axis" : matrix->entries[0].first.scalar;
        reporter_.Error(file, *block.body->FindKey("matrix"),
                        fmt::format("matrix target \"{}\" needs a \"name\" template such as "
                                    "\"{}-${{{}}}\" to give its {} variants distinct names",
                                    label, label, axis, variants.size()));
        return;
      }
    }

    std::vector<std::string> names;
    for (const Bindings& bindings : variants) {
      std::string name = label;
      if (name_template != nullptr) {
        std::optional<std::string> evaluated;
        if (!ReadString(file, *name_template, bindings, "\"name\"", &evaluated)) continue;
        if (!evaluated || !IsValidTargetName(*evaluated)) {
          reporter_.Error(file, *name_template,
                          fmt::format("\"name\" gives the invalid target name \"{}\": only "
                                      "letters, digits, \"_\" and \"-\" are allowed",
                                      evaluated.value_or("")));
          continue;
        }
        name = std::move(*evaluated);
      }
      if (Contains(names, name)) {
        reporter_.Error(file, *name_template,
                        fmt::format("matrix target \"{}\" gives the name \"{}\" to more than "
                                    "one variant",
                                    label, name));
        continue;
      }
      names.push_back(name);
      AddSpec(EvaluateTargetBody(block, name, bindings));
    }
    if (matrix != nullptr && !(names.size() == 1 && names[0] == label)) {
      MatrixGroup& group = matrix_groups_[label];
      if (group.file == nullptr) {
        group.file = &file;
        group.key = block.key;
      }
      for (const std::string& name : names) AppendUnique(group.targets, name);
    }
  }

  // The variants of a matrix: every combination of its axes' values, the first axis varying
  // slowest (axes in file order).
  std::optional<std::vector<Bindings>> ExpandMatrix(const SourceFile& file,
                                                    const YamlNode& matrix) {
    if (!matrix.IsMapping()) {
      reporter_.Error(file, matrix,
                      fmt::format("\"matrix\" must be an object of lists, not {}",
                                  NodeKindName(matrix)));
      return std::nullopt;
    }
    std::vector<Bindings> variants = {{}};
    bool ok = true;
    for (const auto& [key, axis] : matrix.entries) {
      const std::string& name = key.scalar;
      if (!IsIdentifier(name)) {
        reporter_.Error(file, key,
                        fmt::format("matrix axis \"{}\" is not a valid variable name", name));
        ok = false;
        continue;
      }
      if (!axis.IsSequence()) {
        reporter_.Error(file, axis,
                        fmt::format("matrix axis \"{}\" must be a list, not {}", name,
                                    NodeKindName(axis)));
        ok = false;
        continue;
      }
      std::vector<Value> values;
      for (const YamlNode& item : axis.items) {
        std::optional<Value> value = interpolator_->Evaluate(file, item, {});
        if (!value) {
          ok = false;
        } else if (value->kind == Value::Kind::kList) {
          reporter_.Error(file, item,
                          fmt::format("each value of matrix axis \"{}\" must be a string, "
                                      "number, bool or object, not a list",
                                      name));
          ok = false;
        } else {
          values.push_back(std::move(*value));
        }
      }
      if (!ok) continue;
      if (!values.empty() && variants.size() > kMaxMatrixVariants / values.size()) {
        reporter_.Error(file, *matrix.FindKey(name),
                        fmt::format("the matrix has more than {} variants", kMaxMatrixVariants));
        return std::nullopt;
      }
      std::vector<Bindings> next;
      for (const Bindings& variant : variants) {
        for (const Value& value : values) {
          Bindings bindings = variant;
          bindings.emplace_back(name, value);
          next.push_back(std::move(bindings));
        }
      }
      variants = std::move(next);
    }
    if (!ok) return std::nullopt;
    return variants;
  }

  TargetSpec EvaluateTargetBody(const Block& block, const std::string& name,
                                const Bindings& bindings) {
    const SourceFile& file = block.file();
    TargetSpec spec;
    spec.name = name;
    spec.file = &file;
    spec.key = block.key;
    spec.block_dir = block.document->dir;
    for (const auto& [key, value] : block.body->entries) {
      const std::string& attribute = key.scalar;
      std::string quoted = fmt::format("\"{}\"", attribute);
      if (attribute == "context" || attribute == "dockerfile") {
        std::optional<std::string> text;
        if (!ReadString(file, value, bindings, quoted, &text)) continue;
        if (text && *text == "-") {
          reporter_.Error(file, value,
                          fmt::format("{} from standard input is not allowed in bake", attribute));
          continue;
        }
        if (attribute == "context") {
          spec.context = std::move(text);
          spec.context_dir = block.document->dir;
        } else {
          spec.dockerfile = std::move(text);
        }
      } else if (attribute == "dockerfile-inline") {
        ReadString(file, value, bindings, quoted, &spec.dockerfile_inline);
      } else if (attribute == "target") {
        ReadString(file, value, bindings, quoted, &spec.target_stage);
      } else if (attribute == "network") {
        ReadString(file, value, bindings, quoted, &spec.network);
      } else if (attribute == "description") {
        std::optional<std::string> unused;
        ReadString(file, value, bindings, quoted, &unused);
      } else if (attribute == "shm-size") {
        std::optional<std::string> text;
        if (!ReadString(file, value, bindings, quoted, &text) || !text) continue;
        std::optional<int64_t> bytes = ParseMemBytes(*text);
        if (bytes) {
          spec.shm_size = bytes;
        } else {
          reporter_.Error(file, value,
                          fmt::format("invalid \"shm-size\" \"{}\": expected a size such as "
                                      "\"128m\" (units b, k, m, g, t, p)",
                                      *text));
        }
      } else if (attribute == "args" || attribute == "labels" || attribute == "contexts") {
        std::vector<std::tuple<std::string, std::optional<std::string>, const YamlNode*>> entries;
        ReadStringMap(file, value, bindings, attribute, &entries);
        for (auto& [entry_key, entry_value, node] : entries) {
          if (attribute == "args") {
            spec.args.emplace_back(entry_key, std::move(entry_value));
          } else if (!entry_value) {
            continue;  // buildx drops null labels and contexts.
          } else if (attribute == "labels") {
            SetKey(spec.labels, entry_key, std::move(*entry_value));
          } else {
            spec.contexts.push_back(
                NamedContext{entry_key, std::move(*entry_value), block.document->dir, &file, node});
          }
        }
      } else if (attribute == "tags") {
        ReadPlainList(file, value, bindings, attribute, &spec.tags);
      } else if (attribute == "platforms") {
        ReadPlainList(file, value, bindings, attribute, &spec.platforms);
      } else if (attribute == "cache-from") {
        ReadCacheFrom(file, value, bindings, &spec.cache_from);
      } else if (attribute == "inherits") {
        std::optional<std::vector<std::pair<std::string, const YamlNode*>>> items;
        if (!ReadStringList(file, value, bindings, attribute, &items) || !items) continue;
        for (auto& [parent, node] : *items) spec.inherits.push_back(NameRef{parent, &file, node});
      } else if (attribute == "x-drydock") {
        ReadDrydock(file, value, bindings, &spec.drydock);
      }
    }
    return spec;
  }

  void AddSpec(TargetSpec spec) {
    auto it = spec_index_.find(spec.name);
    if (it != spec_index_.end()) {
      MergeInto(specs_[it->second], spec);
      return;
    }
    spec_index_[spec.name] = specs_.size();
    specs_.push_back(std::move(spec));
  }

  // --- Groups. ------------------------------------------------------------------------------

  void EvaluateGroup(const Block& block) {
    static const std::vector<std::string> kKnown = {"targets", "description"};
    const SourceFile& file = block.file();
    const std::string& label = block.name();
    if (!IsValidTargetName(label)) {
      reporter_.Error(file, *block.key,
                      fmt::format("invalid group name \"{}\": only letters, digits, \"_\" and "
                                  "\"-\" are allowed",
                                  label));
      return;
    }
    GroupSpec group{label, &file, block.key, {}};
    bool has_targets = false;
    for (const auto& [key, value] : block.body->entries) {
      const std::string& attribute = key.scalar;
      if (attribute == "targets") {
        has_targets = true;
        std::optional<std::vector<std::pair<std::string, const YamlNode*>>> items;
        if (!ReadStringList(file, value, {}, attribute, &items) || !items) continue;
        for (auto& [member, node] : *items) group.targets.push_back(NameRef{member, &file, node});
      } else if (attribute == "description") {
        std::optional<std::string> unused;
        ReadString(file, value, {}, "\"description\"", &unused);
      } else if (attribute == "matrix" || attribute == "name") {
        reporter_.Error(file, key,
                        fmt::format("\"{}\" is not supported for groups", attribute));
      } else {
        reporter_.Warning(file, key,
                          fmt::format("unknown attribute \"{}\" in group \"{}\"{}", attribute,
                                      label, DidYouMean(attribute, kKnown)));
      }
    }
    if (!has_targets) {
      reporter_.Error(file, *block.key,
                      fmt::format("group \"{}\" needs a \"targets\" list", label));
    }
    // buildx keeps the last definition of a group whole; only targets merge.
    groups_[label] = std::move(group);
  }

  // The variants of a matrix target form a group named after it (buildx's renamed blocks); a
  // `group` block of that name takes precedence, as buildx finds it first.
  void AddMatrixGroups() {
    for (const auto& [label, matrix] : matrix_groups_) {
      if (groups_.count(label) > 0) continue;
      GroupSpec group{label, matrix.file, matrix.key, {}};
      for (const std::string& name : matrix.targets) {
        group.targets.push_back(NameRef{name, matrix.file, matrix.key});
      }
      groups_[label] = std::move(group);
    }
  }

  std::vector<std::string> TargetAndGroupNames() const {
    std::vector<std::string> names;
    for (const TargetSpec& spec : specs_) names.push_back(spec.name);
    for (const auto& [name, group] : groups_) AppendUnique(names, name);
    return names;
  }

  std::vector<std::string> TargetNames() const {
    std::vector<std::string> names;
    for (const TargetSpec& spec : specs_) names.push_back(spec.name);
    return names;
  }

  // The targets group `name` selects, nested groups expanded in order without repeats.
  const std::vector<std::string>& ExpandGroup(const std::string& name,
                                              std::vector<std::string>& stack) {
    auto done = expanded_.find(name);
    if (done != expanded_.end()) return done->second;
    stack.push_back(name);
    std::vector<std::string> targets;
    const GroupSpec& group = groups_.at(name);
    for (const NameRef& member : group.targets) {
      if (groups_.count(member.name) > 0) {
        // Groups come before targets of the same name, as in buildx.
        auto first = std::find(stack.begin(), stack.end(), member.name);
        if (first != stack.end()) {
          std::vector<std::string> chain(first, stack.end());
          chain.push_back(member.name);
          reporter_.Error(*member.file, *member.node,
                          fmt::format("group cycle: {}", Join(chain, " -> ")));
          continue;
        }
        for (const std::string& target : ExpandGroup(member.name, stack)) {
          AppendUnique(targets, target);
        }
      } else if (spec_index_.count(member.name) > 0) {
        AppendUnique(targets, member.name);
      } else {
        reporter_.Error(*member.file, *member.node,
                        fmt::format("group \"{}\" names unknown target \"{}\"{}", name,
                                    member.name, DidYouMean(member.name, TargetAndGroupNames())));
      }
    }
    stack.pop_back();
    return expanded_[name] = std::move(targets);
  }

  std::map<std::string, std::vector<std::string>> ExpandGroups() {
    std::map<std::string, std::vector<std::string>> groups;
    for (const auto& [name, group] : groups_) {
      std::vector<std::string> stack;
      groups[name] = ExpandGroup(name, stack);
    }
    return groups;
  }

  // --- Inheritance and the final targets. ---------------------------------------------------

  // buildx's Config.target: the parents (each resolved first) merged in order, then the
  // target's own attributes over them.
  const TargetSpec& Resolve(const std::string& name, std::vector<std::string>& stack) {
    auto done = resolved_.find(name);
    if (done != resolved_.end()) return done->second;
    stack.push_back(name);
    const TargetSpec& self = specs_[spec_index_.at(name)];
    TargetSpec parents;
    for (const NameRef& parent : self.inherits) {
      auto first = std::find(stack.begin(), stack.end(), parent.name);
      if (first != stack.end()) {
        std::vector<std::string> chain(first, stack.end());
        chain.push_back(parent.name);
        reporter_.Error(*parent.file, *parent.node,
                        fmt::format("inherits cycle: {}", Join(chain, " -> ")));
      } else if (spec_index_.count(parent.name) > 0) {
        MergeInto(parents, Resolve(parent.name, stack));
      } else if (groups_.count(parent.name) > 0) {
        reporter_.Error(*parent.file, *parent.node,
                        fmt::format("target \"{}\" inherits \"{}\", which is a group, not a "
                                    "target",
                                    name, parent.name));
      } else {
        reporter_.Error(*parent.file, *parent.node,
                        fmt::format("target \"{}\" inherits unknown target \"{}\"{}", name,
                                    parent.name, DidYouMean(parent.name, TargetNames())));
      }
    }
    TargetSpec result;
    result.name = self.name;
    result.file = self.file;
    result.key = self.key;
    MergeInto(result, parents);
    MergeInto(result, self);
    result.inherits.clear();
    Normalize(result);
    stack.pop_back();
    return resolved_[name] = std::move(result);
  }

  std::vector<Target> ResolveTargets() {
    std::vector<Target> targets;
    for (const TargetSpec& spec : specs_) {
      std::vector<std::string> stack;
      targets.push_back(ToTarget(Resolve(spec.name, stack)));
    }
    std::sort(targets.begin(), targets.end(),
              [](const Target& a, const Target& b) { return a.name < b.name; });
    return targets;
  }

  // A local path made absolute: `cwd://` paths against the working directory, others against
  // `base` (the working directory, as buildx resolves them, or with
  // BUILDX_BAKE_FILE_RELATIVE_PATHS the directory of the file that wrote them).
  std::string Absolute(const std::string& path, const std::string& base) const {
    if (StartsWith(path, "cwd://")) return JoinPath(options_.working_dir, path.substr(6));
    return JoinPath(file_relative_ ? base : options_.working_dir, path);
  }

  Target ToTarget(const TargetSpec& spec) {
    Target target;
    target.name = spec.name;
    // buildx's defaults: context ".", dockerfile "Dockerfile" relative to the context.
    std::string context = spec.context.value_or(".");
    bool remote = IsRemoteUrl(context);
    target.context = remote ? context
                            : Absolute(context, spec.context ? spec.context_dir : spec.block_dir);
    target.dockerfile_inline = spec.dockerfile_inline;
    if (!spec.dockerfile_inline) {
      std::string dockerfile = spec.dockerfile.value_or("");
      if (dockerfile.empty()) dockerfile = "Dockerfile";
      if (StartsWith(dockerfile, "cwd://")) {
        target.dockerfile = JoinPath(options_.working_dir, dockerfile.substr(6));
      } else if (remote) {
        target.dockerfile = CleanPath(dockerfile);  // A path inside the remote context.
      } else {
        target.dockerfile = JoinPath(target.context, dockerfile);
      }
    }
    target.args = spec.args;
    target.target_stage = spec.target_stage.value_or("");
    target.tags = spec.tags.value_or(std::vector<std::string>{});
    target.labels = spec.labels;
    target.platforms = spec.platforms.value_or(std::vector<std::string>{});
    for (const NamedContext& named : spec.contexts) {
      const std::string& value = named.value;
      std::string resolved = value;
      if (StartsWith(value, "target:")) {
        CheckTargetLink(spec, named, value.substr(7));
      } else if (!StartsWith(value, "docker-image:") && !StartsWith(value, "oci-layout://") &&
                 !IsRemoteUrl(value)) {
        resolved = Absolute(value, named.base_dir);
      }
      target.additional_contexts.emplace_back(named.name, std::move(resolved));
    }
    target.cache_from = spec.cache_from;
    target.network = spec.network.value_or("");
    target.shm_size = spec.shm_size;
    target.drydock = spec.drydock;
    target.location = FileLocation{spec.file->path(), spec.key->line, spec.key->column};
    return target;
  }

  void CheckTargetLink(const TargetSpec& spec, const NamedContext& named,
                       const std::string& linked) {
    if (spec_index_.count(linked) > 0) return;
    if (groups_.count(linked) > 0) {
      reporter_.Error(*named.file, *named.node,
                      fmt::format("context \"{}\" of target \"{}\" names \"{}\", which is a "
                                  "group, not a target",
                                  named.name, spec.name, linked));
      return;
    }
    reporter_.Error(*named.file, *named.node,
                    fmt::format("context \"{}\" of target \"{}\" names unknown target \"{}\"{}",
                                named.name, spec.name, linked,
                                DidYouMean(linked, TargetNames())));
  }

  struct MatrixGroup {
    const SourceFile* file = nullptr;
    const YamlNode* key = nullptr;
    std::vector<std::string> targets;
  };

  const BakeOptions& options_;
  const FileSystem& fs_;
  SourceFileSet& sources_;
  DiagSink& sink_;
  Reporter reporter_;
  bool env_lookup_ = true;
  bool file_relative_ = false;
  std::unique_ptr<Interpolator> interpolator_;
  std::vector<std::unique_ptr<Document>> documents_;
  std::vector<Block> target_blocks_;
  std::vector<Block> group_blocks_;
  std::vector<TargetSpec> specs_;  // Merged by name, in order of first appearance.
  std::map<std::string, size_t> spec_index_;
  std::map<std::string, MatrixGroup> matrix_groups_;
  std::map<std::string, GroupSpec> groups_;
  std::map<std::string, std::vector<std::string>> expanded_;
  std::map<std::string, TargetSpec> resolved_;
};

}  // namespace

const std::vector<std::string>& BakeFileNames() {
  static const std::vector<std::string> names = {"docker-bake.json", "docker-bake.override.json"};
  return names;
}

Result<Project> LoadBakeProject(const BakeOptions& options, const FileSystem& fs,
                                SourceFileSet& sources, DiagSink& sink) {
  return BakeLoader(options, fs, sources, sink).Load();
}

}  // namespace drydock::project
