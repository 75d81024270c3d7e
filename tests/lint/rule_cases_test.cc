// Runs every tests/lint/rules/<slug>.Dockerfile through the linter with only that rule on and
// compares its findings with the file's markers:
//   # expect: DD3001[, DD3001]   a finding of that rule on the next instruction (repeat the ID
//                                 for several findings on one instruction)
//   # context-file: PATH [SIZE]  a file in the build context (SIZE bytes, default 0); any
//                                 `# context...` line gives the file a build context at /ctx
//   # context-line: PATH TEXT    appends the line TEXT to context file PATH
//   # context-dir: PATH          an (empty) directory in the build context
//   # context                     a build context holding only the Dockerfile
//   # build-arg: NAME=VALUE       a build argument
// Every instruction without a marker must stay silent for the rule.
#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/file_system.h"
#include "base/strings.h"
#include "dockerfile/parser.h"
#include "lint/registry.h"
#include "lint/runner.h"
#include "testing/corpus.h"

namespace drydock::lint {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::string slug;
  std::string path;
};

std::vector<Case> AllCases() {
  std::vector<Case> cases;
  for (const auto& entry : fs::directory_iterator(testing::SourcePath("tests/lint/rules"))) {
    if (entry.path().extension() != ".Dockerfile") continue;
    cases.push_back({entry.path().stem().string(), entry.path().string()});
  }
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.slug < b.slug; });
  return cases;
}

class RuleCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(RuleCaseTest, FindingsMatchMarkers) {
  const Case& c = GetParam();
  const RuleInfo* rule = FindRule(c.slug);
  ASSERT_NE(rule, nullptr) << c.slug << " is not a registered rule slug";
  SourceFile file(c.path, testing::ReadFileOrDie(c.path));
  dockerfile::Dockerfile df = dockerfile::Parse(file);

  // Markers.
  std::multiset<std::pair<uint32_t, std::string>> expected;  // (instruction start line, ID)
  std::vector<std::string> pending;
  MemoryFileSystem context_fs;
  bool has_context = false;
  LintRequest request;
  for (uint32_t line = 1; line <= file.line_count(); ++line) {
    std::string text(TrimAsciiSpace(file.LineText(line)));
    auto directive = [&](std::string_view prefix) -> std::optional<std::string> {
      if (text.rfind(prefix, 0) != 0) return std::nullopt;
      return std::string(TrimAsciiSpace(std::string_view(text).substr(prefix.size())));
    };
    if (auto ids = directive("# expect:")) {
      size_t start = 0;
      while (start <= ids->size()) {
        size_t comma = ids->find(',', start);
        std::string id(TrimAsciiSpace(ids->substr(start, comma - start)));
        if (!id.empty()) pending.push_back(id);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      continue;
    }
    if (auto spec = directive("# context-file:")) {
      has_context = true;
      size_t space = spec->find(' ');
      std::string path = spec->substr(0, space);
      size_t size = space == std::string::npos ? 0 : std::stoul(spec->substr(space + 1));
      context_fs.Write("/ctx/" + path, std::string(size, 'x'));
      continue;
    }
    if (auto spec = directive("# context-line:")) {
      has_context = true;
      size_t space = spec->find(' ');
      std::string path = "/ctx/" + spec->substr(0, space);
      Result<std::string> old = context_fs.ReadFile(path);
      context_fs.Write(path, (old.ok() ? *old : "") +
                                 (space == std::string::npos ? "" : spec->substr(space + 1)) + "\n");
      continue;
    }
    if (auto dir = directive("# context-dir:")) {
      has_context = true;
      context_fs.MakeDirectory("/ctx/" + *dir);
      continue;
    }
    if (directive("# context")) {
      has_context = true;
      continue;
    }
    if (auto arg = directive("# build-arg:")) {
      size_t eq = arg->find('=');
      request.build_args.Set(arg->substr(0, eq), eq == std::string::npos ? "" : arg->substr(eq + 1));
      continue;
    }
    auto starts_here = std::find_if(df.instructions.begin(), df.instructions.end(),
                                    [&](const dockerfile::Instruction& in) { return in.start_line == line; });
    if (starts_here != df.instructions.end()) {
      for (const std::string& id : pending) expected.insert({line, id});
      pending.clear();
    }
  }
  ASSERT_TRUE(pending.empty()) << "an expect marker is not followed by an instruction";

  BuildContext context;
  if (has_context) {
    context_fs.Write("/ctx/Dockerfile", std::string(file.text()));
    context.directory = "/ctx";
    context.dockerfile = "/ctx/Dockerfile";
    context.fs = &context_fs;
    request.build_context = &context;
  }
  request.only_rules = {std::string(rule->id)};
  std::multiset<std::pair<uint32_t, std::string>> got;
  std::string details;
  for (const LintFinding& f : LintDockerfile(file, request)) {
    uint32_t line = file.Locate(f.span.begin).line;
    // Attribute the finding to the instruction that contains it, or (for a finding on a
    // comment, such as a pragma) to the next instruction.
    for (const dockerfile::Instruction& in : df.instructions) {
      if (line >= in.start_line && line <= in.end_line) {
        line = in.start_line;
        break;
      }
      if (in.start_line > line) {
        line = in.start_line;
        break;
      }
    }
    got.insert({line, std::string(f.rule->id)});
    details += FormatDiagnostic(ToDiagnostic(file, f));
  }
  EXPECT_EQ(got, expected) << "findings:\n" << details;
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleCaseTest, ::testing::ValuesIn(AllCases()),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           std::string name;
                           for (char ch : param_info.param.slug) name += ch == '-' ? '_' : ch;
                           return name;
                         });

}  // namespace
}  // namespace drydock::lint
