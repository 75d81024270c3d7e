// Conformance of the word expander with BuildKit's shell lexer: BuildKit's own test data
// (shared/corpus/buildkit-shell) and the differential oracle (buildkit-oracle/shell.jsonl).
// Each test prints its agreement counts and fails listing the first disagreements.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/go_text.h"
#include "dockerfile/word_expander.h"
#include "testing/corpus.h"

namespace drydock::dockerfile {
namespace {

using nlohmann::json;

constexpr int kMaxListed = 20;

// A JSON rendering that survives invalid UTF-8 and shows control characters.
std::string Show(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string ShowResult(const Result<std::vector<std::string>>& result) {
  return result.ok() ? Show(result.value()) : "error " + Show(result.error().message);
}

std::vector<std::string_view> SplitString(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  while (true) {
    size_t at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

// Agreement counts and the first disagreements of one corpus.
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

  // Reports "<prefix> <category>: agreed/total" per category (or just "<prefix>: ..." for a
  // single unnamed category) and a TOTAL line when there are several.
  void Report(const std::string& prefix) const {
    if (by_category_.size() == 1 && by_category_.begin()->first.empty()) {
      testing::ReportCount(prefix + ": " + Format(total_));
      return;
    }
    for (const auto& [category, counts] : by_category_) {
      testing::ReportCount(prefix + " " + category + ": " + Format(counts));
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

TEST(BuildkitShellTest, EnvVarTest) {
  const std::string text = testing::ReadFileOrDie(testing::CorpusPath("buildkit-shell/envVarTest"));
  const ExpansionEnv env =
      ExpansionEnv::FromList({"PWD=/home", "SHELL=bash", "KOREAN=한국어", "NULL="});
  Tally tally;
  int line_number = 0;
  for (std::string_view line : SplitString(text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.substr(0, 1) == "#") continue;
    line = TrimGoSpace(line);
    if (line.empty()) continue;
    std::vector<std::string_view> fields = SplitString(line, '|');
    ASSERT_EQ(fields.size(), 3u) << "envVarTest line " << line_number;
    const std::string_view platform = TrimGoSpace(fields[0]);
    if (platform != "A" && platform != "U") continue;
    const std::string input(TrimGoSpace(fields[1]));
    const std::string expected(TrimGoSpace(fields[2]));

    Result<ExpandedWord> got = ExpandWord(input, env);
    std::string disagreement;
    if (expected == "error" ? got.ok() : !got.ok() || got->value != expected) {
      disagreement = "line " + std::to_string(line_number) + ": input " + Show(input) +
                     "\n  expected: " + Show(expected) + "\n  got:      " +
                     (got.ok() ? Show(got->value) : "error " + Show(got.error().message));
    }
    tally.Add("", disagreement);
  }
  tally.Report("buildkit-shell envVarTest");
  EXPECT_GT(tally.total(), 0);
  EXPECT_EQ(tally.disagreements(), 0) << tally.failures();
}

TEST(BuildkitShellTest, WordsTest) {
  const std::string text = testing::ReadFileOrDie(testing::CorpusPath("buildkit-shell/wordsTest"));
  std::vector<std::string> env_entries;
  Tally tally;
  int line_number = 0;
  for (std::string_view line : SplitString(text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;  // Only after the final newline.
    if (line.substr(0, 1) == "#") continue;
    if (line.substr(0, 4) == "ENV ") {
      std::string_view entry = line.substr(3);
      entry.remove_prefix(std::min(entry.find_first_not_of(' '), entry.size()));
      env_entries.emplace_back(entry);
      continue;
    }
    std::vector<std::string_view> fields = SplitString(line, '|');
    ASSERT_EQ(fields.size(), 2u) << "wordsTest line " << line_number;
    const std::string input(TrimGoSpace(fields[0]));
    std::string_view expected_field = fields[1];
    expected_field.remove_prefix(
        std::min(expected_field.find_first_not_of(' '), expected_field.size()));
    std::vector<std::string> expected;
    for (std::string_view word : SplitString(expected_field, ',')) expected.emplace_back(word);

    Result<std::vector<std::string>> got = ExpandWords(input, ExpansionEnv::FromList(env_entries));
    const std::vector<std::string> got_words =
        got.ok() ? got.value() : std::vector<std::string>{"error"};
    std::string disagreement;
    if (got_words != expected) {
      disagreement = "line " + std::to_string(line_number) + ": input " + Show(input) +
                     "\n  expected: " + Show(expected) + "\n  got:      " + ShowResult(got);
    }
    tally.Add("", disagreement);
  }
  tally.Report("buildkit-shell wordsTest");
  EXPECT_GT(tally.total(), 0);
  EXPECT_EQ(tally.disagreements(), 0) << tally.failures();
}

// Returns "" when the expander agrees with BuildKit on the case, else what differs.
std::string CompareOracleCase(const json& c) {
  const ExpansionEnv env = ExpansionEnv::FromList(c["env"].get<std::vector<std::string>>());
  ExpandOptions options;
  options.escape = c["escape"].get<std::string>().at(0);
  const json& flags = c["options"];
  options.skip_unset_env = flags.value("skip_unset_env", false);
  options.raw_quotes = flags.value("raw_quotes", false);
  options.raw_escapes = flags.value("raw_escapes", false);
  options.skip_process_quotes = flags.value("skip_process_quotes", false);
  const std::string input = c["input"].get<std::string>();
  const bool want_error = c.contains("error");

  if (c["mode"] == "word") {
    Result<ExpandedWord> got = ExpandWord(input, env, options);
    if (want_error) {
      if (got.ok()) return "accepted as " + Show(got->value);
      if (got.error().message != c["error"].get<std::string>()) {
        return "error " + Show(got.error().message);
      }
      return "";
    }
    if (!got.ok()) return "error " + Show(got.error().message);
    if (got->value != c["expected"].get<std::string>()) return Show(got->value);
    const auto names = [&c](const char* key) {
      return c.contains(key) ? c[key].get<std::vector<std::string>>() : std::vector<std::string>();
    };
    if (got->matched != names("matched")) return "matched " + Show(got->matched);
    if (got->unmatched != names("unmatched")) return "unmatched " + Show(got->unmatched);
    return "";
  }

  Result<std::vector<std::string>> got = ExpandWords(input, env, options);
  if (want_error) {
    if (got.ok()) return "accepted as " + Show(got.value());
    if (got.error().message != c["error"].get<std::string>()) {
      return "error " + Show(got.error().message);
    }
    return "";
  }
  if (!got.ok()) return "error " + Show(got.error().message);
  if (got.value() != c["expected"].get<std::vector<std::string>>()) return Show(got.value());
  return "";
}

TEST(BuildkitShellTest, OracleShellJsonl) {
  Tally tally;
  for (const std::string& line :
       testing::ReadLines(testing::CorpusPath("buildkit-oracle/shell.jsonl"))) {
    const json c = json::parse(line);
    std::string difference = CompareOracleCase(c);
    if (!difference.empty()) {
      json want = json::object();
      for (const char* key : {"expected", "error", "matched", "unmatched"}) {
        if (c.contains(key)) want[key] = c[key];
      }
      difference = c["name"].get<std::string>() + " (" + c["mode"].get<std::string>() +
                   ", escape " + c["escape"].get<std::string>() + ", options " +
                   Show(c["options"]) + "): input " + Show(c["input"]) +
                   "\n  expected: " + Show(want) + "\n  got:      " + difference;
    }
    tally.Add(c["category"].get<std::string>(), difference);
  }
  tally.Report("buildkit-oracle shell.jsonl");
  EXPECT_EQ(tally.total(), 6908);
  EXPECT_EQ(tally.disagreements(), 0) << tally.failures();
}

}  // namespace
}  // namespace drydock::dockerfile
