// `drydock parse FILE... [--format=sexp|json]`: read → parse → check stages → render.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "cli/ast_json.h"
#include "cli/commands.h"
#include "dockerfile/dump.h"
#include "dockerfile/parser.h"
#include "dockerfile/stage_table.h"

namespace drydock::cli {

namespace {

struct ParsedFile {
  std::unique_ptr<SourceFile> source;
  dockerfile::Dockerfile syntax;
  dockerfile::StageTable stages;
  DiagSink diagnostics;
};

// Parses one file and collects every syntax and stage-level problem as diagnostics, in
// source order, so the user fixes them all in one round.
void Analyze(ParsedFile& f) {
  f.syntax = dockerfile::Parse(*f.source);
  f.stages = dockerfile::BuildStageTable(f.syntax);
  DiagSink unsorted;
  dockerfile::ReportSyntaxProblems(f.syntax, unsorted);
  for (const dockerfile::SemanticError& e : f.stages.errors) {
    unsorted.Error(f.source.get(), e.span, e.message);
  }
  std::vector<Diagnostic> all = unsorted.diagnostics();
  std::stable_sort(all.begin(), all.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.span.begin < b.span.begin;
  });
  for (Diagnostic& d : all) f.diagnostics.Report(std::move(d));
}

}  // namespace

ExitStatus RunParse(const Invocation& invocation) {
  CLI::App app("Parse Dockerfiles exactly as BuildKit does and print the syntax tree.",
               invocation.program);
  std::vector<std::string> paths;
  std::string format = "sexp";
  app.add_option("files", paths, "Dockerfiles to parse ('-' reads standard input)")->required();
  app.add_option("--format", format, "sexp: BuildKit's Dump() format; json: typed tree with spans")
      ->check(CLI::IsMember({"sexp", "json"}));
  std::vector<std::string> args(invocation.args.rbegin(), invocation.args.rend());
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? ExitStatus::kOk : ExitStatus::kUsage;
  }

  bool unreadable = false, findings = false;
  nlohmann::ordered_json documents = nlohmann::ordered_json::array();
  for (const std::string& path : paths) {
    Result<std::unique_ptr<SourceFile>> source = SourceFile::Read(path);
    if (!source.ok()) {
      fmt::print(stderr, "drydock: error: cannot read {}\n", source.error().message);
      unreadable = true;
      continue;
    }
    ParsedFile f;
    f.source = std::move(*source);
    Analyze(f);
    for (const Diagnostic& d : f.diagnostics.diagnostics()) {
      std::fputs(FormatDiagnostic(d).c_str(), stderr);
    }
    findings |= f.diagnostics.has_errors();
    if (format == "json") {
      documents.push_back(DockerfileToJson(f.syntax, f.stages, f.diagnostics.diagnostics()));
    } else {
      if (paths.size() > 1) fmt::print("# {}\n", f.source->path());
      if (!f.syntax.instructions.empty()) {
        std::fputs(dockerfile::DumpDockerfile(f.syntax).c_str(), stdout);
      }
    }
  }
  if (format == "json") {
    nlohmann::ordered_json out = {{"schema", "drydock.parse/v1"}, {"files", documents}};
    std::puts(out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
  }
  std::fflush(stdout);
  if (unreadable) return ExitStatus::kFailure;
  return findings ? ExitStatus::kFindings : ExitStatus::kOk;
}

}  // namespace drydock::cli
