// Conformance of Substitute and ExtractVariables with compose-go's template package, over the
// oracle corpus shared/corpus/compose/interpolation.jsonl: the result or the exact error text,
// the warnings logged, and the variables `docker compose config --variables` would list.
// Prints agreement counts per source and fails listing the first disagreements.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "project/interpolation.h"
#include "testing/corpus.h"

namespace drydock::project {
namespace {

using nlohmann::json;

constexpr int kMaxListed = 20;

std::string Show(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Agreement counts per category and the first disagreements.
class Tally {
 public:
  void Add(const std::string& category, const std::string& disagreement) {
    Counts& counts = by_category_[category];
    ++counts.total;
    ++total_.total;
    if (disagreement.empty()) {
      ++counts.agreed;
      ++total_.agreed;
      return;
    }
    if (listed_++ < kMaxListed) failures_ += disagreement + "\n";
  }

  // "<prefix> <category>: agreed/total" lines (unless only the total is wanted) and a TOTAL.
  void Report(const std::string& prefix, bool per_category = true) const {
    if (per_category) {
      for (const auto& [category, counts] : by_category_) {
        testing::ReportCount(prefix + " " + category + ": " + Format(counts));
      }
    }
    testing::ReportCount(prefix + " TOTAL: " + Format(total_));
  }

  int disagreements() const { return total_.total - total_.agreed; }
  int total() const { return total_.total; }
  const std::string& failures() const { return failures_; }

 private:
  struct Counts {
    int agreed = 0;
    int total = 0;
  };
  static std::string Format(const Counts& counts) {
    return std::to_string(counts.agreed) + "/" + std::to_string(counts.total);
  }

  std::map<std::string, Counts> by_category_;
  Counts total_;
  int listed_ = 0;
  std::string failures_;
};

// compose-go's Variable has plain strings, so an absent default and an empty one look alike.
json VariablesJson(const std::vector<TemplateVariable>& variables) {
  json out = json::array();
  for (const TemplateVariable& v : variables) {
    out.push_back({{"name", v.name},
                   {"default", v.default_value.value_or("")},
                   {"presence_value", v.presence_value.value_or("")},
                   {"required", v.required}});
  }
  return out;
}

TEST(ComposeInterpolationConformanceTest, InterpolationJsonl) {
  const std::vector<std::string> lines =
      testing::ReadLines(testing::CorpusPath("compose/interpolation.jsonl"));
  Tally results;
  Tally variables_tally;
  Tally warnings_tally;
  for (const std::string& line : lines) {
    const json c = json::parse(line);
    const std::string id = c.at("id").get<std::string>();
    const std::string source = c.at("source").get<std::string>();
    const std::string tmpl = c.at("template").get<std::string>();
    const auto env = c.at("env").get<std::map<std::string, std::string>>();
    const VariableLookup lookup = [&env](std::string_view name) -> std::optional<std::string> {
      auto it = env.find(std::string(name));
      if (it == env.end()) return std::nullopt;
      return it->second;
    };

    std::vector<std::string> warnings;
    const Result<std::string> got = Substitute(tmpl, lookup, &warnings);
    const json got_json = got.ok() ? json{{"expected", got.value()}}
                                   : json{{"error", got.error().message}};
    const json want_json = c.contains("error") ? json{{"error", c.at("error")}}
                                               : json{{"expected", c.at("expected")}};
    std::string disagreement;
    if (got_json != want_json) {
      disagreement = id + ": template " + Show(tmpl) + " env " + Show(c.at("env")) +
                     "\n  expected: " + Show(want_json) + "\n  got:      " + Show(got_json);
    }
    results.Add(source, disagreement);

    const json got_variables = VariablesJson(ExtractVariables(tmpl));
    disagreement.clear();
    if (got_variables != c.at("variables")) {
      disagreement = id + ": variables of " + Show(tmpl) + "\n  expected: " +
                     Show(c.at("variables")) + "\n  got:      " + Show(got_variables);
    }
    variables_tally.Add(source, disagreement);

    disagreement.clear();
    if (json(warnings) != c.at("warnings")) {
      disagreement = id + ": warnings of " + Show(tmpl) + "\n  expected: " +
                     Show(c.at("warnings")) + "\n  got:      " + Show(json(warnings));
    }
    warnings_tally.Add(source, disagreement);
  }
  results.Report("compose interpolation.jsonl");
  variables_tally.Report("compose interpolation.jsonl variables", /*per_category=*/false);
  warnings_tally.Report("compose interpolation.jsonl warnings", /*per_category=*/false);
  EXPECT_EQ(results.total(), 1412);
  EXPECT_EQ(results.disagreements(), 0) << results.failures();
  EXPECT_EQ(variables_tally.disagreements(), 0) << variables_tally.failures();
  EXPECT_EQ(warnings_tally.disagreements(), 0) << warnings_tally.failures();
}

}  // namespace
}  // namespace drydock::project
