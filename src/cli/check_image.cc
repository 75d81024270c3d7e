#include "cli/check_image.h"

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "image/image_file_system.h"

namespace drydock::cli {

namespace {

using pyenv::Finding;
using pyenv::Severity;

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

// The first word of a shell command line when it is a plain word (no expansions or operators).
std::string FirstWord(const std::string& script) {
  size_t start = script.find_first_not_of(" \t\n");
  if (start == std::string::npos) return "";
  size_t end = script.find_first_of(" \t\n;&|<>()", start);
  std::string w = script.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (w.find_first_of("$`'\"\\=*?[") != std::string::npos) return "";
  if (w == "exec" && end != std::string::npos) return FirstWord(script.substr(end));
  return w;
}

struct Checked {
  std::string what;     // "CMD", "ENTRYPOINT", "HEALTHCHECK"
  std::string command;  // The executable as written.
};

}  // namespace

bool HistoryUsesVenv(const image::Image& image) {
  for (const image::HistoryEntry& h : image.config.history) {
    if (h.created_by.find("ensurepip") != std::string::npos || h.created_by.find("-m venv") != std::string::npos) {
      return true;
    }
  }
  return false;
}

std::vector<Finding> CheckImageConfig(const image::Image& image, const image::ImageFacts& facts) {
  std::vector<Finding> out;
  image::ImageFileSystem fs(image.tree);
  std::string user = facts.user.spec.empty() ? "root" : facts.user.spec;
  std::string path_text;
  for (const std::string& d : facts.path_dirs) path_text += (path_text.empty() ? "" : ":") + d;

  // What runs: ENTRYPOINT's first word, else CMD's; for a shell form, the script's first word.
  std::vector<Checked> commands;
  auto add_argv = [&](const std::string& what, const std::vector<std::string>& argv) {
    if (argv.empty()) return;
    commands.push_back({what, argv[0]});
    bool shell = (argv[0] == "/bin/sh" || argv[0] == "/bin/bash" || argv[0] == "sh" || argv[0] == "bash") &&
                 argv.size() >= 3 && argv[1] == "-c";
    if (shell) {
      std::string w = FirstWord(argv[2]);
      if (!w.empty()) commands.push_back({what, w});
    }
  };
  if (facts.entrypoint && !facts.entrypoint->empty()) {
    add_argv("ENTRYPOINT", *facts.entrypoint);
  } else if (facts.cmd) {
    add_argv("CMD", *facts.cmd);
  }
  if (facts.healthcheck && !facts.healthcheck->test.empty()) {
    const std::vector<std::string>& t = facts.healthcheck->test;
    if (t[0] == "CMD" && t.size() > 1) {
      commands.push_back({"HEALTHCHECK", t[1]});
    } else if (t[0] == "CMD-SHELL" && t.size() > 1) {
      std::string w = FirstWord(t[1]);
      if (!w.empty()) commands.push_back({"HEALTHCHECK", w});
    }
  }
  for (const Checked& c : commands) {
    std::optional<image::CommandLookup> found = image::LookupCommand(image, facts, c.command);
    if (!found || !found->executable) {
      std::string msg = c.what + " runs '" + c.command + "', which " +
                        (found ? "is not executable for user " + user + " (" + found->resolved + ")"
                               : (c.command.find('/') != std::string::npos
                                      ? std::string("does not exist in the image")
                                      : "is not on PATH (" + path_text + ") for user " + user)) +
                        ": the container fails to start";
      std::vector<std::string> near;
      if (c.command.find('/') == std::string::npos) {
        for (const std::string& n : image::CommandsOnPath(image, facts)) {
          if (n.rfind(c.command, 0) == 0 && n != c.command) near.push_back(n);
        }
      }
      std::string hint = near.empty() ? "install it, or name the full path of a program the image has"
                                      : "the image has " + near[0] + "; use it in " + c.what +
                                            (near.size() > 1 ? " (also: " + near[1] + ")" : "");
      out.push_back({"IM1001", "command-not-found", Severity::kError, "", msg, hint, {c.command}});
      continue;
    }
    // A script: its #! interpreter must exist too.
    Result<std::string> head = fs.ReadFileHead(found->resolved);
    if (!head.ok() || head->rfind("#!", 0) != 0) continue;
    std::string line = head->substr(2, head->find('\n') == std::string::npos ? std::string::npos : head->find('\n') - 2);
    size_t s = line.find_first_not_of(" \t");
    if (s == std::string::npos) continue;
    size_t e = line.find_first_of(" \t\r", s);
    std::string interp = line.substr(s, e == std::string::npos ? std::string::npos : e - s);
    std::string arg;
    if (e != std::string::npos) {
      size_t a = line.find_first_not_of(" \t\r", e);
      if (a != std::string::npos) arg = line.substr(a, line.find_first_of(" \t\r", a) - a);
    }
    bool ok = fs.IsFile(interp);
    std::string missing = interp;
    if (ok && BaseName(interp) == "env" && !arg.empty() && arg[0] != '-') {
      std::optional<image::CommandLookup> via = image::LookupCommand(image, facts, arg);
      ok = via && via->executable;
      missing = arg + " (through " + interp + ")";
    }
    if (!ok) {
      out.push_back({"IM1002", "shebang-not-found", Severity::kError, "",
                     c.what + " runs " + found->resolved + ", whose interpreter #!" + line.substr(s) +
                         " does not resolve: " + missing + " is not in the image",
                     "point the #! line at an interpreter the image has (e.g. python3), or install it",
                     {found->resolved}});
    }
  }

  // USER root.
  bool root = facts.user.uid ? *facts.user.uid == 0 : (facts.user.name == "root" || facts.user.spec.empty());
  if (root) {
    out.push_back({"IM1003", "runs-as-root", Severity::kWarning, "",
                   "the image runs as root (USER " + (facts.user.spec.empty() ? std::string("not set") : facts.user.spec) + ")",
                   "add a user and end with USER <name> (RUN useradd -r app; USER app)", {}});
  }

  // Secret-looking Env and Labels.
  auto secret_name = [](const std::string& name) {
    std::string u = Upper(name);
    if (u == "GPG_KEY" || u == "GPG_KEYS" || u.find("PUBLIC") != std::string::npos ||
        u.find("_FILE") != std::string::npos || u.find("PATH") != std::string::npos) {
      return false;
    }
    for (const char* w : {"PASSWORD", "PASSWD", "PASS", "SECRET", "TOKEN", "API_KEY", "APIKEY",
                          "ACCESS_KEY", "PRIVATE_KEY", "CREDENTIAL"}) {
      if (u.find(w) != std::string::npos) return true;
    }
    return false;
  };
  auto secret_value = [](const std::string& v) {
    return v.rfind("AKIA", 0) == 0 || v.rfind("ghp_", 0) == 0 || v.rfind("github_pat_", 0) == 0 ||
           v.rfind("glpat-", 0) == 0 || v.rfind("xox", 0) == 0 || v.rfind("sk-", 0) == 0 ||
           v.find("-----BEGIN") != std::string::npos;
  };
  auto mask = [](const std::string& v) { return v.size() <= 4 ? std::string("****") : v.substr(0, 2) + "****"; };
  auto check_pair = [&](const std::string& kind, const std::string& name, const std::string& value) {
    if (value.empty()) return;
    if (!secret_name(name) && !secret_value(value)) return;
    out.push_back({"IM1004", "secret-in-config", Severity::kWarning, "",
                   kind + " " + name + "=" + mask(value) + " looks like a secret, and the image config is readable by anyone who can pull the image",
                   "pass secrets at run time (docker run -e, mounted files) or with RUN --mount=type=secret during the build",
                   {}});
  };
  for (const std::string& kv : image.config.env) {
    size_t eq = kv.find('=');
    if (eq != std::string::npos) check_pair("Env", kv.substr(0, eq), kv.substr(eq + 1));
  }
  for (const auto& [k, v] : image.config.labels) check_pair("Label", k, v);
  return out;
}

ImageCheck CheckImage(const image::Image& image, bool is_base) {
  ImageCheck out;
  image::ImageFileSystem fs(image.tree);
  pyenv::CheckOptions options;
  options.architecture = image.config.architecture.empty() ? "amd64" : image.config.architecture;
  options.history_uses_venv = HistoryUsesVenv(image);
  out.python = pyenv::CheckPythonEnvironments(fs, options);
  out.findings = out.python.findings;
  image::ImageFacts facts = image::ComputeFacts(image);
  for (Finding& f : CheckImageConfig(image, facts)) {
    if (is_base && f.id == "IM1003") continue;
    out.findings.push_back(std::move(f));
  }
  std::stable_sort(out.findings.begin(), out.findings.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return a.id < b.id;
  });
  return out;
}

std::string RenderCheckText(const std::string& target, const pyenv::PythonCheck& check,
                            const std::vector<Finding>& findings) {
  std::string out;
  size_t counts[3] = {0, 0, 0};
  for (const Finding& f : findings) {
    ++counts[static_cast<int>(f.severity)];
    out += fmt::format("{}: {}: {} [{} {}]\n  hint: {}\n", target, pyenv::SeverityString(f.severity), f.message,
                       f.id, f.slug, f.hint);
  }
  std::string envs;
  for (const pyenv::PythonEnvironment& e : check.scan.environments) envs += (envs.empty() ? "" : ", ") + e.label;
  out += fmt::format("{}: {} Python environment{}{}, {} distributions, {} RECORD files checked: {} errors, {} warnings, {} infos\n",
                     target, check.summary.environments, check.summary.environments == 1 ? "" : "s",
                     envs.empty() ? "" : " (" + envs + ")", check.summary.distributions,
                     check.summary.files_checked, counts[2], counts[1], counts[0]);
  return out;
}

}  // namespace drydock::cli
