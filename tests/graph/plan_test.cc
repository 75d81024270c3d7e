#include "graph/plan.h"

#include <gtest/gtest.h>

#include "graph/graph_fixture.h"

namespace drydock::graph {
namespace {

std::vector<std::vector<std::string>> PhaseNames(const BuildGraph& g, const Plan& p) {
  std::vector<std::vector<std::string>> out;
  for (const auto& phase : p.phases) {
    out.emplace_back();
    for (size_t n : phase) out.back().push_back(g.nodes()[n].target->name);
  }
  return out;
}

std::vector<std::string> Names(const BuildGraph& g, const std::vector<size_t>& nodes) {
  std::vector<std::string> out;
  for (size_t n : nodes) out.push_back(g.nodes()[n].target->name);
  return out;
}

// base-cpu → base-cuda → base-ml → {asr, vad}; base-cpu → {mux, asr-cpu}.
void AddFamily(GraphFixture& f) {
  f.Add("base-cpu", "FROM debian\n", {"base-cpu"});
  f.Add("base-cuda", "FROM base-cpu\n", {"base-cuda"});
  f.Add("base-ml", "FROM base-cuda\n", {"base-ml"});
  f.Add("asr", "FROM base-ml\n", {"asr"});
  f.Add("vad", "FROM base-ml\n", {"vad"});
  f.Add("mux", "FROM base-cpu\n", {"mux"});
  f.Add("asr-cpu", "FROM base-cpu\n", {"asr-cpu"}).profiles = {"cpu"};
}

TEST(Plan, PhasesAndCriticalPath) {
  GraphFixture f;
  AddFamily(f);
  f.project().default_targets = {"asr", "mux", "vad"};
  Result<BuildGraph> g = f.Build();
  ASSERT_TRUE(g.ok()) << f.Diagnostics();
  Result<Plan> p = MakePlan(*g, {});
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(PhaseNames(*g, *p), (std::vector<std::vector<std::string>>{
                                    {"base-cpu"}, {"base-cuda", "mux"}, {"base-ml"}, {"asr", "vad"}}));
  EXPECT_EQ(Names(*g, p->critical_path),
            (std::vector<std::string>{"base-cpu", "base-cuda", "base-ml", "asr"}));
  EXPECT_EQ(p->critical_cost, 4);
  EXPECT_FALSE(p->Needs(*g->Find("asr-cpu")));
  EXPECT_EQ(p->remaining[*g->Find("base-cpu")], 4);
  EXPECT_EQ(p->remaining[*g->Find("mux")], 1);
}

TEST(Plan, WantedTargetPullsInEveryAncestor) {
  GraphFixture f;
  AddFamily(f);
  f.project().targets[0].profiles = {"bases"};  // Hidden behind a profile: still needed.
  Result<BuildGraph> g = f.Build();
  ASSERT_TRUE(g.ok());
  Result<Plan> p = MakePlan(*g, {{"asr-cpu"}, {}});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(Names(*g, p->needed), (std::vector<std::string>{"base-cpu", "asr-cpu"}));
  EXPECT_EQ(Names(*g, p->wanted), (std::vector<std::string>{"asr-cpu"}));
}

TEST(Plan, CostsWeighTheCriticalPath) {
  GraphFixture f;
  AddFamily(f);
  f.project().targets[5].drydock.cost = 10;  // mux.
  Result<BuildGraph> g = f.Build();
  ASSERT_TRUE(g.ok());
  Result<Plan> p = MakePlan(*g, {{"asr", "mux"}, {{"base-ml", 2.5}}});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(Names(*g, p->critical_path), (std::vector<std::string>{"base-cpu", "mux"}));
  EXPECT_EQ(p->critical_cost, 11);
  EXPECT_EQ(p->remaining[*g->Find("base-cuda")], 4.5);
}

TEST(Plan, GroupsAndUnknownNames) {
  GraphFixture f;
  AddFamily(f);
  f.project().groups["gpu"] = {"asr", "vad"};
  Result<BuildGraph> g = f.Build();
  ASSERT_TRUE(g.ok());
  Result<Plan> p = MakePlan(*g, {{"gpu"}, {}});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(Names(*g, p->wanted), (std::vector<std::string>{"asr", "vad"}));
  Result<Plan> bad = MakePlan(*g, {{"vda"}, {}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "unknown target \"vda\" (did you mean \"vad\"?)");
}

}  // namespace
}  // namespace drydock::graph
