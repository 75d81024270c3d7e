// Agreement counts per file and section for the PEP 440 / 508 conformance tests.
#ifndef DRYDOCK_TESTS_PYENV_PEP_TALLY_H_
#define DRYDOCK_TESTS_PYENV_PEP_TALLY_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "pyenv/marker.h"
#include "pyenv/version.h"
#include "testing/corpus.h"

namespace drydock::pyenv {

class PepTally {
 public:
  // An empty disagreement means the case passed.
  void Add(const std::string& section, const std::string& disagreement) {
    Counts& c = by_section_[section];
    ++c.total;
    if (disagreement.empty()) {
      ++c.agreed;
      return;
    }
    if (listed_++ < 30) failures_ += "[" + section + "] " + disagreement + "\n";
  }
  void Report(const std::string& file) const {
    int agreed = 0, total = 0;
    for (const auto& [section, c] : by_section_) {
      testing::ReportCount(file + " " + section + ": " + std::to_string(c.agreed) + "/" +
                           std::to_string(c.total));
      agreed += c.agreed;
      total += c.total;
    }
    testing::ReportCount(file + " TOTAL: " + std::to_string(agreed) + "/" + std::to_string(total));
  }
  int disagreements() const {
    int n = 0;
    for (const auto& [section, c] : by_section_) n += c.total - c.agreed;
    return n;
  }
  const std::string& failures() const { return failures_; }

 private:
  struct Counts {
    int agreed = 0;
    int total = 0;
  };
  std::map<std::string, Counts> by_section_;
  std::string failures_;
  int listed_ = 0;
};

inline std::string ShowJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

inline std::optional<bool> OptBool(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].get<bool>();
}

// A JSON number or decimal string (big PEP 440 numbers) as text.
inline std::string NumberText(const nlohmann::json& j) {
  return j.is_string() ? j.get<std::string>() : std::to_string(j.get<long long>());
}

// Compares every component field present in `expected` with the parsed version.
inline std::string CompareComponents(const Version& v, const nlohmann::json& expected) {
  std::string out;
  auto check = [&](const char* key, const nlohmann::json& got) {
    if (expected.contains(key) && expected[key] != got) {
      out += std::string(key) + ": got " + ShowJson(got) + " want " + ShowJson(expected[key]) + "; ";
    }
  };
  auto num = [](const Number& n) -> nlohmann::json {
    if (n.fits_uint64() && n.value() <= static_cast<uint64_t>(INT64_MAX)) {
      return static_cast<long long>(n.value());
    }
    return n.ToString();
  };
  check("str", v.ToString());
  check("public", v.Public());
  check("base_version", v.BaseVersion());
  check("epoch", num(v.epoch()));
  nlohmann::json release = nlohmann::json::array();
  for (const Number& n : v.release()) release.push_back(num(n));
  check("release", release);
  check("pre", v.pre() ? nlohmann::json::array({std::string(PreKindString(v.pre()->kind)),
                                                num(v.pre()->number)})
                       : nlohmann::json());
  check("post", v.post() ? num(*v.post()) : nlohmann::json());
  check("dev", v.dev() ? num(*v.dev()) : nlohmann::json());
  check("local", v.LocalString() ? nlohmann::json(*v.LocalString()) : nlohmann::json());
  check("major", num(v.major()));
  check("minor", num(v.minor()));
  check("micro", num(v.micro()));
  check("is_prerelease", v.is_prerelease());
  check("is_postrelease", v.is_postrelease());
  check("is_devrelease", v.is_devrelease());
  return out;
}

// Builds a MarkerEnvironment from a JSON object (lists are the set-valued variables).
inline MarkerEnvironment EnvironmentFromJson(const nlohmann::json& j) {
  MarkerEnvironment env;
  for (const auto& [key, value] : j.items()) {
    if (value.is_array()) {
      std::vector<std::string> list = value.get<std::vector<std::string>>();
      if (key == "extras") env.extras = list;
      if (key == "dependency_groups") env.dependency_groups = list;
    } else if (value.is_string()) {
      env.values[key] = value.get<std::string>();
    }
  }
  return env;
}

inline MarkerContext ContextFromJson(const nlohmann::json& j) {
  if (!j.contains("context") || j["context"].is_null()) return MarkerContext::kMetadata;
  std::string c = j["context"].get<std::string>();
  if (c == "lock_file") return MarkerContext::kLockFile;
  if (c == "requirement") return MarkerContext::kRequirement;
  return MarkerContext::kMetadata;
}

inline std::string ErrorName(MarkerErrorKind kind) {
  switch (kind) {
    case MarkerErrorKind::kUndefinedComparison: return "UndefinedComparison";
    case MarkerErrorKind::kUndefinedEnvironmentName: return "UndefinedEnvironmentName";
    case MarkerErrorKind::kNone: break;
  }
  return "None";
}

}  // namespace drydock::pyenv

#endif  // DRYDOCK_TESTS_PYENV_PEP_TALLY_H_
