// Conformance with pypa/packaging's own test-suite vectors (shared/corpus/packaging-vectors.json,
// sections as its meta.conventions describe): every case must agree. Prints counts per section.
#include <gtest/gtest.h>

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

std::string ContainsCase(const json& c) {
  std::string spec = c["spec"].get<std::string>();
  std::string version = c["version"].get<std::string>();
  bool expected = c["expected"].get<bool>();
  bool parsed_object = c.value("version_passed_as_parsed_object", false);
  bool got;
  if (c["kind"] == "Specifier") {
    auto s = Specifier::Parse(spec, OptBool(c, "spec_prereleases"));
    if (!s.ok()) return "spec did not parse: " + s.error().message;
    if (parsed_object) {
      auto v = Version::Parse(version);
      if (!v.ok()) return v.error().message;
      got = s->Contains(*v, OptBool(c, "call_prereleases"));
    } else {
      got = s->Contains(std::string_view(version), OptBool(c, "call_prereleases"));
    }
  } else {
    auto s = SpecifierSet::Parse(spec, OptBool(c, "spec_prereleases"));
    if (!s.ok()) return "spec did not parse: " + s.error().message;
    bool installed = OptBool(c, "installed").value_or(false);
    if (parsed_object) {
      auto v = Version::Parse(version);
      if (!v.ok()) return v.error().message;
      got = s->Contains(*v, OptBool(c, "call_prereleases"), installed);
    } else {
      got = s->Contains(std::string_view(version), OptBool(c, "call_prereleases"), installed);
    }
  }
  return got == expected ? "" : ShowJson(c) + " got " + (got ? "true" : "false");
}

std::string FilterCase(const json& c) {
  std::vector<std::string> input = c["input"].get<std::vector<std::string>>();
  std::vector<std::string> got;
  std::string spec = c["spec"].get<std::string>();
  if (c["kind"] == "Specifier") {
    auto s = Specifier::Parse(spec, OptBool(c, "spec_prereleases"));
    if (!s.ok()) return s.error().message;
    got = s->Filter(input, OptBool(c, "call_prereleases"));
  } else {
    auto s = SpecifierSet::Parse(spec, OptBool(c, "spec_prereleases"));
    if (!s.ok()) return s.error().message;
    got = s->Filter(input, OptBool(c, "call_prereleases"));
  }
  return json(got) == c["expected"] ? "" : ShowJson(c) + " got " + ShowJson(json(got));
}

std::string EvaluateCase(const json& c) {
  auto m = Marker::Parse(c["marker"].get<std::string>());
  if (!m.ok()) return ShowJson(c) + " " + m.error().message;
  MarkerErrorKind kind;
  auto r = m->Evaluate(EnvironmentFromJson(c["environment"]), ContextFromJson(c), &kind);
  json got = r.ok() ? json(*r) : json("error:" + ErrorName(kind));
  return got == c["expected"] ? "" : ShowJson(c) + " got " + ShowJson(got);
}

TEST(PackagingVectorsConformanceTest, EveryCaseAgrees) {
  json d = json::parse(testing::ReadFileOrDie(testing::CorpusPath("packaging-vectors.json")));
  PepTally tally;
  const json& versions = d["versions"];
  for (const json& v : versions["valid"]) {
    auto r = Version::Parse(v.get<std::string>());
    tally.Add("versions.valid", r.ok() ? "" : r.error().message);
  }
  for (const json& v : versions["invalid"]) {
    auto r = Version::Parse(v.get<std::string>());
    tally.Add("versions.invalid", r.ok() ? "accepted " + ShowJson(v) : "");
  }
  for (const json& c : versions["normalize"]) {
    auto r = Version::Parse(c["input"].get<std::string>());
    std::string got = r.ok() ? r->ToString() : r.error().message;
    tally.Add("versions.normalize", got == c["normalized"] ? "" : ShowJson(c) + " got " + got);
  }
  for (const json& c : versions["str"]) {
    auto r = Version::Parse(c["input"].get<std::string>());
    std::string got = r.ok() ? r->ToString() : r.error().message;
    tally.Add("versions.str", got == c["str"] ? "" : ShowJson(c) + " got " + got);
  }
  for (const json& c : versions["components"]) {
    auto r = Version::Parse(c["input"].get<std::string>());
    tally.Add("versions.components",
              r.ok() ? (CompareComponents(*r, c).empty() ? "" : ShowJson(c["input"]) + " " + CompareComponents(*r, c))
                     : r.error().message);
  }
  {
    std::vector<Version> list;
    for (const json& v : versions["ordering"]) list.push_back(*Version::Parse(v.get<std::string>()));
    // One case per element: it equals itself and is below every later element (all operators).
    for (size_t i = 0; i < list.size(); ++i) {
      std::string bad;
      if (!(list[i] == list[i]) || list[i] != list[i]) bad = "not equal to itself";
      for (size_t j = i + 1; j < list.size() && bad.empty(); ++j) {
        const Version& a = list[i];
        const Version& b = list[j];
        if (!(a < b && a <= b && a != b && b > a && b >= a && !(a == b))) {
          bad = a.ToString() + " vs " + b.ToString();
        }
      }
      tally.Add("versions.ordering", bad);
    }
  }

  const json& specifiers = d["specifiers"];
  for (const json& v : specifiers["valid"]) {
    auto r = Specifier::Parse(v.get<std::string>());
    tally.Add("specifiers.valid", r.ok() ? "" : r.error().message);
  }
  for (const json& v : specifiers["invalid"]) {
    auto r = Specifier::Parse(v.get<std::string>());
    tally.Add("specifiers.invalid", r.ok() ? "accepted " + ShowJson(v) : "");
  }
  for (const json& c : specifiers["str"]) {
    std::string input = c["input"].get<std::string>();
    std::string got;
    if (c["kind"] == "Specifier") {
      auto r = Specifier::Parse(input);
      got = r.ok() ? r->ToString() : r.error().message;
    } else {
      auto r = SpecifierSet::Parse(input);
      got = r.ok() ? r->ToString() : r.error().message;
    }
    tally.Add("specifiers.str", got == c["str"] ? "" : ShowJson(c) + " got " + got);
  }
  for (const json& c : specifiers["implicit_prereleases"]) {
    auto r = Specifier::Parse(c["spec"].get<std::string>());
    bool got = r.ok() && r->prereleases();
    tally.Add("specifiers.implicit_prereleases",
              got == c["implicit_prereleases"].get<bool>() ? "" : ShowJson(c));
  }
  for (const json& c : specifiers["contains"]) tally.Add("specifiers.contains", ContainsCase(c));
  for (const json& c : specifiers["filter"]) tally.Add("specifiers.filter", FilterCase(c));
  for (const json& c : specifiers["combine"]) {
    auto a = SpecifierSet::Parse(c["left"].get<std::string>());
    auto b = SpecifierSet::Parse(c["right"].get<std::string>());
    std::string got = "parse failed";
    if (a.ok() && b.ok()) {
      auto s = SpecifierSet::Combine(*a, *b);
      got = s.ok() ? s->ToString() : s.error().message;
    }
    // packaging's str() sorts clauses; the vector states the sorted form as expected.
    auto want = SpecifierSet::Parse(c["expected"].get<std::string>());
    tally.Add("specifiers.combine", want.ok() && got == want->ToString() ? "" : ShowJson(c) + " got " + got);
  }

  const json& markers = d["markers"];
  for (const char* section : {"parse_valid", "parse_valid_legacy"}) {
    for (const json& v : markers[section]) {
      auto r = Marker::Parse(v.get<std::string>());
      tally.Add(std::string("markers.") + section, r.ok() ? "" : r.error().message);
    }
  }
  for (const json& v : markers["parse_invalid"]) {
    auto r = Marker::Parse(v.get<std::string>());
    tally.Add("markers.parse_invalid", r.ok() ? "accepted " + ShowJson(v) : "");
  }
  for (const json& c : markers["evaluate"]) tally.Add("markers.evaluate", EvaluateCase(c));
  for (const json& c : markers["evaluate_supplementary"]) {
    tally.Add("markers.evaluate_supplementary", EvaluateCase(c));
  }

  const json& requirements = d["requirements"];
  for (const json& c : requirements["valid"]) {
    auto r = Requirement::Parse(c["input"].get<std::string>());
    if (!r.ok()) {
      tally.Add("requirements.valid", ShowJson(c) + " " + r.error().message);
      continue;
    }
    json got = {{"name", r->name()},
                {"extras", r->extras()},
                {"url", r->url() ? json(*r->url()) : json()},
                {"specifier", r->specifier().ToString()},
                {"marker", r->marker() ? json(r->marker()->ToString()) : json()}};
    std::string bad;
    for (const char* key : {"name", "extras", "url", "specifier", "marker"}) {
      if (got[key] != c[key]) bad += std::string(key) + " got " + ShowJson(got[key]) + "; ";
    }
    tally.Add("requirements.valid", bad.empty() ? "" : ShowJson(c) + " " + bad);
  }
  for (const json& c : requirements["invalid"]) {
    auto r = Requirement::Parse(c["input"].get<std::string>());
    tally.Add("requirements.invalid", r.ok() ? "accepted " + ShowJson(c["input"]) : "");
  }
  for (const json& c : requirements["normalized_str"]) {
    auto r = Requirement::Parse(c["input"].get<std::string>());
    std::string got = r.ok() ? r->ToString() : r.error().message;
    tally.Add("requirements.normalized_str", got == c["str"] ? "" : ShowJson(c) + " got " + got);
  }

  tally.Report("packaging-vectors.json");
  EXPECT_EQ(tally.disagreements(), 0) << tally.failures();
}

}  // namespace
}  // namespace drydock::pyenv
