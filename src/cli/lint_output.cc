#include "cli/lint_output.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lint/registry.h"

namespace drydock::cli {

namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kDocsBase = "https://github.com/drydock-build/drydock/blob/main/docs/rules/";

std::string DocUrl(const lint::RuleInfo& rule) {
  // ShellCheck findings (--shellcheck) are documented by ShellCheck.
  if (rule.slug == "shellcheck") return "https://www.shellcheck.net/wiki/" + std::string(rule.id);
  return std::string(kDocsBase) + std::string(rule.slug) + ".md";
}

std::string SarifLevel(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    default: return "note";
  }
}

std::string Dump(const json& j) {
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string LintToText(const std::vector<LintedFile>& files, bool explain) {
  std::string out;
  size_t counts[4] = {0, 0, 0, 0};
  for (const LintedFile& f : files) {
    for (const lint::LintFinding& finding : f.findings) {
      out += FormatDiagnostic(lint::ToDiagnostic(*f.file, finding));
      if (explain && !finding.explain.empty()) {
        std::string text = finding.explain;
        size_t start = 0;
        while (start < text.size()) {
          size_t nl = text.find('\n', start);
          out += "  = " + text.substr(start, nl - start) + "\n";
          if (nl == std::string::npos) break;
          start = nl + 1;
        }
      }
      ++counts[static_cast<int>(finding.severity)];
    }
  }
  size_t total = counts[0] + counts[1] + counts[2] + counts[3];
  out += fmt::format("{} finding{} ({} error{}, {} warning{}, {} info) in {} file{}\n", total,
                     total == 1 ? "" : "s", counts[0], counts[0] == 1 ? "" : "s", counts[1],
                     counts[1] == 1 ? "" : "s", counts[2] + counts[3], files.size(),
                     files.size() == 1 ? "" : "s");
  return out;
}

std::string LintToJson(const std::vector<LintedFile>& files) {
  json findings = json::array();
  for (const LintedFile& f : files) {
    for (const lint::LintFinding& finding : f.findings) {
      LineCol start = f.file->Locate(finding.span.begin);
      LineCol end = f.file->Locate(std::max(finding.span.end, finding.span.begin));
      json item = {{"rule_id", std::string(finding.rule->id)},
                   {"slug", std::string(finding.rule->slug)},
                   {"severity", std::string(SeverityName(finding.severity))},
                   {"file", f.file->path()},
                   {"line", start.line},
                   {"column", start.col},
                   {"end_line", end.line},
                   {"end_column", end.col},
                   {"message", finding.message},
                   {"doc_url", DocUrl(*finding.rule)}};
      if (!finding.explain.empty()) item["explain"] = finding.explain;
      findings.push_back(std::move(item));
    }
  }
  return Dump({{"schema", "drydock.lint/v1"}, {"files", files.size()}, {"findings", findings}});
}

std::string LintToSarif(const std::vector<LintedFile>& files) {
  json rules = json::array();
  std::map<std::string_view, size_t> index;
  for (const lint::RuleInfo& rule : lint::AllRules()) {
    index[rule.id] = rules.size();
    rules.push_back({{"id", std::string(rule.id)},
                     {"name", std::string(rule.slug)},
                     {"shortDescription", {{"text", std::string(rule.summary)}}},
                     {"helpUri", DocUrl(rule)},
                     {"defaultConfiguration", {{"level", SarifLevel(rule.severity)}}}});
  }
  json results = json::array();
  for (const LintedFile& f : files) {
    for (const lint::LintFinding& finding : f.findings) {
      if (!index.count(finding.rule->id)) {  // SCnnnn from --shellcheck: not in the registry.
        index[finding.rule->id] = rules.size();
        rules.push_back({{"id", std::string(finding.rule->id)},
                         {"name", std::string(finding.rule->slug)},
                         {"shortDescription", {{"text", std::string(finding.rule->summary)}}},
                         {"helpUri", DocUrl(*finding.rule)},
                         {"defaultConfiguration", {{"level", SarifLevel(finding.rule->severity)}}}});
      }
      LineCol start = f.file->Locate(finding.span.begin);
      LineCol end = f.file->Locate(std::max(finding.span.end, finding.span.begin + 1));
      if (end.line != start.line || end.col <= start.col) end = LineCol{start.line, start.col + 1};
      results.push_back(
          {{"ruleId", std::string(finding.rule->id)},
           {"ruleIndex", index[finding.rule->id]},
           {"level", SarifLevel(finding.severity)},
           {"message", {{"text", finding.message}}},
           {"locations",
            json::array({{{"physicalLocation",
                           {{"artifactLocation", {{"uri", f.file->path()}}},
                            {"region",
                             {{"startLine", start.line},
                              {"startColumn", start.col},
                              {"endLine", end.line},
                              {"endColumn", end.col}}}}}}})}});
    }
  }
  // Rules were added while results were built; put them in the run last.
  json run = {{"tool",
               {{"driver",
                 {{"name", "drydock"},
                  {"informationUri", "https://github.com/drydock-build/drydock"},
                  {"version", "0.1.0"},
                  {"rules", rules}}}}},
              {"results", results}};
  return Dump({{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
               {"version", "2.1.0"},
               {"runs", json::array({run})}});
}

std::string LintToGithub(const std::vector<LintedFile>& files) {
  auto escape = [](std::string s, bool property) {
    std::string out;
    for (char c : s) {
      if (c == '%') out += "%25";
      else if (c == '\r') out += "%0D";
      else if (c == '\n') out += "%0A";
      else if (property && c == ':') out += "%3A";
      else if (property && c == ',') out += "%2C";
      else out += c;
    }
    return out;
  };
  std::string out;
  for (const LintedFile& f : files) {
    for (const lint::LintFinding& finding : f.findings) {
      LineCol at = f.file->Locate(finding.span.begin);
      std::string level = finding.severity == Severity::kError     ? "error"
                          : finding.severity == Severity::kWarning ? "warning"
                                                                   : "notice";
      out += fmt::format("::{} file={},line={},col={},title={}::{}\n", level,
                         escape(f.file->path(), true), at.line, at.col,
                         escape(std::string(finding.rule->id) + " " + std::string(finding.rule->slug), true),
                         escape(finding.message, false));
    }
  }
  return out;
}

}  // namespace drydock::cli
