#include "cli/ast_json.h"

#include <string>

namespace drydock::cli {

namespace {

using json = nlohmann::ordered_json;
using namespace drydock::dockerfile;

json Position(const SourceFile& file, uint32_t offset) {
  LineCol at = file.Locate(offset);
  return {{"line", at.line}, {"column", at.col}, {"offset", offset}};
}

json SpanJson(const SourceFile& file, Span span) {
  return {{"start", Position(file, span.begin)}, {"end", Position(file, span.end)}};
}

json WordJson(const SourceFile& file, const Word& word) {
  return {{"value", word.value}, {"span", SpanJson(file, word.span)}};
}

json InstructionJson(const SourceFile& file, const Instruction& in) {
  json flags = json::array();
  for (const Flag& f : in.flags) {
    json flag = {{"text", f.text}, {"name", std::string(f.name())}, {"span", SpanJson(file, f.span)}};
    if (auto value = f.value()) flag["value"] = std::string(*value);
    flags.push_back(std::move(flag));
  }
  json args = json::array();
  for (const Word& w : in.args) args.push_back(WordJson(file, w));
  json out = {
      {"keyword", in.keyword == Keyword::kUnknown ? json(nullptr) : json(std::string(KeywordName(in.keyword)))},
      {"keyword_text", in.keyword_text},
      {"keyword_span", SpanJson(file, in.keyword_span)},
      {"flags", flags},
      {"args", args},
      {"form", in.json ? "exec" : "shell"},
  };
  if (in.start_line != 0) {
    out["span"] = SpanJson(file, in.span);
    out["start_line"] = in.start_line;
    out["end_line"] = in.end_line;
    out["original"] = in.original;
    out["comments"] = in.comments;
  }
  json heredocs = json::array();
  for (const Heredoc& h : in.heredocs) {
    heredocs.push_back({{"name", h.name},
                        {"content", h.content},
                        {"expand", h.expand},
                        {"chomp", h.chomp},
                        {"fd", h.fd},
                        {"body_span", SpanJson(file, h.body_span)}});
  }
  out["heredocs"] = heredocs;
  if (in.child) out["onbuild"] = InstructionJson(file, *in.child);
  return out;
}

json StageRefJson(const StageRef& ref) {
  static const char* kKinds[] = {"stage", "image", "scratch"};
  json out = {{"kind", kKinds[static_cast<int>(ref.kind)]}, {"text", ref.text}};
  if (ref.stage) out["stage"] = *ref.stage;
  return out;
}

}  // namespace

json DockerfileToJson(const Dockerfile& df, const StageTable& table,
                      const std::vector<Diagnostic>& diagnostics) {
  const SourceFile& file = *df.file;
  json directives = json::array();
  for (const Directive& d : df.directives) {
    directives.push_back({{"name", d.name}, {"value", d.value}, {"span", SpanJson(file, d.span)}});
  }
  json instructions = json::array();
  for (const Instruction& in : df.instructions) instructions.push_back(InstructionJson(file, in));
  json global_args = json::array();
  for (const ArgDecl& a : table.global_args) {
    global_args.push_back({{"name", a.name},
                           {"default", a.default_value ? json(*a.default_value) : json(nullptr)},
                           {"span", SpanJson(file, a.span)}});
  }
  json stages = json::array();
  for (const Stage& s : table.stages) {
    json copies = json::array();
    for (const StageRef& ref : s.copies_from) {
      json c = StageRefJson(ref);
      c["span"] = SpanJson(file, ref.span);
      copies.push_back(std::move(c));
    }
    size_t first = static_cast<size_t>(s.from - df.instructions.data());
    stages.push_back({{"index", s.index},
                      {"name", s.name.empty() ? json(nullptr) : json(s.name)},
                      {"base", StageRefJson(s.base)},
                      {"platform", s.platform ? json(*s.platform) : json(nullptr)},
                      {"from_instruction", first},
                      {"instruction_count", s.instructions.size()},
                      {"copies_from", copies}});
  }
  json diags = json::array();
  for (const Diagnostic& d : diagnostics) {
    json item = {{"severity", std::string(SeverityName(d.severity))}, {"message", d.message}};
    if (d.file) item["span"] = SpanJson(*d.file, d.span);
    diags.push_back(std::move(item));
  }
  return {{"path", file.path()},
          {"escape", std::string(1, df.escape)},
          {"directives", directives},
          {"instructions", instructions},
          {"global_args", global_args},
          {"stages", stages},
          {"diagnostics", diags}};
}

}  // namespace drydock::cli
