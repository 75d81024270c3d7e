#include "integration/pip_check_oracle.h"

#include <algorithm>
#include <map>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "integration/image_engine_helper.h"

namespace drydock::testing {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

int ExpectPipCheckAgrees(const std::string& drydock_binary, const std::string& image) {
  CommandResult r = Shell(drydock_binary + " check --format=json " + image);
  nlohmann::json report = nlohmann::json::parse(r.output, nullptr, false);
  if (report.is_discarded()) {
    ADD_FAILURE() << "drydock check --format=json " << image << " printed no JSON: " << r.output;
    return 0;
  }
  std::map<std::string, std::vector<std::string>> drydock_lines;  // environment label -> lines
  for (const nlohmann::json& f : report["findings"]) {
    std::string id = f["id"];
    if (id != "PY2001" && id != "PY2002") continue;
    std::string label = f["environment"];
    std::string message = f["message"];
    std::string suffix = " (" + label + ")";
    EXPECT_TRUE(message.ends_with(suffix)) << message;
    drydock_lines[label].push_back(message.substr(0, message.size() - suffix.size()) + ".");
  }
  int compared = 0;
  for (const nlohmann::json& env : report["environments"]) {
    std::string label = env["label"];
    std::string python = env["python"];
    if (python.empty()) continue;
    std::string run = fmt::format("docker run --rm --network=none --entrypoint {} {} -m pip", python, image);
    // Debian's python3 without python3-pip has no pip: nothing to ask.
    if (Shell(run + " --version >/dev/null 2>&1").status != 0) continue;
    CommandResult pip = Shell(run + " check 2>/dev/null");
    std::vector<std::string> expected = Lines(pip.output);
    if (expected == std::vector<std::string>{"No broken requirements found."}) expected.clear();
    std::vector<std::string> actual = drydock_lines[label];
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
    EXPECT_EQ(actual, expected) << image << ", " << label << ": drydock vs `" << python << " -m pip check`";
    EXPECT_EQ(pip.status, expected.empty() ? 0 : 1) << image << ", " << label << ": " << pip.output;
    ++compared;
  }
  return compared;
}

}  // namespace drydock::testing
