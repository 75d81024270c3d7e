#include "dockerfile/instructions.h"

#include <algorithm>
#include <set>

#include "base/strings.h"

namespace drydock::dockerfile {

namespace {

enum class FlagType { kBool, kString, kStrings };

struct FlagSpec {
  std::string_view name;
  FlagType type;
};

std::vector<FlagSpec> KnownFlags(const Instruction& in) {
  switch (in.keyword) {
    case Keyword::kAdd:
      return {{"chown", FlagType::kString},   {"chmod", FlagType::kString},
              {"link", FlagType::kBool},      {"keep-git-dir", FlagType::kBool},
              {"checksum", FlagType::kString}, {"unpack", FlagType::kBool},
              {"exclude", FlagType::kStrings}};
    case Keyword::kCopy:
      return {{"chown", FlagType::kString}, {"from", FlagType::kString},
              {"chmod", FlagType::kString}, {"link", FlagType::kBool},
              {"exclude", FlagType::kStrings}, {"parents", FlagType::kBool}};
    case Keyword::kFrom:
      return {{"platform", FlagType::kString}};
    case Keyword::kRun:
      return {{"mount", FlagType::kStrings}, {"network", FlagType::kString},
              {"security", FlagType::kString}};
    case Keyword::kHealthcheck:
      if (!in.args.empty() && EqualsIgnoreCaseAscii(in.args[0].value, "NONE")) return {};
      return {{"interval", FlagType::kString},     {"timeout", FlagType::kString},
              {"start-period", FlagType::kString}, {"start-interval", FlagType::kString},
              {"retries", FlagType::kString}};
    default:
      return {};
  }
}

void CheckFlags(const Instruction& in, std::vector<SemanticError>* errors) {
  std::vector<FlagSpec> known = KnownFlags(in);
  std::set<std::string, std::less<>> used;
  for (const Flag& flag : in.flags) {
    std::string_view text = flag.text;
    if (text == "--") return;
    auto fail = [&](std::string message) { errors->push_back({std::move(message), flag.span}); };
    if (text.substr(0, 2) != "--") {
      fail("arg should start with -- : " + flag.text);
      return;
    }
    size_t eq = text.find('=');
    std::string_view flag_name = text.substr(0, eq);
    std::string_view name = flag_name.substr(2);
    bool has_value = eq != std::string_view::npos;
    std::string_view value = has_value ? text.substr(eq + 1) : std::string_view();
    auto spec = std::find_if(known.begin(), known.end(),
                             [&](const FlagSpec& s) { return s.name == name; });
    if (spec == known.end()) {
      std::vector<std::string> names;
      for (const FlagSpec& s : known) names.emplace_back(s.name);
      std::string message = "unknown flag: " + std::string(flag_name);
      std::string suggestion = SuggestClosest(name, names);
      if (!suggestion.empty()) message += " (did you mean " + suggestion + "?)";
      fail(std::move(message));
      return;
    }
    if (!used.insert(std::string(name)).second && spec->type != FlagType::kStrings) {
      fail("duplicate flag specified: " + std::string(flag_name));
      return;
    }
    switch (spec->type) {
      case FlagType::kBool: {
        if (has_value && value.empty()) {
          fail("missing a value on flag: " + std::string(flag_name));
          return;
        }
        std::string lower = ToLowerAscii(value);
        if (lower != "true" && lower != "false" && !lower.empty()) {
          fail("expecting boolean value for flag " + std::string(flag_name) + ", not: " +
               std::string(value));
          return;
        }
        break;
      }
      case FlagType::kString:
      case FlagType::kStrings:
        if (!has_value) {
          fail("missing a value on flag: " + std::string(flag_name));
          return;
        }
        break;
    }
  }
}

bool IsValidStageName(std::string_view name) {
  // ^[a-z][a-z0-9-_.]*$ on the lower-cased name.
  if (name.empty() || !(name[0] >= 'a' && name[0] <= 'z')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

Span WholeArgs(const Instruction& in) {
  if (in.args.empty()) return in.keyword_span;
  return Span{in.args.front().span.begin, in.args.back().span.end};
}

}  // namespace

void CheckInstruction(const Instruction& in, std::vector<SemanticError>* errors) {
  std::string name(KeywordName(in.keyword));
  auto fail = [&](std::string message, Span span) { errors->push_back({std::move(message), span}); };
  size_t n = in.args.size();
  switch (in.keyword) {
    case Keyword::kUnknown: {
      std::string message = "unknown instruction: " + in.keyword_text;
      std::string suggestion = SuggestClosest(in.keyword_text, AllKeywordNames());
      if (!suggestion.empty()) message += " (did you mean " + ToLowerAscii(suggestion) + "?)";
      fail(std::move(message), in.keyword_span);
      return;
    }
    case Keyword::kEnv:
    case Keyword::kLabel:
      if (n == 0) return fail(name + " requires at least one argument", in.keyword_span);
      for (size_t i = 0; i + 2 < n; i += 3) {
        if (in.args[i].value.empty()) return fail(name + " names can not be blank", in.args[i].span);
      }
      break;
    case Keyword::kMaintainer:
      if (n == 0) return fail("MAINTAINER requires exactly one argument", in.keyword_span);
      break;
    case Keyword::kAdd:
    case Keyword::kCopy:
      if (n < 2) {
        return fail(name + " requires at least two arguments, but only one was provided. "
                           "Destination could not be determined",
                    in.keyword_span);
      }
      break;
    case Keyword::kFrom: {
      if (n == 3 && EqualsIgnoreCaseAscii(in.args[1].value, "as")) {
        if (!IsValidStageName(ToLowerAscii(in.args[2].value))) {
          return fail("invalid name for build stage: \"" + in.args[2].value +
                          "\", name can't start with a number or contain symbols",
                      in.args[2].span);
        }
      } else if (n != 1) {
        return fail("FROM requires either one or three arguments", WholeArgs(in));
      }
      break;
    }
    case Keyword::kOnbuild: {
      if (!in.child) return fail("ONBUILD requires at least one argument", in.keyword_span);
      Keyword trigger = in.child->keyword;
      if (trigger == Keyword::kOnbuild) {
        return fail("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", in.child->keyword_span);
      }
      if (trigger == Keyword::kMaintainer || trigger == Keyword::kFrom) {
        return fail(ToUpperAscii(in.child->keyword_text) + " isn't allowed as an ONBUILD trigger",
                    in.child->keyword_span);
      }
      CheckInstruction(*in.child, errors);
      break;
    }
    case Keyword::kWorkdir:
    case Keyword::kUser:
    case Keyword::kStopsignal:
      if (n != 1) return fail(name + " requires exactly one argument", in.keyword_span);
      break;
    case Keyword::kHealthcheck: {
      if (n == 0) return fail("HEALTHCHECK requires at least one argument", in.keyword_span);
      std::string type = ToUpperAscii(in.args[0].value);
      if (type == "NONE") {
        if (n != 1) return fail("HEALTHCHECK NONE takes no arguments", WholeArgs(in));
      } else if (type != "CMD") {
        return fail("Unknown type \"" + type + "\" in HEALTHCHECK (try CMD)", in.args[0].span);
      } else if (n == 1) {
        return fail("Missing command after HEALTHCHECK CMD", in.args[0].span);
      }
      break;
    }
    case Keyword::kExpose:
    case Keyword::kVolume:
    case Keyword::kArg:
      if (n == 0) return fail(name + " requires at least one argument", in.keyword_span);
      if (in.keyword == Keyword::kVolume) {
        for (const Word& w : in.args) {
          if (TrimAsciiSpace(w.value).empty()) {
            return fail("VOLUME specified can not be an empty string", w.span);
          }
        }
      }
      if (in.keyword == Keyword::kArg) {
        for (const Word& w : in.args) {
          if (!w.value.empty() && w.value[0] == '=') return fail("ARG names can not be blank", w.span);
        }
      }
      break;
    case Keyword::kShell:
      if (n == 0) return fail("SHELL requires at least one argument", in.keyword_span);
      if (!in.json) return fail("SHELL requires the arguments to be in JSON form", WholeArgs(in));
      break;
    case Keyword::kRun:
    case Keyword::kCmd:
    case Keyword::kEntrypoint:
      break;
  }
  CheckFlags(in, errors);
}

const Flag* FindFlag(const Instruction& in, std::string_view name) {
  const Flag* found = nullptr;
  for (const Flag& f : in.flags) {
    if (f.name() == name) found = &f;
  }
  return found;
}

std::vector<std::string_view> FlagValues(const Instruction& in, std::string_view name) {
  std::vector<std::string_view> values;
  for (const Flag& f : in.flags) {
    if (f.name() == name) values.push_back(f.value().value_or("true"));
  }
  return values;
}

std::optional<std::string> FlagValue(const Instruction& in, std::string_view name) {
  const Flag* f = FindFlag(in, name);
  if (!f) return std::nullopt;
  return std::string(f->value().value_or("true"));
}

std::optional<FromArgs> AsFrom(const Instruction& in) {
  if (in.keyword != Keyword::kFrom || in.args.empty()) return std::nullopt;
  FromArgs from;
  from.image = &in.args[0];
  if (in.args.size() == 3 && EqualsIgnoreCaseAscii(in.args[1].value, "as")) {
    from.stage_name = &in.args[2];
  }
  from.platform = FlagValue(in, "platform");
  return from;
}

std::vector<ArgDecl> ArgDecls(const Instruction& in) {
  std::vector<ArgDecl> decls;
  if (in.keyword != Keyword::kArg) return decls;
  for (const Word& w : in.args) {
    ArgDecl decl;
    size_t eq = w.value.find('=');
    decl.name = w.value.substr(0, eq);
    if (eq != std::string::npos) decl.default_value = w.value.substr(eq + 1);
    decl.span = w.span;
    decls.push_back(std::move(decl));
  }
  return decls;
}

std::vector<KeyValue> KeyValues(const Instruction& in) {
  std::vector<KeyValue> pairs;
  if (in.keyword != Keyword::kEnv && in.keyword != Keyword::kLabel) return pairs;
  for (size_t i = 0; i + 2 < in.args.size(); i += 3) {
    pairs.push_back({&in.args[i], &in.args[i + 1], in.args[i + 2].value == "="});
  }
  return pairs;
}

std::optional<SourcesAndDest> AsSourcesAndDest(const Instruction& in) {
  if ((in.keyword != Keyword::kCopy && in.keyword != Keyword::kAdd) || in.args.size() < 2) {
    return std::nullopt;
  }
  SourcesAndDest out;
  for (size_t i = 0; i + 1 < in.args.size(); ++i) out.sources.push_back(&in.args[i]);
  out.dest = &in.args.back();
  return out;
}

std::optional<std::string_view> MountSpec::Get(std::string_view key) const {
  for (const auto& [k, v] : fields) {
    if (k == key) return std::string_view(v);
  }
  return std::nullopt;
}

std::vector<MountSpec> RunMounts(const Instruction& in) {
  std::vector<MountSpec> mounts;
  if (in.keyword != Keyword::kRun) return mounts;
  for (const Flag& f : in.flags) {
    if (f.name() != "mount" || !f.value()) continue;
    MountSpec mount;
    mount.span = f.span;
    std::string_view rest = *f.value();
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string_view field = rest.substr(0, comma);
      size_t eq = field.find('=');
      std::string key = ToLowerAscii(TrimAsciiSpace(field.substr(0, eq)));
      std::string value = eq == std::string_view::npos ? "" : std::string(field.substr(eq + 1));
      if (!key.empty()) mount.fields.emplace_back(std::move(key), std::move(value));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    mounts.push_back(std::move(mount));
  }
  return mounts;
}

}  // namespace drydock::dockerfile
