#include "lint/command_facts.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>

#include "base/file_system.h"

namespace drydock::lint {

namespace {

std::string_view BaseNameOf(std::string_view word) { return CommandBaseName(word); }

bool IsAssignment(std::string_view word) {
  size_t eq = word.find('=');
  if (eq == 0 || eq == std::string_view::npos) return false;
  for (size_t i = 0; i < eq; ++i) {
    char c = word[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

// How many operands a wrapper takes before the program (after its options).
int WrapperOperands(std::string_view name) {
  if (name == "timeout") return 1;                                     // timeout 60 cmd
  if (name == "gosu" || name == "su-exec" || name == "chpst") return 1;  // gosu user cmd
  return 0;
}

bool IsWrapper(std::string_view name) {
  static constexpr std::array<std::string_view, 18> kWrappers = {
      "env",    "exec",     "sudo",  "nice",      "nohup",     "time",
      "timeout", "gosu",    "su-exec", "tini",    "dumb-init", "chpst",
      "stdbuf", "command",  "xargs", "eatmydata", "ionice",    "chronic"};
  return std::find(kWrappers.begin(), kWrappers.end(), name) != kWrappers.end();
}

// Options of wrappers that take a value as the next word.
bool WrapperOptionTakesValue(std::string_view wrapper, std::string_view option) {
  auto any = [&](std::initializer_list<std::string_view> list) {
    return std::find(list.begin(), list.end(), option) != list.end();
  };
  if (wrapper == "sudo") return any({"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "--user", "--group"});
  if (wrapper == "env") return any({"-u", "-C", "-S", "--unset", "--chdir"});
  if (wrapper == "xargs") {
    return any({"-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file", "--delimiter", "--max-args", "--max-procs"});
  }
  if (wrapper == "nice") return any({"-n", "--adjustment"});
  if (wrapper == "timeout") return any({"-s", "-k", "--signal", "--kill-after"});
  if (wrapper == "time") return any({"-f", "-o", "--format", "--output"});
  if (wrapper == "exec") return any({"-a"});
  if (wrapper == "ionice") return any({"-c", "-n", "-p", "--class", "--classdata"});
  return false;
}

template <typename Word>
size_t ProgramIndexOf(const std::vector<Word>& words, std::string_view (*text)(const Word&),
                      bool* through_xargs) {
  size_t i = 0;
  while (i < words.size()) {
    std::string_view name = BaseNameOf(text(words[i]));
    if (!IsWrapper(name)) return i;
    if (name == "xargs" && through_xargs) *through_xargs = true;
    // `command -v x` asks about x; it does not run it.
    if (name == "command" && i + 1 < words.size() && text(words[i + 1]).rfind("-v", 0) == 0) {
      return words.size();
    }
    ++i;
    while (i < words.size()) {
      std::string_view w = text(words[i]);
      if (w == "--") {
        ++i;
        break;
      }
      if (!w.empty() && w[0] == '-') {
        if (WrapperOptionTakesValue(name, w)) ++i;
        ++i;
        continue;
      }
      if (name == "env" && IsAssignment(w)) {
        ++i;
        continue;
      }
      break;
    }
    i += static_cast<size_t>(WrapperOperands(name));
  }
  return words.size();
}

std::string_view WordText(const ShellWord& w) { return w.value; }
std::string_view StringText(const std::string& s) { return s; }

// pip install options that take a value (as the next word or after `=`).
bool PipOptionTakesValue(std::string_view option) {
  static constexpr std::array<std::string_view, 36> kWithValue = {
      "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target",
      "--prefix", "--root", "-i", "--index-url", "--extra-index-url", "-f", "--find-links",
      "--src", "--upgrade-strategy", "--progress-bar", "--platform", "--python-version",
      "--implementation", "--abi", "--no-binary", "--only-binary", "--cache-dir", "--log",
      "--proxy", "--retries", "--timeout", "--exists-action", "--trusted-host", "--cert",
      "--client-cert", "-C", "--config-settings", "--global-option"};
  return std::find(kWithValue.begin(), kWithValue.end(), option) != kWithValue.end() ||
         option == "--report" || option == "--python" || option == "--index" ||
         option == "--extra-index" || option == "--root-user-action";
}

}  // namespace

std::string_view CommandBaseName(std::string_view word) {
  size_t slash = word.rfind('/');
  return slash == std::string_view::npos ? word : word.substr(slash + 1);
}

size_t ProgramIndex(const ShellCommand& command, bool* through_xargs) {
  return ProgramIndexOf(command.words, WordText, through_xargs);
}

size_t ProgramIndex(const std::vector<std::string>& argv) { return ProgramIndexOf(argv, StringText, nullptr); }

bool IsPythonName(std::string_view name) {
  if (name == "python" || name == "python2" || name == "python3") return true;
  if (name.rfind("python3.", 0) != 0 && name.rfind("python2.", 0) != 0) return false;
  std::string_view minor = name.substr(8);
  return !minor.empty() &&
         std::all_of(minor.begin(), minor.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool IsPipName(std::string_view name) {
  if (name == "pip" || name == "pip3" || name == "pip2") return true;
  if (name.rfind("pip3.", 0) != 0) return false;
  std::string_view minor = name.substr(5);
  return !minor.empty() &&
         std::all_of(minor.begin(), minor.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool PipInstall::HasFlag(std::string_view flag) const {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

bool PipInstall::HasFlagPrefix(std::string_view full, size_t min_length) const {
  for (const std::string& f : flags) {
    if (f.size() >= min_length && f.size() <= full.size() && full.compare(0, f.size(), f) == 0) return true;
  }
  return false;
}

std::optional<PipInstall> ParsePipInstall(const ShellCommand& command) {
  size_t program = ProgramIndex(command);
  const std::vector<ShellWord>& w = command.words;
  if (program >= w.size()) return std::nullopt;
  std::string_view name = BaseNameOf(w[program].value);
  PipInstall pip;
  pip.program = w[program].value;
  size_t i = program + 1;
  if (IsPythonName(name)) {
    // python [-u -B -I ...] -m pip install
    while (i < w.size() && w[i].value != "-m" && !w[i].value.empty() && w[i].value[0] == '-') ++i;
    if (i + 1 >= w.size() || w[i].value != "-m" || w[i + 1].value != "pip") return std::nullopt;
    pip.via_python = true;
    i += 2;
  } else if (name == "uv") {
    if (i >= w.size() || w[i].value != "pip") return std::nullopt;
    pip.uv = true;
    ++i;
  } else if (!IsPipName(name)) {
    return std::nullopt;
  }
  // Global options may precede the subcommand (`pip --no-cache-dir install`).
  while (i < w.size() && !w[i].value.empty() && w[i].value[0] == '-') {
    pip.flags.push_back(w[i].value.substr(0, w[i].value.find('=')));
    if (PipOptionTakesValue(w[i].value) && w[i].value.find('=') == std::string::npos) ++i;
    ++i;
  }
  if (i >= w.size() || w[i].value != "install") return std::nullopt;
  for (++i; i < w.size(); ++i) {
    const std::string& word = w[i].value;
    if (word.empty()) continue;
    if (word[0] != '-') {
      pip.requirements.push_back(&w[i]);
      continue;
    }
    std::string option = word.substr(0, word.find('='));
    const ShellWord* value = nullptr;
    bool inline_value = word.find('=') != std::string::npos;
    // Short options glue their value: -rrequirements.txt.
    if (option.size() > 2 && option[1] != '-' && (option[1] == 'r' || option[1] == 'c' || option[1] == 'e')) {
      option = option.substr(0, 2);
      inline_value = true;
    }
    pip.flags.push_back(option);
    if (PipOptionTakesValue(option) && !inline_value && i + 1 < w.size()) value = &w[++i];
    if (option == "--user") pip.user = true;
    if (option == "--no-deps") pip.no_deps = true;
    bool requirement_file = option == "-r" || option == "--requirement" || option == "-c" ||
                            option == "--constraint";
    bool editable = option == "-e" || option == "--editable";
    if (value && requirement_file) pip.requirement_files.push_back(value);
    if (value && editable) pip.requirements.push_back(value);
    if (!value && inline_value && (requirement_file || editable)) {
      // The value is inside this word; keep the word, rules strip the option themselves.
      (requirement_file ? pip.requirement_files : pip.requirements).push_back(&w[i]);
    }
  }
  return pip;
}

bool IsManifestInstall(const ShellCommand& command, std::string* what) {
  size_t program = ProgramIndex(command);
  const std::vector<ShellWord>& w = command.words;
  if (program >= w.size()) return false;
  std::string name(BaseNameOf(w[program].value));
  auto arg = [&](size_t k) -> std::string_view {
    return program + k < w.size() ? std::string_view(w[program + k].value) : std::string_view();
  };
  auto say = [&](std::string text) {
    if (what) *what = std::move(text);
    return true;
  };
  if (std::optional<PipInstall> pip = ParsePipInstall(command)) {
    for (const ShellWord* file : pip->requirement_files) {
      std::string_view f = file->value;
      if (f.rfind("-r", 0) == 0 || f.rfind("-c", 0) == 0) f.remove_prefix(2);
      if (f.rfind("--requirement=", 0) == 0) f.remove_prefix(14);
      if (f.rfind("--constraint=", 0) == 0) f.remove_prefix(13);
      return say("pip install -r " + std::string(f));
    }
    if (pip->no_deps) return false;  // Installs the project alone; its dependencies came first.
    for (const ShellWord* r : pip->requirements) {
      std::string_view v = r->value;
      if (v == "." || v == "./" || v.rfind(".[", 0) == 0 || v.rfind("./[", 0) == 0 ||
          v.rfind("-e.", 0) == 0) {
        return say("pip install " + std::string(v));
      }
    }
    return false;
  }
  if ((name == "poetry" || name == "pdm" || name == "pipenv") && arg(1) == "install") {
    return say(name + " install");
  }
  if (name == "uv" && arg(1) == "sync") return say("uv sync");
  if (name == "npm" && (arg(1) == "ci" || ((arg(1) == "install" || arg(1) == "i") &&
                                          (arg(2).empty() || arg(2)[0] == '-')))) {
    return say("npm " + std::string(arg(1)));
  }
  if (name == "yarn" && (arg(1).empty() || arg(1) == "install" || arg(1)[0] == '-')) {
    return say("yarn install");
  }
  if (name == "pnpm" && (arg(1) == "install" || arg(1) == "i") && (arg(2).empty() || arg(2)[0] == '-')) {
    return say("pnpm install");
  }
  if (name == "go" && arg(1) == "mod" && arg(2) == "download") return say("go mod download");
  if (name == "bundle" && (arg(1) == "install" || arg(1).empty())) return say("bundle install");
  if (name == "composer" && arg(1) == "install") return say("composer install");
  if (name == "cargo" && (arg(1) == "fetch")) return say("cargo fetch");
  if (name == "mvn") {
    for (size_t k = program + 1; k < w.size(); ++k) {
      if (w[k].value.rfind("dependency:", 0) == 0) return say("mvn " + w[k].value);
    }
  }
  return false;
}

bool IsManifestFile(std::string_view base) {
  if (base.rfind("requirements", 0) == 0 &&
      (base.size() > 4 && base.compare(base.size() - 4, 4, ".txt") == 0)) {
    return true;
  }
  static constexpr std::array<std::string_view, 24> kManifests = {
      "pyproject.toml", "setup.py", "setup.cfg", "poetry.lock", "pdm.lock", "uv.lock",
      "Pipfile", "Pipfile.lock", "package.json", "package-lock.json", "yarn.lock",
      "pnpm-lock.yaml", "npm-shrinkwrap.json", "go.mod", "go.sum", "Gemfile", "Gemfile.lock",
      "pom.xml", "Cargo.toml", "Cargo.lock", "composer.json", "composer.lock",
      "constraints.txt", "build.gradle"};
  return std::find(kManifests.begin(), kManifests.end(), base) != kManifests.end();
}

bool IsUnderRootHome(std::string_view path) {
  return path == "/root" || path.rfind("/root/", 0) == 0 || path == "~" || path.rfind("~/", 0) == 0 ||
         path.rfind("$HOME", 0) == 0 || path.rfind("${HOME}", 0) == 0;
}

}  // namespace drydock::lint
