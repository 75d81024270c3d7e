#include "dockerfile/stage_table.h"

#include <algorithm>
#include <charconv>

#include "base/strings.h"

namespace drydock::dockerfile {

namespace {

std::optional<size_t> ParseIndex(std::string_view text) {
  size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

bool LooksLikeInteger(std::string_view text) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class TableBuilder {
 public:
  TableBuilder(const Dockerfile& df, const ExpansionEnv& build_args)
      : df_(df), build_args_(build_args) {
    options_.escape = df.escape;
    DefinePlatformArgs();
  }

  StageTable Build() {
    for (const Instruction& in : df_.instructions) {
      CheckInstruction(in, &table_.errors);
      if (in.keyword == Keyword::kFrom) {
        AddStage(in);
      } else if (table_.stages.empty()) {
        if (in.keyword == Keyword::kArg) {
          AddGlobalArgs(in);
        } else {
          Error("no build stage in current context", in.keyword_span);
        }
      } else {
        Stage& stage = table_.stages.back();
        stage.instructions.push_back(&in);
        AddCopySources(stage, in);
      }
    }
    return std::move(table_);
  }

 private:
  // BuildKit defines the platform ARGs itself, before any ARG of the file, from the builder's
  // platform (BUILD*) and the requested one (TARGET*, the builder's by default); FROM can use
  // them without declaring them. A build argument of the same name (TARGETPLATFORM=linux/arm64)
  // stands for `--platform`, and its parts fill TARGETOS/TARGETARCH/TARGETVARIANT.
  void DefinePlatformArgs() {
    auto split = [](std::string_view platform) {
      std::vector<std::string> parts = {"", "", ""};
      for (size_t i = 0, start = 0; i < 3 && start <= platform.size(); ++i) {
        size_t slash = platform.find('/', start);
        parts[i] = std::string(platform.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
      }
      return parts;
    };
    std::string host = HostPlatform();
    for (std::string prefix : {"BUILD", "TARGET"}) {
      std::optional<std::string_view> given = build_args_.Get(prefix + "PLATFORM");
      std::string platform = given ? std::string(*given) : host;
      std::vector<std::string> parts = split(platform);
      const char* names[] = {"OS", "ARCH", "VARIANT"};
      global_env_.Set(prefix + "PLATFORM", platform);
      for (size_t i = 0; i < 3; ++i) {
        std::optional<std::string_view> part = build_args_.Get(prefix + names[i]);
        global_env_.Set(prefix + names[i], part ? std::string(*part) : parts[i]);
      }
    }
  }

  // The platform BuildKit on this machine reports, e.g. "linux/amd64".
  static std::string HostPlatform() {
#if defined(__x86_64__)
    return "linux/amd64";
#elif defined(__aarch64__)
    return "linux/arm64";
#elif defined(__arm__)
    return "linux/arm/v7";
#elif defined(__i386__)
    return "linux/386";
#elif defined(__powerpc64__)
    return "linux/ppc64le";
#elif defined(__s390x__)
    return "linux/s390x";
#elif defined(__riscv)
    return "linux/riscv64";
#else
    return "linux/amd64";
#endif
  }

  void Error(std::string message, Span span) { table_.errors.push_back({std::move(message), span}); }

  void AddGlobalArgs(const Instruction& in) {
    for (ArgDecl& decl : ArgDecls(in)) {
      std::optional<std::string> value;
      if (auto given = build_args_.Get(decl.name)) {
        value = std::string(*given);
      } else if (decl.default_value) {
        Result<ExpandedWord> expanded = ExpandWord(*decl.default_value, global_env_, options_);
        if (expanded.ok()) {
          value = expanded->value;
        } else {
          Error(expanded.error().message, decl.span);
        }
      }
      if (value) global_env_.Set(decl.name, *value);
      table_.global_args.push_back(std::move(decl));
    }
  }

  void AddStage(const Instruction& in) {
    Stage stage;
    stage.index = table_.stages.size();
    stage.from = &in;
    std::optional<FromArgs> from = AsFrom(in);
    if (!from) {
      table_.stages.push_back(std::move(stage));
      return;
    }
    if (from->stage_name) stage.name = ToLowerAscii(from->stage_name->value);
    Result<ExpandedWord> base = ExpandWord(from->image->value, global_env_, options_);
    stage.base.instruction = &in;
    stage.base.span = from->image->span;
    if (!base.ok()) {
      Error(base.error().message, from->image->span);
    } else if (base->value.empty()) {
      Error("base name (" + from->image->value + ") should not be blank", from->image->span);
    } else {
      stage.base.text = base->value;
      // An earlier stage's name matches the base exactly (names are stored lower-cased).
      if (base->value == "scratch") {
        stage.base.kind = StageRef::Kind::kScratch;
      } else if (auto index = FindEarlier(base->value, false)) {
        stage.base.kind = StageRef::Kind::kStage;
        stage.base.stage = index;
      }
    }
    if (from->platform) {
      Result<ExpandedWord> platform = ExpandWord(*from->platform, global_env_, options_);
      if (platform.ok()) {
        stage.platform = platform->value;
        if (platform->value.empty()) {
          Error("empty platform value from expression " + *from->platform,
                FindFlag(in, "platform")->span);
        }
      } else {
        Error(platform.error().message, FindFlag(in, "platform")->span);
      }
    }
    if (!stage.name.empty()) {
      for (const Stage& other : table_.stages) {
        if (other.name == stage.name) {
          Error("duplicate stage name \"" + stage.name + "\"", from->stage_name->span);
        }
      }
    }
    table_.stages.push_back(std::move(stage));
  }

  std::optional<size_t> FindEarlier(std::string_view name, bool lower) const {
    std::string key = lower ? ToLowerAscii(name) : std::string(name);
    for (const Stage& s : table_.stages) {
      if (!s.name.empty() && s.name == key) return s.index;
    }
    return std::nullopt;
  }

  void AddReference(Stage& stage, const Instruction& in, std::string_view text, Span span) {
    StageRef ref;
    ref.text = std::string(text);
    ref.instruction = &in;
    ref.span = span;
    if (LooksLikeInteger(text)) {
      std::optional<size_t> index = ParseIndex(text);
      if (!index || *index >= df_.instructions.size() || *index >= CountStages()) {
        Error("invalid stage index " + std::string(text), span);
        return;
      }
      if (*index >= stage.index) {
        Error("cannot copy from stage \"" + std::string(text) +
                  "\", it needs to be defined before current stage \"" + stage.DisplayName() + "\"",
              span);
        return;
      }
      ref.kind = StageRef::Kind::kStage;
      ref.stage = index;
    } else if (auto earlier = FindEarlier(text, true)) {
      ref.kind = StageRef::Kind::kStage;
      ref.stage = earlier;
    } else if (IsLaterStage(text)) {
      Error("cannot copy from stage \"" + std::string(text) +
                "\", it needs to be defined before current stage \"" + stage.DisplayName() + "\"",
            span);
      return;
    } else {
      ref.kind = text == "scratch" ? StageRef::Kind::kScratch : StageRef::Kind::kImage;
    }
    stage.copies_from.push_back(std::move(ref));
  }

  size_t CountStages() const {
    size_t n = 0;
    for (const Instruction& in : df_.instructions) n += in.keyword == Keyword::kFrom;
    return n;
  }

  bool IsLaterStage(std::string_view text) const {
    std::string key = ToLowerAscii(text);
    size_t seen = 0;
    for (const Instruction& in : df_.instructions) {
      if (in.keyword != Keyword::kFrom) continue;
      if (seen++ < table_.stages.size()) continue;
      std::optional<FromArgs> from = AsFrom(in);
      if (from && from->stage_name && ToLowerAscii(from->stage_name->value) == key) return true;
    }
    return false;
  }

  void AddCopySources(Stage& stage, const Instruction& in) {
    if (in.keyword == Keyword::kCopy) {
      if (const Flag* flag = FindFlag(in, "from"); flag && flag->value()) {
        std::string_view text = *flag->value();
        Result<ExpandedWord> expanded = ExpandWord(text, ExpansionEnv(), options_);
        if (!expanded.ok() || expanded->value != text) {
          Error("variable expansion is not supported for --from, define a new stage with FROM "
                "using ARG from global scope as a workaround",
                flag->span);
          return;
        }
        AddReference(stage, in, text, flag->span);
      }
    }
    for (const MountSpec& mount : RunMounts(in)) {
      if (auto from = mount.Get("from"); from && !from->empty()) {
        AddReference(stage, in, *from, mount.span);
      }
    }
  }

  const Dockerfile& df_;
  const ExpansionEnv& build_args_;
  ExpandOptions options_;
  ExpansionEnv global_env_;
  StageTable table_;
};

}  // namespace

std::string Stage::DisplayName() const {
  return name.empty() ? "stage-" + std::to_string(index) : name;
}

std::optional<size_t> StageTable::Find(std::string_view name_or_index) const {
  std::string key = ToLowerAscii(name_or_index);
  for (const Stage& s : stages) {
    if (!s.name.empty() && s.name == key) return s.index;
  }
  if (auto index = ParseIndex(name_or_index); index && *index < stages.size()) return index;
  return std::nullopt;
}

Result<size_t> StageTable::ResolveTarget(std::string_view target) const {
  if (stages.empty()) return MakeError("the Dockerfile has no stages");
  if (target.empty()) return stages.size() - 1;
  std::string key = ToLowerAscii(target);
  for (const Stage& s : stages) {
    if (s.name == key) return s.index;
  }
  std::vector<std::string> names;
  for (const Stage& s : stages) {
    if (!s.name.empty()) names.push_back(s.name);
  }
  std::string message = "target stage \"" + std::string(target) + "\" could not be found";
  std::string suggestion = SuggestClosest(target, names);
  if (!suggestion.empty()) message += " (did you mean " + suggestion + "?)";
  return MakeError(std::move(message));
}

StageTable BuildStageTable(const Dockerfile& dockerfile, const ExpansionEnv& build_args) {
  return TableBuilder(dockerfile, build_args).Build();
}

}  // namespace drydock::dockerfile
