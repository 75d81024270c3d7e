#include "cli/main.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "base/strings.h"
#include "cli/commands.h"

namespace drydock::cli {

namespace {

constexpr std::string_view kVersion = "0.1.0";

ExitStatus RunHelp(const Invocation&) {
  fmt::print("drydock: build, check and ship a family of container images\n\n"
             "usage: drydock <command> [options]\n\ncommands:\n");
  for (const Command& c : Commands()) fmt::print("  {:<10} {}\n", c.name, c.summary);
  fmt::print("\n'drydock <command> --help' describes a command's options.\n");
  return ExitStatus::kOk;
}

ExitStatus RunVersion(const Invocation&) {
  fmt::print("drydock {}\n", kVersion);
  return ExitStatus::kOk;
}

}  // namespace

const std::vector<Command>& Commands() {
  // Sorted by name.
  static const std::vector<Command> commands = {
      {"build", "build the project's images in dependency order, in parallel, skipping what did not change", RunBuild},
      {"check", "find broken Python environments and risky config in an image or directory (PY/IM findings)", RunCheck},
      {"help", "show the commands", RunHelp},
      {"inspect", "read an image offline: config, layers, largest files, wasted bytes", RunInspect},
      {"lint", "check Dockerfiles for what breaks image builds (rules DD0001-DD8003)", RunLint},
      {"parse", "parse Dockerfiles as BuildKit does; print the syntax tree (sexp or json)", RunParse},
      {"plan", "derive the build order of a project's images from their Dockerfiles", RunPlan},
      {"version", "print drydock's version", RunVersion},
  };
  return commands;
}

int Main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    RunHelp({});
    return static_cast<int>(ExitStatus::kUsage);
  }
  std::string name = args.front();
  if (name == "--help" || name == "-h") name = "help";
  if (name == "--version") name = "version";
  const std::vector<Command>& commands = Commands();
  auto it = std::find_if(commands.begin(), commands.end(),
                         [&](const Command& c) { return c.name == name; });
  if (it == commands.end()) {
    std::vector<std::string> names;
    for (const Command& c : commands) names.emplace_back(c.name);
    std::string suggestion = SuggestClosest(name, names);
    fmt::print(stderr, "drydock: unknown command '{}'{}\nRun 'drydock help' for the list.\n", name,
               suggestion.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestion));
    return static_cast<int>(ExitStatus::kUsage);
  }
  Invocation invocation;
  invocation.args.assign(args.begin() + 1, args.end());
  invocation.program = "drydock " + name;
  return static_cast<int>(it->run(invocation));
}

}  // namespace drydock::cli
