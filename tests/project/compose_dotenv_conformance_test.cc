// Conformance of ParseDotEnv with compose-go's dotenv.GetEnvFromFile, over the oracle corpus
// shared/corpus/compose/dotenv.jsonl: the variables the file defines (or the exact error text)
// and the warnings logged. Prints agreement counts per source and fails listing the first
// disagreements.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "project/dotenv.h"
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

TEST(ComposeDotEnvConformanceTest, DotEnvJsonl) {
  const std::vector<std::string> lines =
      testing::ReadLines(testing::CorpusPath("compose/dotenv.jsonl"));
  Tally results;
  Tally warnings_tally;
  for (const std::string& line : lines) {
    const json c = json::parse(line);
    const std::string id = c.at("id").get<std::string>();
    // The fourteen upstream fixture files are one category, not fourteen.
    std::string source = c.at("source").get<std::string>();
    constexpr std::string_view kFixtures = "upstream:dotenv/fixtures";
    if (source.rfind(kFixtures, 0) == 0) source = kFixtures;
    const std::string text = c.at("dotenv").get<std::string>();
    const auto env = c.at("env").get<std::map<std::string, std::string>>();
    const VariableLookup lookup = [&env](std::string_view name) -> std::optional<std::string> {
      auto it = env.find(std::string(name));
      if (it == env.end()) return std::nullopt;
      return it->second;
    };

    std::vector<std::string> warnings;
    const auto got = ParseDotEnv(text, "<DIR>/.env", lookup, &warnings);
    // The oracle's `expected` is a Go map (JSON keys sorted); ours is in file order, so the
    // comparison is of the sets of definitions, plus a check that no key is listed twice.
    json got_json;
    if (got.ok()) {
      json defined = json::object();
      bool duplicate = false;
      for (const auto& [key, value] : got.value()) {
        duplicate = duplicate || defined.contains(key);
        defined[key] = value;
      }
      got_json = duplicate ? json{{"duplicate keys", Show(json(got.value()))}}
                           : json{{"expected", defined}};
    } else {
      got_json = {{"error", got.error().message}};
    }
    const json want_json = c.contains("error") ? json{{"error", c.at("error")}}
                                               : json{{"expected", c.at("expected")}};
    std::string disagreement;
    if (got_json != want_json) {
      disagreement = id + ": dotenv " + Show(text) + " env " + Show(c.at("env")) +
                     "\n  expected: " + Show(want_json) + "\n  got:      " + Show(got_json);
    }
    results.Add(source, disagreement);

    disagreement.clear();
    if (json(warnings) != c.at("warnings")) {
      disagreement = id + ": warnings of " + Show(text) + "\n  expected: " +
                     Show(c.at("warnings")) + "\n  got:      " + Show(json(warnings));
    }
    warnings_tally.Add(source, disagreement);
  }
  results.Report("compose dotenv.jsonl");
  warnings_tally.Report("compose dotenv.jsonl warnings", /*per_category=*/false);
  EXPECT_EQ(results.total(), 806);
  EXPECT_EQ(results.disagreements(), 0) << results.failures();
  EXPECT_EQ(warnings_tally.disagreements(), 0) << warnings_tally.failures();
}

}  // namespace
}  // namespace drydock::project
