// The machine-readable lint outputs: SARIF 2.1.0 checked against the parts of the schema code
// scanning relies on, JSON and GitHub annotations checked whole.
#include "cli/lint_output.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "lint/registry.h"

namespace drydock::cli {
namespace {

using nlohmann::json;

struct Fixture {
  Fixture() : file("svc/Dockerfile", "FROM debian:bookworm\nRUN sudo apt-get update\n") {
    lint::LintFinding f;
    f.rule = lint::FindRule("DD4004");
    f.severity = Severity::kError;
    f.span = Span{25, 29};
    f.message = "sudo in RUN: use USER to change the user instead";
    linted.push_back({&file, {f}});
  }
  SourceFile file;
  std::vector<LintedFile> linted;
};

TEST(LintOutput, SarifHasWhatTheSchemaRequires) {
  Fixture fx;
  json sarif = json::parse(LintToSarif(fx.linted));
  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_EQ(sarif["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  ASSERT_EQ(sarif["runs"].size(), 1u);
  const json& run = sarif["runs"][0];
  const json& driver = run["tool"]["driver"];
  EXPECT_EQ(driver["name"], "drydock");
  ASSERT_EQ(driver["rules"].size(), lint::AllRules().size());
  for (const json& rule : driver["rules"]) {
    EXPECT_TRUE(rule["id"].is_string());
    EXPECT_TRUE(rule["shortDescription"]["text"].is_string());
    std::string level = rule["defaultConfiguration"]["level"];
    EXPECT_TRUE(level == "error" || level == "warning" || level == "note") << level;
  }
  ASSERT_EQ(run["results"].size(), 1u);
  const json& result = run["results"][0];
  EXPECT_EQ(result["ruleId"], "DD4004");
  EXPECT_EQ(driver["rules"][result["ruleIndex"].get<size_t>()]["id"], "DD4004");
  EXPECT_EQ(result["level"], "error");
  EXPECT_EQ(result["message"]["text"], "sudo in RUN: use USER to change the user instead");
  const json& location = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"]["uri"], "svc/Dockerfile");
  EXPECT_EQ(location["region"], json::parse(R"({"startLine":2,"startColumn":5,"endLine":2,"endColumn":9})"));
}

// LintToJson writes its text by hand; it must be byte for byte what nlohmann's dump(2) writes
// (escapes, invalid UTF-8 replaced, `explain` only when set, an empty list as []).
TEST(LintOutput, JsonIsNlohmannsDumpForAwkwardStrings) {
  using ordered = nlohmann::ordered_json;
  const std::vector<std::string> messages = {
      "plain", "quote \" backslash \\ tab \t newline \n cr \r bs \b ff \f", std::string("nul \0 x", 7),
      "\x01\x1f\x7f", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xb3", "bad \xff\xfe", "cut \xe2\x82",
      "overlong \xc0\xaf", "surrogate \xed\xa0\x80", "too big \xf4\x90\x80\x80"};
  SourceFile file("d/Dockerfile", "FROM x\n");
  std::vector<LintedFile> none = {{&file, {}}};
  EXPECT_EQ(LintToJson(none), ordered({{"schema", "drydock.lint/v1"}, {"files", 1}, {"findings", ordered::array()}})
                                      .dump(2, ' ', false, ordered::error_handler_t::replace) +
                                  "\n");
  for (const std::string& message : messages) {
    lint::LintFinding f;
    f.rule = lint::FindRule("DD1002");
    f.severity = Severity::kWarning;
    f.span = Span{5, 6};
    f.message = message;
    lint::LintFinding g = f;
    g.explain = message + "\nfacts";
    std::vector<LintedFile> linted = {{&file, {f, g}}};
    ordered want = {{"schema", "drydock.lint/v1"}, {"files", 1}, {"findings", ordered::array()}};
    for (const lint::LintFinding& x : {f, g}) {
      ordered item = {{"rule_id", "DD1002"}, {"slug", "from-latest"}, {"severity", "warning"},
                      {"file", "d/Dockerfile"}, {"line", 1}, {"column", 6}, {"end_line", 1}, {"end_column", 7},
                      {"message", x.message},
                      {"doc_url", "https://github.com/drydock-build/drydock/blob/main/docs/rules/from-latest.md"}};
      if (!x.explain.empty()) item["explain"] = x.explain;
      want["findings"].push_back(item);
    }
    EXPECT_EQ(LintToJson(linted), want.dump(2, ' ', false, ordered::error_handler_t::replace) + "\n") << message;
  }
}

TEST(LintOutput, TextJsonAndGithub) {
  Fixture fx;
  EXPECT_EQ(LintToText(fx.linted, false),
            "svc/Dockerfile:2:5: error: sudo in RUN: use USER to change the user instead "
            "[DD4004 sudo-in-run]\n"
            "RUN sudo apt-get update\n"
            "    ^~~~\n"
            "1 finding (1 error, 0 warnings, 0 info) in 1 file\n");
  json j = json::parse(LintToJson(fx.linted));
  EXPECT_EQ(j["schema"], "drydock.lint/v1");
  EXPECT_EQ(j["findings"][0]["slug"], "sudo-in-run");
  EXPECT_EQ(j["findings"][0]["line"], 2);
  EXPECT_EQ(j["findings"][0]["column"], 5);
  EXPECT_EQ(LintToGithub(fx.linted),
            "::error file=svc/Dockerfile,line=2,col=5,title=DD4004 sudo-in-run::sudo in RUN: use "
            "USER to change the user instead\n");
}

}  // namespace
}  // namespace drydock::cli
