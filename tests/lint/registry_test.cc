// The registry, the rule test files and the rule docs agree: no rule without all four
// artefacts, no artefact without a rule, and the table is sorted.
#include <filesystem>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "lint/registry.h"
#include "testing/corpus.h"

namespace drydock::lint {
namespace {

namespace fs = std::filesystem;

std::set<std::string> Stems(const std::string& dir, const std::string& extension) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(testing::SourcePath(dir))) {
    if (e.path().extension() == extension) out.insert(e.path().stem().string());
  }
  return out;
}

std::string Underscored(std::string_view slug) {
  std::string out(slug);
  for (char& c : out) c = c == '-' ? '_' : c;
  return out;
}

TEST(Registry, SortedUniqueAndWellFormed) {
  const std::vector<RuleInfo>& rules = AllRules();
  ASSERT_FALSE(rules.empty());
  std::set<std::string_view> slugs;
  for (size_t i = 0; i < rules.size(); ++i) {
    EXPECT_EQ(rules[i].id.size(), 6u) << rules[i].id;
    EXPECT_EQ(rules[i].id.substr(0, 2), "DD");
    if (i > 0) {
      EXPECT_LT(rules[i - 1].id, rules[i].id) << "registry.cc must stay sorted by ID";
    }
    EXPECT_TRUE(slugs.insert(rules[i].slug).second) << rules[i].slug;
    EXPECT_NE(rules[i].make(), nullptr);
    EXPECT_EQ(FindRule(rules[i].id), &rules[i]);
    EXPECT_EQ(FindRule(rules[i].slug), &rules[i]);
  }
  EXPECT_EQ(SuggestRule("sudo-in-rn"), "sudo-in-run");
}

TEST(Registry, EveryRuleHasItsSourceTestFileAndDoc) {
  std::set<std::string> sources = Stems("src/lint/rules", ".cc");
  std::set<std::string> tests = Stems("tests/lint/rules", ".Dockerfile");
  std::set<std::string> docs = Stems("docs/rules", ".md");
  std::set<std::string> slugs;
  for (const RuleInfo& rule : AllRules()) {
    std::string slug(rule.slug);
    slugs.insert(slug);
    EXPECT_TRUE(sources.count(Underscored(slug))) << "missing src/lint/rules/" << Underscored(slug) << ".cc";
    EXPECT_TRUE(tests.count(slug)) << "missing tests/lint/rules/" << slug << ".Dockerfile";
    EXPECT_TRUE(docs.count(slug)) << "missing docs/rules/" << slug << ".md";
    std::string doc = testing::ReadFileOrDie(testing::SourcePath("docs/rules/" + slug + ".md"));
    EXPECT_EQ(doc.rfind("# " + std::string(rule.id) + " " + slug + "\n", 0), 0u)
        << "docs/rules/" << slug << ".md must start with '# " << rule.id << " " << slug << "'";
  }
  for (const std::string& t : tests) EXPECT_TRUE(slugs.count(t)) << "test file for no rule: " << t;
  for (const std::string& d : docs) EXPECT_TRUE(slugs.count(d)) << "doc page for no rule: " << d;
  sources.erase("rules");
  for (const std::string& s : sources) {
    std::string slug = s;
    for (char& c : slug) c = c == '_' ? '-' : c;
    EXPECT_TRUE(slugs.count(slug)) << "rule source for no registry line: " << s;
  }
}

}  // namespace
}  // namespace drydock::lint
