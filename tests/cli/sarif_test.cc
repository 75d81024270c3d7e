// `--format=sarif` against what SARIF 2.1.0 (the OASIS schema, sarif-schema-2.1.0.json)
// requires of the objects drydock writes. No Debian or npm package ships the schema file, so
// the checks that matter are written out: the sarifLog's properties and version, each run's
// tool.driver with unique rules (reportingDescriptor: id, name, shortDescription.text,
// helpUri as an absolute URI, defaultConfiguration.level), and each result's ruleId, a
// ruleIndex consistent with rules[], level, message.text, and physicalLocation with
// artifactLocation.uri (a relative reference) and a region of 1-based lines and columns.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "cli/lint_output.h"
#include "lint/registry.h"
#include "lint/runner.h"
#include "lint/shellcheck.h"

namespace drydock::cli {
namespace {

using nlohmann::json;

bool IsLevel(const json& j) {
  return j.is_string() && (j == "none" || j == "note" || j == "warning" || j == "error");
}

bool IsAbsoluteUri(const json& j) {
  if (!j.is_string()) return false;
  std::string s = j;
  size_t colon = s.find(':');
  return colon != std::string::npos && colon > 0 && s.find(' ') == std::string::npos &&
         isalpha(static_cast<unsigned char>(s[0]));
}

bool IsUriReference(const json& j) {
  if (!j.is_string()) return false;
  std::string s = j;
  return !s.empty() && s.find_first_of(" \\") == std::string::npos;
}

bool IsPositive(const json& j) { return j.is_number_integer() && j.get<int64_t>() >= 1; }

// Every violation found, as "path: problem".
std::vector<std::string> Validate(const json& log) {
  std::vector<std::string> problems;
  auto fail = [&](const std::string& where, const std::string& what) { problems.push_back(where + ": " + what); };
  if (!log.is_object()) return {"$: not an object"};
  for (const auto& [key, value] : log.items()) {
    static const std::set<std::string> allowed = {"$schema", "version", "runs", "inlineExternalProperties", "properties"};
    if (!allowed.count(key)) fail("$", "unknown property " + key);
  }
  if (log.value("version", "") != "2.1.0") fail("$.version", "must be \"2.1.0\"");
  if (!IsAbsoluteUri(log["$schema"])) fail("$.$schema", "must be a URI");
  if (!log.contains("runs") || !log["runs"].is_array()) return problems.push_back("$.runs: missing"), problems;
  for (size_t r = 0; r < log["runs"].size(); ++r) {
    const json& run = log["runs"][r];
    std::string at = "$.runs[" + std::to_string(r) + "]";
    if (!run.contains("tool") || !run["tool"].contains("driver")) {
      fail(at, "tool.driver is required");
      continue;
    }
    const json& driver = run["tool"]["driver"];
    if (!driver["name"].is_string() || driver["name"].get<std::string>().empty()) fail(at + ".tool.driver.name", "required");
    if (driver.contains("informationUri") && !IsAbsoluteUri(driver["informationUri"])) fail(at + ".tool.driver.informationUri", "not a URI");
    const json& rules = driver.contains("rules") ? driver["rules"] : json::array();
    if (!rules.is_array()) fail(at + ".tool.driver.rules", "not an array");
    std::set<std::string> ids;
    for (size_t i = 0; i < rules.size(); ++i) {
      const json& rule = rules[i];
      std::string rat = at + ".tool.driver.rules[" + std::to_string(i) + "]";
      if (!rule["id"].is_string()) {
        fail(rat + ".id", "required string");
        continue;
      }
      if (!ids.insert(rule["id"]).second) fail(rat + ".id", "duplicate " + rule["id"].get<std::string>());
      if (!rule["name"].is_string()) fail(rat + ".name", "not a string");
      if (!rule["shortDescription"].is_object() || !rule["shortDescription"]["text"].is_string() ||
          rule["shortDescription"]["text"].get<std::string>().empty()) {
        fail(rat + ".shortDescription.text", "required");
      }
      if (!IsAbsoluteUri(rule["helpUri"])) fail(rat + ".helpUri", "not a URI");
      if (rule.contains("defaultConfiguration") && !IsLevel(rule["defaultConfiguration"]["level"])) {
        fail(rat + ".defaultConfiguration.level", "not a level");
      }
    }
    if (!run.contains("results") || !run["results"].is_array()) {
      fail(at + ".results", "missing");
      continue;
    }
    for (size_t i = 0; i < run["results"].size(); ++i) {
      const json& result = run["results"][i];
      std::string rat = at + ".results[" + std::to_string(i) + "]";
      if (!result["message"].is_object() || !result["message"]["text"].is_string()) fail(rat + ".message.text", "required");
      if (!result["ruleId"].is_string()) fail(rat + ".ruleId", "required here");
      if (!result["ruleIndex"].is_number_integer() || result["ruleIndex"].get<int64_t>() < 0 ||
          result["ruleIndex"].get<size_t>() >= rules.size()) {
        fail(rat + ".ruleIndex", "out of range");
      } else if (rules[result["ruleIndex"].get<size_t>()]["id"] != result["ruleId"]) {
        fail(rat + ".ruleIndex", "names another rule than ruleId");
      }
      if (!IsLevel(result["level"])) fail(rat + ".level", "not a level");
      if (!result["locations"].is_array() || result["locations"].empty()) {
        fail(rat + ".locations", "required here");
        continue;
      }
      for (const json& location : result["locations"]) {
        const json& physical = location["physicalLocation"];
        if (!physical.is_object()) {
          fail(rat, "physicalLocation required here");
          continue;
        }
        if (!IsUriReference(physical["artifactLocation"]["uri"])) fail(rat + ".artifactLocation.uri", "not a URI reference");
        const json& region = physical["region"];
        if (!IsPositive(region["startLine"])) fail(rat + ".region.startLine", "must be >= 1");
        if (!IsPositive(region["startColumn"])) fail(rat + ".region.startColumn", "must be >= 1");
        if (region.contains("endLine") && (!IsPositive(region["endLine"]) || region["endLine"] < region["startLine"])) {
          fail(rat + ".region.endLine", "must be >= startLine");
        }
        if (region.contains("endColumn") &&
            (!IsPositive(region["endColumn"]) ||
             (region["endLine"] == region["startLine"] && region["endColumn"] < region["startColumn"]))) {
          fail(rat + ".region.endColumn", "must be >= startColumn on the same line");
        }
      }
    }
  }
  return problems;
}

TEST(Sarif, ValidatorCatchesViolations) {
  json bad = json::parse(R"({"version":"2.0.0","runs":[{"tool":{"driver":{"name":"x",
      "rules":[{"id":"A","name":"a","shortDescription":{"text":"a"},"helpUri":"https://x/a"},{"id":"A"}]}},
      "results":[{"ruleId":"B","ruleIndex":0,"level":"fatal","message":{"text":"m"},
      "locations":[{"physicalLocation":{"artifactLocation":{"uri":"a b"},"region":{"startLine":0,"startColumn":1}}}]}]}]})");
  EXPECT_EQ(Validate(bad), (std::vector<std::string>{
                               "$.version: must be \"2.1.0\"",
                               "$.$schema: must be a URI",
                               "$.runs[0].tool.driver.rules[1].id: duplicate A",
                               "$.runs[0].tool.driver.rules[1].name: not a string",
                               "$.runs[0].tool.driver.rules[1].shortDescription.text: required",
                               "$.runs[0].tool.driver.rules[1].helpUri: not a URI",
                               "$.runs[0].results[0].ruleIndex: names another rule than ruleId",
                               "$.runs[0].results[0].level: not a level",
                               "$.runs[0].results[0].artifactLocation.uri: not a URI reference",
                               "$.runs[0].results[0].region.startLine: must be >= 1",
                           }));
}

TEST(Sarif, LintOutputValidates) {
  SourceFile a("svc/a/Dockerfile",
               "FROM python:latest\n"
               "RUN sudo pip install flask\n"
               "COPY a b c\n"
               "CMD python app.py\n");
  SourceFile b("Dockerfile", "FROM debian:bookworm\nRUN echo ok\n");
  lint::LintRequest request;
  std::vector<LintedFile> files = {{&a, lint::LintDockerfile(a, request)}, {&b, lint::LintDockerfile(b, request)}};
  ASSERT_GE(files[0].findings.size(), 4u);
  // A ShellCheck finding, as --shellcheck adds them: its rule joins driver.rules.
  lint::LintFinding sc;
  sc.rule = lint::ShellcheckRule("SC2086", Severity::kInfo);
  sc.severity = Severity::kInfo;
  sc.span = Span{26, 31};
  sc.message = "Double quote to prevent globbing and word splitting.";
  files[0].findings.push_back(sc);
  json log = json::parse(LintToSarif(files));
  EXPECT_EQ(Validate(log), std::vector<std::string>{});
  const json& rules = log["runs"][0]["tool"]["driver"]["rules"];
  EXPECT_EQ(rules.size(), lint::AllRules().size() + 1);
  EXPECT_EQ(rules.back()["id"], "SC2086");
  EXPECT_EQ(rules.back()["helpUri"], "https://www.shellcheck.net/wiki/SC2086");
  const json& results = log["runs"][0]["results"];
  EXPECT_EQ(results.size(), files[0].findings.size());
  EXPECT_EQ(results.back()["ruleIndex"], lint::AllRules().size());
  EXPECT_EQ(results.back()["level"], "note");
  // No findings at all is still a valid log.
  EXPECT_EQ(Validate(json::parse(LintToSarif({{&b, {}}}))), std::vector<std::string>{});
}

}  // namespace
}  // namespace drydock::cli
