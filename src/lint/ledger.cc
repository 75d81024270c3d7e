#include "lint/ledger.h"

#include <algorithm>

#include "base/file_system.h"
#include "base/strings.h"
#include "dockerfile/instructions.h"
#include "dockerfile/word_expander.h"
#include "lint/command_facts.h"
#include "lint/run_scripts.h"

namespace drydock::lint {

namespace {

using dockerfile::Instruction;
using dockerfile::Keyword;

constexpr std::string_view kDefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

std::vector<std::string> PathEntries(const StageFacts& f) {
  auto it = f.env.find("PATH");
  std::string path = it == f.env.end() ? std::string(kDefaultPath) : it->second;
  std::vector<std::string> entries;
  size_t start = 0;
  while (start <= path.size()) {
    size_t colon = path.find(':', start);
    std::string entry = path.substr(start, colon - start);
    if (!entry.empty()) entries.push_back(CleanPath(entry));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return entries;
}

bool IsVenvCommand(const std::string& command) {
  return command == "python" || command == "python3" || command == "pip" || command == "pip3" ||
         (command.rfind("python3.", 0) == 0) || (command.rfind("pip3.", 0) == 0);
}

// Package name without version, architecture or release qualifiers.
std::string PackageName(std::string word) {
  for (char sep : {'=', ':'}) {
    if (size_t at = word.find(sep); at != std::string::npos) word = word.substr(0, at);
  }
  if (size_t slash = word.find('/'); slash != std::string::npos) word = word.substr(0, slash);
  return word;
}

// Whether an install names packages through a variable (`apt-get install -y $buildDeps`):
// then anything may be installed, and absence can no longer be asserted.
bool InstallsUnknown(const ShellCommand& c, size_t from) {
  for (size_t i = from; i < c.words.size(); ++i) {
    if (c.words[i].has_expansion) return true;
  }
  return false;
}

void Install(StageFacts& f, const std::string& package) {
  f.packages.insert(package);
  for (const std::string& c : CommandsOfPackage(package)) f.commands.insert(c);
  if (package == "python3-venv" || package == "python3-full" ||
      (package.rfind("python3.", 0) == 0 && package.size() > 5 &&
       package.compare(package.size() - 5, 5, "-venv") == 0)) {
    f.ensurepip_available = true;
  }
}

void Remove(StageFacts& f, const std::string& package) {
  f.packages.erase(package);
  for (const std::string& c : CommandsOfPackage(package)) f.commands.erase(c);
}

// The operands of a package-manager command after its subcommand (flags dropped).
std::vector<std::string> Operands(const ShellCommand& c, size_t from) {
  std::vector<std::string> out;
  for (size_t i = from; i < c.words.size(); ++i) {
    const std::string& w = c.words[i].value;
    if (c.words[i].has_expansion) continue;  // Unknown packages: see InstallsUnknown.
    if (w.empty() || w[0] == '-') continue;
    out.push_back(w);
  }
  return out;
}

size_t FindWord(const ShellCommand& c, std::string_view word, size_t from = 1) {
  for (size_t i = from; i < c.words.size(); ++i) {
    if (c.words[i].value == word) return i;
  }
  return c.words.size();
}

std::string ResolveDir(const StageFacts& f, const std::string& dir) {
  std::string d = dir;
  if (d.rfind("~/", 0) == 0 || d == "~") {
    d = (f.user == "root" || f.user == "0" ? "/root" : "/home/" + f.user) + d.substr(1);
  }
  if (d.rfind("$HOME", 0) == 0) d = "/root" + d.substr(5);
  return JoinPath(f.workdir.empty() ? "/" : f.workdir, d);
}

void AddVenv(StageFacts& f, const std::string& raw_dir) {
  std::string dir = ResolveDir(f, raw_dir);
  if (std::find(f.venvs.begin(), f.venvs.end(), dir) == f.venvs.end()) f.venvs.push_back(dir);
  bool root = f.user == "root" || f.user == "0" || f.user.empty();
  if (root && (dir == "/root" || dir.rfind("/root/", 0) == 0)) {
    f.venvs_created_as_root_in_root_home.push_back(dir);
  }
}

}  // namespace

Presence StageFacts::HasCommand(const std::string& command) const {
  if (command.find('/') != std::string::npos) {
    for (const std::string& venv : venvs) {
      std::string bin = venv + "/bin/";
      if (command.rfind(bin, 0) == 0 && IsVenvCommand(command.substr(bin.size()))) {
        return Presence::kPresent;
      }
    }
    return Presence::kUnknown;
  }
  if (commands.count(command)) return Presence::kPresent;
  if (IsVenvCommand(command) && !ActiveVenvs().empty()) return Presence::kPresent;
  if (!base_known || commands_open || uncertain_commands.count(command)) return Presence::kUnknown;
  return Presence::kAbsent;
}

std::vector<std::string> StageFacts::ActiveVenvs() const {
  std::vector<std::string> active;
  if (venvs.empty()) return active;
  std::vector<std::string> path = PathEntries(*this);
  for (const std::string& venv : venvs) {
    if (std::find(path.begin(), path.end(), CleanPath(venv + "/bin")) != path.end()) {
      active.push_back(venv);
    }
  }
  return active;
}

namespace {

// Facts being changed by one command, read through Get() and written through Edit(): on
// shared facts, Edit() first replaces them with a private copy, so a command that changes
// nothing (most of them) copies nothing.
class FactsEditor {
 public:
  explicit FactsEditor(StageFacts& facts) : direct_(&facts) {}
  explicit FactsEditor(std::shared_ptr<StageFacts>& facts) : shared_(&facts) {}
  const StageFacts& Get() const { return direct_ ? *direct_ : **shared_; }
  StageFacts& Edit() {
    if (direct_) return *direct_;
    if (shared_->use_count() > 1) *shared_ = std::make_shared<StageFacts>(**shared_);
    return **shared_;
  }
  // Sets a flag, copying only when it was not set yet.
  void Set(bool StageFacts::*flag) {
    if (!(Get().*flag)) Edit().*flag = true;
  }

 private:
  StageFacts* direct_ = nullptr;
  std::shared_ptr<StageFacts>* shared_ = nullptr;
};

bool IsRootUser(const StageFacts& f) { return f.user == "root" || f.user == "0" || f.user.empty(); }

void Apply(FactsEditor& f, const ShellCommand& c) {
  std::string_view name = c.Name();
  if (name.empty()) return;
  // Wrappers: the real command follows.
  if ((name == "sudo" || name == "env" || name == "exec" || name == "nice" || name == "time") &&
      c.words.size() > 1) {
    ShellCommand inner = c;
    inner.words.erase(inner.words.begin());
    while (!inner.words.empty() && (inner.words[0].value.find('=') != std::string::npos ||
                                    (!inner.words[0].value.empty() && inner.words[0].value[0] == '-'))) {
      inner.words.erase(inner.words.begin());
    }
    Apply(f, inner);
    return;
  }
  if (std::optional<PipInstall> pip = ParsePipInstall(c); pip && pip->user && IsRootUser(f.Get())) {
    f.Set(&StageFacts::pip_user_install_as_root);
  }
  if (name == "apt-get" || name == "apt" || name == "aptitude") {
    size_t install = FindWord(c, "install");
    if (install < c.words.size()) {
      for (const std::string& p : Operands(c, install + 1)) Install(f.Edit(), PackageName(p));
      if (InstallsUnknown(c, install + 1)) f.Set(&StageFacts::commands_open);
      return;
    }
    for (std::string_view verb : {"remove", "purge", "autoremove"}) {
      size_t at = FindWord(c, verb);
      if (at < c.words.size()) {
        for (const std::string& p : Operands(c, at + 1)) Remove(f.Edit(), PackageName(p));
      }
    }
    return;
  }
  if (name == "apk") {
    size_t add = FindWord(c, "add");
    if (add < c.words.size()) {
      if (InstallsUnknown(c, add + 1)) f.Set(&StageFacts::commands_open);
      for (size_t i = add + 1; i < c.words.size(); ++i) {
        const std::string& w = c.words[i].value;
        if (w == "--virtual" || w == "-t" || w == "--repository" || w == "-X") {
          ++i;  // Its value is not a package.
          continue;
        }
        if (w.empty() || w[0] == '-' || c.words[i].has_expansion) continue;
        std::string p = PackageName(w);
        StageFacts& facts = f.Edit();
        Install(facts, p);
        if (p == "python3") {
          facts.commands.insert("python3");
          facts.commands.insert("python");  // Alpine's python3 package ships /usr/bin/python.
          facts.ensurepip_available = true;
        }
      }
      return;
    }
    size_t del = FindWord(c, "del");
    if (del < c.words.size()) {
      for (const std::string& p : Operands(c, del + 1)) Remove(f.Edit(), PackageName(p));
    }
    return;
  }
  if (name == "dnf" || name == "yum" || name == "microdnf" || name == "zypper") {
    size_t install = FindWord(c, "install");
    if (install < c.words.size()) {
      for (const std::string& p : Operands(c, install + 1)) Install(f.Edit(), PackageName(p));
      if (InstallsUnknown(c, install + 1)) f.Set(&StageFacts::commands_open);
    }
    return;
  }
  // python3 -m venv DIR / virtualenv DIR / uv venv DIR.
  bool python = name == "python" || name == "python3" || name.rfind("python3.", 0) == 0 ||
                c.words[0].value.find("/bin/python") != std::string::npos;
  if (python) {
    size_t m = FindWord(c, "-m");
    if (m + 1 < c.words.size() && (c.words[m + 1].value == "venv" || c.words[m + 1].value == "virtualenv")) {
      std::vector<std::string> dirs = Operands(c, m + 2);
      if (!dirs.empty()) AddVenv(f.Edit(), dirs.back());
    }
    return;
  }
  if (name == "virtualenv" || (name == "uv" && c.words.size() > 1 && c.words[1].value == "venv")) {
    std::vector<std::string> dirs = Operands(c, name == "uv" ? 2 : 1);
    AddVenv(f.Edit(), dirs.empty() ? ".venv" : dirs.back());
    return;
  }
  if (name == "ln") {
    std::vector<std::string> ops = Operands(c, 1);
    if (ops.size() >= 2) {
      std::string link = ops.back();
      std::string base = BaseName(link);
      if (link.find("/bin/") != std::string::npos || link.find("/sbin/") != std::string::npos) {
        if (!f.Get().commands.count(base)) f.Edit().commands.insert(base);
      }
    }
    return;
  }
  if (name == "update-alternatives") {
    size_t install = FindWord(c, "--install");
    if (install + 1 < c.words.size()) f.Edit().commands.insert(BaseName(c.words[install + 1].value));
    return;
  }
  if (name == "export") {
    for (size_t i = 1; i < c.words.size(); ++i) {
      const std::string& w = c.words[i].value;
      size_t eq = w.find('=');
      if (eq == std::string::npos) continue;
      std::string key = w.substr(0, eq);
      std::string value = w.substr(eq + 1);
      StageFacts& facts = f.Edit();
      if (key == "PATH") {
        // $PATH / ${PATH} in the value stands for the current PATH.
        std::string current = facts.env.count("PATH") ? facts.env["PATH"] : std::string(kDefaultPath);
        for (std::string_view ref : {"${PATH}", "$PATH"}) {
          for (size_t at; (at = value.find(ref)) != std::string::npos;) value.replace(at, ref.size(), current);
        }
      }
      facts.env[key] = value;
    }
    return;
  }
  // Installers whose results are unknown: anything may now be on PATH.
  bool pipe_to_shell = c.in_pipeline && (name == "sh" || name == "bash");
  if (pipe_to_shell || name == "make" || name == "cmake" || name == "ninja" || name == "dpkg" ||
      (name == "npm" && FindWord(c, "-g") < c.words.size()) || name == "cargo" || name == "go" ||
      name == "gem" || name == "pipx" || name == "conda" || name == "mamba" || name == "micromamba" ||
      name == "tar" || name == "unzip" || name == "install" || name == "curl" || name == "wget" ||
      name == "cp" || name == "mv" || name == "chmod" || name == "add-apt-repository" ||
      name == "sh" || name == "bash" || name[0] == '.' || c.words[0].value.find('/') != std::string::npos) {
    // A download, copy or build may put binaries on PATH; only downloads into a bin dir or a
    // script run make this likely, but telling them apart statically is guesswork.
    if (name != "curl" && name != "wget" && name != "tar" && name != "unzip" && name != "cp" &&
        name != "mv" && name != "chmod") {
      f.Set(&StageFacts::commands_open);
    } else {
      for (const ShellWord& w : c.words) {
        if (w.value.find("/bin") != std::string::npos) f.Set(&StageFacts::commands_open);
      }
      for (const ShellWord& w : c.redirects) {
        if (w.value.find("/bin") != std::string::npos) f.Set(&StageFacts::commands_open);
      }
    }
  }
}

}  // namespace

void ApplyShellCommand(StageFacts& facts, const ShellCommand& command) {
  FactsEditor editor(facts);
  Apply(editor, command);
}

void ApplyShellCommand(std::shared_ptr<StageFacts>& facts, const ShellCommand& command) {
  FactsEditor editor(facts);
  Apply(editor, command);
}

Ledger BuildLedger(const dockerfile::Dockerfile& df, const dockerfile::StageTable& stages,
                   const BaseFacts& bases, const std::vector<std::vector<const ShellScript*>>* scripts) {
  Ledger ledger;
  ledger.before_.reserve(df.instructions.size());
  ledger.before_commands_.resize(df.instructions.size());
  // The facts in force, shared with every entry recorded since they last changed; edit()
  // gives a private copy to change (copy on write).
  std::shared_ptr<StageFacts> current = std::make_shared<StageFacts>();
  auto edit = [&]() -> StageFacts& { return FactsEditor(current).Edit(); };
  size_t stage_index = 0;
  dockerfile::ExpandOptions options;
  options.escape = df.escape;
  auto expand = [&](const std::string& word) {
    // Nothing to expand or unquote: the common case, without building an environment.
    if (word.find_first_of(std::string_view("$'\"\\`")) == std::string::npos && word.find(df.escape) == std::string::npos) {
      return word;
    }
    dockerfile::ExpansionEnv env;
    for (const auto& [k, v] : current->env) env.Set(k, v);
    Result<dockerfile::ExpandedWord> r = dockerfile::ExpandWord(word, env, options);
    return r.ok() ? r->value : word;
  };
  for (const Instruction& in : df.instructions) {
    if (in.keyword == Keyword::kFrom) {
      if (stage_index > 0) ledger.at_end_.push_back(current);
      SharedFacts start;
      if (stage_index < stages.stages.size()) {
        const dockerfile::Stage& stage = stages.stages[stage_index];
        using Kind = dockerfile::StageRef::Kind;
        if (stage.base.kind == Kind::kStage && stage.base.stage && *stage.base.stage < ledger.at_end_.size()) {
          start = ledger.at_end_[*stage.base.stage];
        } else if (stage.base.kind != Kind::kScratch) {
          start = bases.Lookup(stage.base.text);
        }
        current = start ? std::make_shared<StageFacts>(*start) : std::make_shared<StageFacts>();
        if (stage.base.kind == Kind::kScratch) current->base_known = true;
        current->base = stage.base.text;
      } else {
        current = std::make_shared<StageFacts>();
      }
      ++stage_index;
    }
    ledger.before_.push_back(current);
    switch (in.keyword) {
      case Keyword::kEnv:
        for (const dockerfile::KeyValue& kv : dockerfile::KeyValues(in)) {
          std::string value = expand(kv.value->value);
          edit().env[kv.key->value] = std::move(value);
        }
        break;
      case Keyword::kArg:
        for (const dockerfile::ArgDecl& a : dockerfile::ArgDecls(in)) {
          if (a.default_value && !current->env.count(a.name)) {
            std::string value = expand(*a.default_value);
            edit().env[a.name] = std::move(value);
          }
        }
        break;
      case Keyword::kUser:
        if (!in.args.empty()) {
          std::string user = expand(in.args[0].value);
          edit().user = user.substr(0, user.find(':'));
        }
        break;
      case Keyword::kWorkdir:
        if (!in.args.empty()) {
          std::string workdir = JoinPath(current->workdir, expand(in.args[0].value));
          edit().workdir = std::move(workdir);
        }
        break;
      case Keyword::kShell: {
        std::vector<std::string> shell;
        for (const dockerfile::Word& w : in.args) shell.push_back(w.value);
        if (!shell.empty()) edit().shell = shell;
        break;
      }
      case Keyword::kRun: {
        size_t index = static_cast<size_t>(&in - df.instructions.data());
        std::vector<SharedFacts>& before = ledger.before_commands_[index];
        auto apply = [&](const ShellCommand& c) {
          before.push_back(current);
          ApplyShellCommand(current, c);
        };
        if (scripts && index < scripts->size()) {
          for (const ShellScript* script : (*scripts)[index]) {
            for (const ShellCommand& c : script->commands) apply(c);
          }
        } else {
          for (const RunScriptSource& source : RunScriptSources(in)) {
            for (const ShellCommand& c : ParseShellScript(source.text).commands) apply(c);
          }
        }
        break;
      }
      case Keyword::kCopy:
      case Keyword::kAdd: {
        std::optional<dockerfile::SourcesAndDest> sd = dockerfile::AsSourcesAndDest(in);
        if (!sd) break;
        std::string dest = JoinPath(current->workdir, expand(sd->dest->value));
        std::optional<std::string> from = dockerfile::FlagValue(in, "from");
        if (from) {
          // A venv copied from another stage keeps working at the same path.
          std::optional<size_t> source = stages.Find(*from);
          if (source && *source < ledger.at_end_.size()) {
            for (const std::string& venv : ledger.at_end_[*source]->venvs) {
              for (const dockerfile::Word* src : sd->sources) {
                if (CleanPath(src->value) == venv) edit().venvs.push_back(dest);
              }
            }
          }
        }
        if (!current->commands_open && (dest.find("/bin") != std::string::npos || dest == "/" ||
                                        dest == "/usr" || dest == "/usr/local")) {
          edit().commands_open = true;
        }
        break;
      }
      default:
        break;
    }
  }
  if (stage_index > 0) ledger.at_end_.push_back(current);
  return ledger;
}

}  // namespace drydock::lint
