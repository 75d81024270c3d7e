// The stage ledger: walking each stage in order, what is known to be present before every
// instruction — OS packages, the commands they provide, Python interpreters and venvs, pip
// installs, USER, WORKDIR, SHELL, ENV (PATH) — starting from the base image's facts. A stage
// FROM an earlier stage (or a project target) inherits that stage's final ledger. When the
// base is unknown, "is X present?" answers kUnknown and rules that need the fact stay silent.
#ifndef DRYDOCK_LINT_LEDGER_H_
#define DRYDOCK_LINT_LEDGER_H_

#include <map>
#include <initializer_list>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dockerfile/ast.h"
#include "dockerfile/stage_table.h"
#include "lint/shell_script.h"

namespace drydock::lint {

enum class Presence { kUnknown, kAbsent, kPresent };

// Where a stage's starting facts came from.
enum class BaseOrigin {
  kNone,           // Unknown image, scratch, or an earlier stage of the same file.
  kBuiltinTable,   // BuiltinBaseFacts(): known by name.
  kProjectTarget,  // An image the same project builds (ProjectFacts): its final ledger.
  kLocalImage,     // Read from an image in the local engine or a `docker save` file.
};

// A set of strings that is cheap to copy: an immutable shared base (what the base image
// brought, ~150 commands) plus the small changes made since. The ledger keeps a StageFacts per
// instruction and rules replay RUNs on copies, so copies must not duplicate the base.
class SharedStringSet {
 public:
  using Set = std::set<std::string>;
  SharedStringSet() = default;
  SharedStringSet(std::initializer_list<std::string> items) { insert(items.begin(), items.end()); }
  void insert(const std::string& s) {
    if (removed_.erase(s)) return;
    if (!InBase(s) && added_.insert(s).second && added_.size() > kMaxDelta) Freeze();
  }
  // Many at once (a base image's ~150 commands): frozen at most once, at the end.
  template <typename It>
  void insert(It begin, It end) {
    for (; begin != end; ++begin) {
      std::string s(*begin);
      if (!removed_.erase(s) && !InBase(s)) added_.insert(std::move(s));
    }
    if (added_.size() > kMaxDelta) Freeze();
  }
  size_t erase(const std::string& s) {
    if (added_.erase(s)) return 1;
    if (InBase(s) && removed_.insert(s).second) {
      if (removed_.size() > kMaxDelta) Freeze();
      return 1;
    }
    return 0;
  }
  size_t count(const std::string& s) const { return added_.count(s) || (InBase(s) && !removed_.count(s)); }
  bool empty() const { return size() == 0; }
  size_t size() const { return (base_ ? base_->size() : 0) + added_.size() - removed_.size(); }
  // The elements, sorted (a copy).
  Set Items() const {
    Set out = added_;
    if (base_) {
      for (const std::string& s : *base_) {
        if (!removed_.count(s)) out.insert(s);
      }
    }
    return out;
  }
  // Makes the current contents the shared base, so later copies share them.
  void Freeze() {
    if (added_.empty() && removed_.empty()) return;
    base_ = std::make_shared<const Set>(Items());
    added_.clear();
    removed_.clear();
  }

 private:
  static constexpr size_t kMaxDelta = 24;  // Beyond this, copies share a new base.
  bool InBase(const std::string& s) const { return base_ && base_->count(s); }
  std::shared_ptr<const Set> base_;
  Set added_, removed_;
};

// What one stage has at one point. Copyable (cheaply): the ledger keeps one per instruction.
struct StageFacts {
  bool base_known = false;   // The base image's contents are known (facts table, target, image).
  std::string base;          // The base image as written, ARGs expanded.
  BaseOrigin origin = BaseOrigin::kNone;
  std::string project_target;  // With kProjectTarget: the target that builds the base.
  std::string distro;        // "debian", "ubuntu", "alpine", "python" (official image); "" unknown.
  bool system_python_externally_managed = false;  // PEP 668 marker on the distro Python.
  SharedStringSet packages;  // OS packages installed (base + apt/apk/dnf installs).
  SharedStringSet commands;  // Commands known to resolve on PATH.
  // Commands the base may or may not have (varies by tag or variant): never asserted absent.
  SharedStringSet uncertain_commands;
  // Something put unknown commands on PATH (curl | sh, make install, COPY into a bin dir):
  // absence can no longer be asserted.
  bool commands_open = false;
  SharedStringSet pip_packages;         // Normalised names pip installed.
  std::vector<std::string> venvs;             // Directories created with `-m venv`/virtualenv.
  std::vector<std::string> venvs_created_as_root_in_root_home;
  // `pip install --user` ran as root: the packages are in /root/.local (mode 700 home).
  bool pip_user_install_as_root = false;
  bool ensurepip_available = false;           // Known only when base_known.
  std::string user = "root";                  // Effective USER ("" when unknown).
  std::string workdir = "/";
  std::vector<std::string> shell = {"/bin/sh", "-c"};
  std::map<std::string, std::string> env;     // ENV and ARG values known statically.

  // Whether `command` resolves on PATH (directory entries of PATH holding a venv's bin count).
  Presence HasCommand(const std::string& command) const;
  // The venvs whose bin directory is on PATH.
  std::vector<std::string> ActiveVenvs() const;
};

// Facts shared by every ledger entry they hold for: most instructions and RUN commands change
// nothing, so the entries before and after them are one object, copied only when something
// changes (ApplyShellCommand and BuildLedger copy on write). Never modified once shared.
using SharedFacts = std::shared_ptr<const StageFacts>;

// Facts about a base image by name, before any instruction runs: the seam through which the
// ledger learns what a FROM image contains. Providers chain, most precise first, each asking
// the next (its `fallback`) for images it does not know:
//   ProjectFacts (lint/project_facts.h): images the same project builds, from their ledgers;
//   an engine-image provider (to come): images present in the local engine or a `docker save`
//     file, read with the image reader — commands on PATH (`commands`, from the PATH
//     directories' entries), Python stdlib modules (`ensurepip_available`), `user`, `env`
//     (PATH included), `distro` from /etc/os-release, `packages` from the dpkg/apk database;
//   BuiltinBaseFacts(): the table of common bases by name.
// An implementation returns a StageFacts with `base_known = true` only when it knows the
// image's contents (commands absent from `commands` are then taken as absent, so list
// anything unsure in `uncertain_commands` or set `commands_open`), sets `origin`, and returns
// null for an image it knows nothing about. Lookup may be called many times with the same
// name and from several files (concurrently); it must be deterministic and must not fail (an
// unreadable image is "unknown"). The facts returned are shared, so a provider can hand out
// the same object to every caller.
class BaseFacts {
 public:
  virtual ~BaseFacts() = default;
  // Facts for `image` (as written, ARGs expanded, e.g. "debian:bookworm-slim"), or null
  // when unknown.
  virtual SharedFacts Lookup(const std::string& image) const = 0;
};

// The built-in table of common bases (debian, ubuntu, python:*, alpine, nvidia/cuda).
const BaseFacts& BuiltinBaseFacts();

// The facts of a Dockerfile, per instruction.
class Ledger {
 public:
  // Facts in force just before top-level instruction `index` (dockerfile.instructions[index]).
  const StageFacts& Before(size_t index) const { return *before_[index]; }
  // Facts at the end of stage `stage`.
  const StageFacts& AtEnd(size_t stage) const { return *at_end_[stage]; }
  size_t stage_count() const { return at_end_.size(); }
  // For a RUN: the facts just before each command it executes (every script, in order), so
  // "installed earlier in the same && chain" counts. Empty for other instructions.
  const std::vector<SharedFacts>& BeforeCommands(size_t index) const { return before_commands_[index]; }

 private:
  friend Ledger BuildLedger(const dockerfile::Dockerfile&, const dockerfile::StageTable&,
                            const BaseFacts&, const std::vector<std::vector<const ShellScript*>>*);
  std::vector<SharedFacts> before_;
  std::vector<std::vector<SharedFacts>> before_commands_;
  std::vector<SharedFacts> at_end_;
};

// Applies what one shell command does to `facts` (installs, removals, venvs, links, PATH
// changes through `export`). BuildLedger calls it for every command of every RUN; rules call
// it to replay a RUN up to the command they examine ("installed earlier in the same chain").
void ApplyShellCommand(StageFacts& facts, const ShellCommand& command);
// The same on facts that may be shared: `*facts` is replaced by a changed copy when the
// command changes something and another owner holds the object; otherwise it is changed in
// place or left alone.
void ApplyShellCommand(std::shared_ptr<StageFacts>& facts, const ShellCommand& command);

// Walks the file. `bases` answers for images that are not earlier stages. `scripts`, when
// given, holds each instruction's RUN scripts already parsed (as LintContext has them), so they
// are not parsed twice.
Ledger BuildLedger(const dockerfile::Dockerfile& dockerfile, const dockerfile::StageTable& stages,
                   const BaseFacts& bases,
                   const std::vector<std::vector<const ShellScript*>>* scripts = nullptr);

// The commands an OS package provides on PATH (python3 → python3, python3.11;
// python-is-python3 → python; curl → curl; ...). Empty for unknown packages.
const std::vector<std::string>& CommandsOfPackage(const std::string& package);

}  // namespace drydock::lint

#endif  // DRYDOCK_LINT_LEDGER_H_
