// Differential conformance with pypa/packaging 26.4 over shared/corpus/pep440-oracle (about
// 90,000 cases it answered itself; see that folder's README). Every case must agree; the test
// prints counts per file and category.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pep_tally.h"
#include "pyenv/canonical_name.h"
#include "pyenv/marker.h"
#include "pyenv/requirement.h"
#include "pyenv/specifier.h"
#include "pyenv/version.h"
#include "testing/corpus.h"

namespace drydock::pyenv {
namespace {

using nlohmann::json;

std::vector<json> Lines(const std::string& file) {
  std::vector<json> out;
  for (const std::string& line : testing::ReadLines(testing::CorpusPath("pep440-oracle/" + file))) {
    out.push_back(json::parse(line));
  }
  return out;
}

std::string Category(const json& c) { return c.value("category", std::string("-")); }

void Finish(const PepTally& tally, const std::string& file) {
  tally.Report("pep440-oracle/" + file);
  EXPECT_EQ(tally.disagreements(), 0) << tally.failures();
}

TEST(Pep440OracleConformanceTest, Versions) {
  PepTally tally;
  for (const json& c : Lines("versions.jsonl")) {
    auto r = Version::Parse(c["input"].get<std::string>());
    std::string bad;
    if (r.ok() != c["valid"].get<bool>()) {
      bad = ShowJson(c["input"]) + (r.ok() ? " accepted" : " rejected: " + r.error().message);
    } else if (r.ok()) {
      std::string diff = CompareComponents(*r, c);
      if (!diff.empty()) bad = ShowJson(c["input"]) + " " + diff;
    }
    tally.Add(Category(c), bad);
  }
  Finish(tally, "versions.jsonl");
}

TEST(Pep440OracleConformanceTest, Comparisons) {
  PepTally tally;
  for (const json& c : Lines("comparisons.jsonl")) {
    auto a = Version::Parse(c["a"].get<std::string>());
    auto b = Version::Parse(c["b"].get<std::string>());
    std::string bad;
    if (!a.ok() || !b.ok()) {
      bad = "unparsable " + ShowJson(c);
    } else {
      auto order = *a <=> *b;
      int cmp = order < 0 ? -1 : order > 0 ? 1 : 0;
      if ((*a < *b) != c["lt"].get<bool>() || (*a == *b) != c["eq"].get<bool>() ||
          cmp != c["cmp"].get<int>()) {
        bad = ShowJson(c) + " got cmp " + std::to_string(cmp);
      } else if (*a == *b && a->Hash() != b->Hash()) {
        bad = ShowJson(c) + " equal but hashed differently";
      }
    }
    tally.Add(Category(c), bad);
  }
  Finish(tally, "comparisons.jsonl");
}

TEST(Pep440OracleConformanceTest, SortLists) {
  PepTally tally;
  for (const json& c : Lines("sort_lists.jsonl")) {
    std::vector<std::string> input = c["input"].get<std::vector<std::string>>();
    std::vector<std::pair<Version, std::string>> items;
    for (const std::string& s : input) items.emplace_back(*Version::Parse(s), s);
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::string> sorted;
    for (const auto& item : items) sorted.push_back(item.second);
    std::string bad;
    if (json(sorted) != c["sorted"]) bad += "sorted " + ShowJson(json(sorted)) + "; ";
    // max(): the first maximal element in input order.
    size_t best = 0;
    for (size_t i = 1; i < input.size(); ++i) {
      if (*Version::Parse(input[i]) > *Version::Parse(input[best])) best = i;
    }
    if (input.empty() ? !c["max"].is_null() : json(input[best]) != c["max"]) bad += "max " + input[best] + "; ";
    // distinct_sorted: compared as versions (which spelling survives is Python set behaviour).
    std::vector<Version> distinct;
    for (const auto& item : items) {
      if (distinct.empty() || !(distinct.back() == item.first)) distinct.push_back(item.first);
    }
    const json& want = c["distinct_sorted"];
    bool same = want.size() == distinct.size();
    for (size_t i = 0; same && i < distinct.size(); ++i) {
      same = *Version::Parse(want[i].get<std::string>()) == distinct[i];
    }
    if (!same) bad += "distinct_sorted differs; ";
    tally.Add(Category(c), bad.empty() ? "" : ShowJson(c["input"]) + " " + bad);
  }
  Finish(tally, "sort_lists.jsonl");
}

TEST(Pep440OracleConformanceTest, SpecifierParse) {
  PepTally tally;
  for (const json& c : Lines("specifier_parse.jsonl")) {
    auto r = SpecifierSet::Parse(c["input"].get<std::string>());
    std::string bad;
    if (r.ok() != c["valid"].get<bool>()) {
      bad = ShowJson(c["input"]) + (r.ok() ? " accepted as " + r->ToString() : " rejected: " + r.error().message);
    } else if (r.ok()) {
      json clauses = json::array();
      for (const Specifier& s : r->CanonicalSpecifiers()) {
        clauses.push_back({std::string(SpecifierOperatorString(s.op())), s.version_text()});
      }
      json prereleases = r->prereleases() ? json(*r->prereleases()) : json();
      if (r->ToString() != c["str"] || clauses != c["clauses"] || prereleases != c["prereleases"]) {
        bad = ShowJson(c) + " got " + r->ToString() + " " + ShowJson(clauses) + " " + ShowJson(prereleases);
      }
    }
    tally.Add(Category(c), bad);
  }
  Finish(tally, "specifier_parse.jsonl");
}

TEST(Pep440OracleConformanceTest, SpecifierContains) {
  PepTally tally;
  for (const json& c : Lines("specifier_contains.jsonl")) {
    std::string spec = c["spec"].get<std::string>();
    std::string version = c["version"].get<std::string>();
    bool got = false;
    std::string bad;
    if (c["kind"] == "Specifier") {
      auto s = Specifier::Parse(spec, OptBool(c, "spec_prereleases"));
      if (!s.ok()) bad = s.error().message;
      else got = s->Contains(std::string_view(version), OptBool(c, "call_prereleases"));
    } else {
      auto s = SpecifierSet::Parse(spec, OptBool(c, "spec_prereleases"));
      if (!s.ok()) bad = s.error().message;
      else got = s->Contains(std::string_view(version), OptBool(c, "call_prereleases"),
                             OptBool(c, "installed").value_or(false));
    }
    if (bad.empty() && got != c["expected"].get<bool>()) bad = ShowJson(c);
    tally.Add(Category(c), bad);
  }
  Finish(tally, "specifier_contains.jsonl");
}

TEST(Pep440OracleConformanceTest, SpecifierFilter) {
  PepTally tally;
  for (const json& c : Lines("specifier_filter.jsonl")) {
    auto s = SpecifierSet::Parse(c["spec"].get<std::string>(), OptBool(c, "spec_prereleases"));
    std::string bad;
    if (!s.ok()) {
      bad = s.error().message;
    } else {
      auto got = s->Filter(c["input"].get<std::vector<std::string>>(), OptBool(c, "call_prereleases"));
      if (json(got) != c["expected"]) bad = ShowJson(c) + " got " + ShowJson(json(got));
    }
    tally.Add(Category(c), bad);
  }
  Finish(tally, "specifier_filter.jsonl");
}

TEST(Pep440OracleConformanceTest, MarkerParse) {
  PepTally tally;
  for (const json& c : Lines("marker_parse.jsonl")) {
    auto r = Marker::Parse(c["input"].get<std::string>());
    std::string bad;
    if (r.ok() != c["valid"].get<bool>()) {
      bad = ShowJson(c["input"]) + (r.ok() ? " accepted as " + r->ToString() : " rejected: " + r.error().message);
    } else if (r.ok() && r->ToString() != c["str"]) {
      bad = ShowJson(c) + " got " + r->ToString();
    }
    tally.Add(Category(c), bad);
  }
  Finish(tally, "marker_parse.jsonl");
}

TEST(Pep440OracleConformanceTest, MarkerEvaluate) {
  json environments = json::parse(testing::ReadFileOrDie(
      testing::CorpusPath("pep440-oracle/marker_environments.json")));
  PepTally tally;
  for (const json& c : Lines("markers.jsonl")) {
    json env = environments[c["environment_name"].get<std::string>()];
    for (const auto& [key, value] : c["overrides"].items()) env[key] = value;
    auto m = Marker::Parse(c["marker"].get<std::string>());
    std::string bad;
    if (!m.ok()) {
      bad = m.error().message;
    } else {
      MarkerErrorKind kind;
      auto r = m->Evaluate(EnvironmentFromJson(env), ContextFromJson(c), &kind);
      bool agree = r.ok() ? (c["expected"].is_boolean() && *r == c["expected"].get<bool>())
                          : (c.contains("error") && c["error"] == ErrorName(kind));
      if (!agree) {
        bad = ShowJson(c) + " got " + (r.ok() ? (*r ? "true" : "false") : ErrorName(kind) + ": " + r.error().message);
      }
    }
    tally.Add(Category(c), bad);
  }
  Finish(tally, "markers.jsonl");
}

TEST(Pep440OracleConformanceTest, Requirements) {
  PepTally tally;
  for (const json& c : Lines("requirements.jsonl")) {
    auto r = Requirement::Parse(c["input"].get<std::string>());
    std::string bad;
    if (r.ok() != c["valid"].get<bool>()) {
      bad = ShowJson(c["input"]) + (r.ok() ? " accepted as " + r->ToString() : " rejected: " + r.error().message);
    } else if (r.ok()) {
      json got = {{"name", r->name()},
                  {"canonical_name", r->canonical_name()},
                  {"extras", r->extras()},
                  {"url", r->url() ? json(*r->url()) : json()},
                  {"specifier", r->specifier().ToString()},
                  {"marker", r->marker() ? json(r->marker()->ToString()) : json()},
                  {"str", r->ToString()}};
      for (const auto& [key, value] : got.items()) {
        if (value != c[key]) bad += key + " got " + ShowJson(value) + "; ";
      }
      if (!bad.empty()) bad = ShowJson(c) + " " + bad;
    }
    tally.Add(Category(c), bad);
  }
  Finish(tally, "requirements.jsonl");
}

TEST(Pep440OracleConformanceTest, CanonicalizeName) {
  PepTally tally;
  for (const json& c : Lines("canonicalize_name.jsonl")) {
    std::string input = c["input"].get<std::string>();
    std::string bad;
    if (CanonicalizeName(input) != c["canonical"]) bad += "canonical " + CanonicalizeName(input) + "; ";
    if (IsNormalizedName(input) != c["is_normalized"].get<bool>()) bad += "is_normalized; ";
    if (IsValidName(input) != c["valid_name"].get<bool>()) bad += "valid_name; ";
    tally.Add(Category(c), bad.empty() ? "" : ShowJson(c) + " " + bad);
  }
  Finish(tally, "canonicalize_name.jsonl");
}

}  // namespace
}  // namespace drydock::pyenv
