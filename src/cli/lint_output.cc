#include "cli/lint_output.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/strings.h"
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

namespace {

// Appends `s` as a JSON string exactly as nlohmann's dump (no ASCII escaping, invalid UTF-8
// replaced) writes it; the report is built directly because it is the one serial step after
// a parallel lint of hundreds of files.
void AppendJsonString(std::string& out, std::string_view s) {
  if (!IsValidUtf8(s)) {  // nlohmann replaces what is not well-formed: let it.
    out += json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace);
    return;
  }
  out += '"';
  for (char ch : s) {
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(ch)));
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

}  // namespace

std::string LintToJson(const std::vector<LintedFile>& files) {
  // The same text as an nlohmann::ordered_json dump with indent 2 (a golden test holds it).
  std::string out = fmt::format("{{\n  \"schema\": \"drydock.lint/v1\",\n  \"files\": {},\n  \"findings\": [", files.size());
  bool first = true;
  auto field = [&](std::string_view key, std::string_view value, bool last = false) {
    out += "      \"";
    out += key;
    out += "\": ";
    AppendJsonString(out, value);
    out += last ? "\n" : ",\n";
  };
  auto number = [&](std::string_view key, uint32_t value) { out += fmt::format("      \"{}\": {},\n", key, value); };
  for (const LintedFile& f : files) {
    for (const lint::LintFinding& finding : f.findings) {
      LineCol start = f.file->Locate(finding.span.begin);
      LineCol end = f.file->Locate(std::max(finding.span.end, finding.span.begin));
      out += first ? "\n    {\n" : ",\n    {\n";
      first = false;
      field("rule_id", finding.rule->id);
      field("slug", finding.rule->slug);
      field("severity", SeverityName(finding.severity));
      field("file", f.file->path());
      number("line", start.line);
      number("column", start.col);
      number("end_line", end.line);
      number("end_column", end.col);
      field("message", finding.message);
      field("doc_url", DocUrl(*finding.rule), finding.explain.empty());
      if (!finding.explain.empty()) field("explain", finding.explain, true);
      out += "    }";
    }
  }
  out += first ? "]\n}\n" : "\n  ]\n}\n";
  return out;
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
