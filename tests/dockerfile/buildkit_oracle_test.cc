// Differential test against BuildKit's own answers (shared/corpus/buildkit-oracle): for each
// generated and real Dockerfile, the Dump(), the rejection and its message and lines, the
// warnings, heredocs, escape token, directive look-ups and per-node details must agree.
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/source_file.h"
#include "dockerfile/directives.h"
#include "dockerfile/dump.h"
#include "base/go_text.h"
#include "dockerfile/parser.h"
#include "testing/corpus.h"

namespace drydock::dockerfile {
namespace {

using nlohmann::json;

std::string DecodeBase64(const std::string& in) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : in) {
    size_t v = kAlphabet.find(c);
    if (v == std::string::npos) continue;
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// Go's JSON encoder writes each invalid UTF-8 byte as U+FFFD; compare our strings the same way.
std::string AsGoJson(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    DecodedRune d = DecodeRune(s, i);
    if (d.rune == kRuneError && d.width == 1) {
      AppendRune(out, kRuneError);
    } else {
      out.append(s.substr(i, d.width));
    }
    i += d.width;
  }
  return out;
}

// Returns "" when our parse agrees with the case, else what differs.
std::string Compare(const json& c, const std::string& text) {
  SourceFile file("Dockerfile", text);
  Dockerfile df = Parse(file);
  if (c.contains("error")) {
    if (df.errors.empty()) return "accepted; BuildKit says: " + c["error"].get<std::string>();
    const SyntaxError& first = df.errors.front();
    if (first.message != c["error"].get<std::string>()) {
      return "error " + first.message + " != " + c["error"].get<std::string>();
    }
    if (json(first.buildkit_lines) != c["error_lines"]) {
      return "error lines " + json(first.buildkit_lines).dump() + " != " + c["error_lines"].dump();
    }
    return "";
  }
  if (!df.errors.empty()) return "rejected: " + df.errors.front().message;
  std::string dump = DumpDockerfile(df);
  if (dump != c["dump"].get<std::string>()) {
    return "dump\n  got:  " + json(AsGoJson(dump)).dump() + "\n  want: " + c["dump"].dump();
  }
  std::string escape(1, df.escape);
  if (escape != c["escape"].get<std::string>()) return "escape " + escape;

  const json& want_warnings = c["warnings"];
  if (want_warnings.size() != df.warnings.size()) return "warning count";
  for (size_t i = 0; i < df.warnings.size(); ++i) {
    if (AsGoJson(df.warnings[i].message) != want_warnings[i]["short"].get<std::string>() ||
        df.warnings[i].line != want_warnings[i]["line"].get<uint32_t>()) {
      return "warning " + df.warnings[i].message;
    }
  }

  const json& nodes = c["nodes"];
  if (nodes.size() != df.instructions.size()) return "node count";
  json heredocs = json::array();
  for (size_t i = 0; i < nodes.size(); ++i) {
    const Instruction& in = df.instructions[i];
    const json& n = nodes[i];
    std::vector<std::string> flags;
    for (const Flag& f : in.flags) flags.push_back(AsGoJson(f.text));
    std::vector<std::string> comments;
    for (const std::string& s : in.comments) comments.push_back(AsGoJson(s));
    if (AsGoJson(in.keyword_text) != n["value"].get<std::string>()) return "node value";
    if (in.start_line != n["start"].get<uint32_t>() || in.end_line != n["end"].get<uint32_t>()) {
      return "node lines " + std::to_string(i) + ": " + std::to_string(in.start_line) + "-" +
             std::to_string(in.end_line);
    }
    if (json(flags) != n["flags"]) return "node flags";
    if (in.json != n["json"].get<bool>()) return "node json";
    if (json(comments) != n["comments"]) return "node comments " + json(comments).dump();
    if (AsGoJson(in.original) != n["original"].get<std::string>()) {
      return "node original " + json(AsGoJson(in.original)).dump();
    }
    for (const Heredoc& h : in.heredocs) {
      heredocs.push_back({{"node", i}, {"name", AsGoJson(h.name)}, {"content", AsGoJson(h.content)},
                          {"expand", h.expand}, {"chomp", h.chomp}, {"fd", h.fd}});
    }
  }
  json want_heredocs = c["heredocs"];
  for (json& h : want_heredocs) h.erase("content_b64");
  if (heredocs != want_heredocs) return "heredocs " + heredocs.dump();

  json directives = json::object();
  for (const char* key : {"syntax", "escape", "check"}) {
    if (auto found = FindDirective(key, text)) {
      directives[key] = {{"value", AsGoJson(found->value)},
                         {"cmdline", AsGoJson(found->cmdline)},
                         {"line", found->line}};
    }
  }
  if (directives != c["directives"]) return "directives " + directives.dump();
  json detect = nullptr;
  if (auto found = DetectSyntax(text)) {
    detect = {{"value", AsGoJson(found->value)}, {"cmdline", AsGoJson(found->cmdline)},
              {"line", found->line}};
  }
  if (detect != c["detect_syntax"]) return "detect_syntax " + detect.dump();
  return "";
}

struct Tally {
  int agree = 0;
  int total = 0;
};

void RunFile(const std::string& relative, bool real) {
  std::map<std::string, Tally> by_category;
  std::vector<std::string> failures;
  for (const std::string& line : testing::ReadLines(testing::CorpusPath(relative))) {
    json c = json::parse(line);
    std::string text;
    if (real) {
      text = testing::ReadFileOrDie(
          testing::CorpusPath("real-dockerfiles/" + c["source"].get<std::string>()));
    } else if (c.contains("dockerfile_b64")) {
      text = DecodeBase64(c["dockerfile_b64"].get<std::string>());
    } else {
      text = c["dockerfile"].get<std::string>();
    }
    std::string diff = Compare(c, text);
    Tally& t = by_category[c["category"].get<std::string>()];
    ++t.total;
    if (diff.empty()) {
      ++t.agree;
    } else if (failures.size() < 25) {
      failures.push_back(c["name"].get<std::string>() + ": " + diff);
    }
  }
  Tally all;
  for (const auto& [category, t] : by_category) {
    testing::ReportCount("buildkit-oracle " + relative.substr(relative.find('/') + 1) + " " +
                         category + ": " + std::to_string(t.agree) + "/" +
                         std::to_string(t.total));
    all.agree += t.agree;
    all.total += t.total;
  }
  testing::ReportCount("buildkit-oracle " + relative.substr(relative.find('/') + 1) +
                       " TOTAL: " + std::to_string(all.agree) + "/" + std::to_string(all.total));
  EXPECT_GT(all.total, 0);
  for (const std::string& f : failures) ADD_FAILURE() << f;
}

TEST(BuildkitOracle, ParserCases) { RunFile("buildkit-oracle/parser.jsonl", false); }

TEST(BuildkitOracle, RealDockerfiles) { RunFile("buildkit-oracle/parser_real.jsonl", true); }

}  // namespace
}  // namespace drydock::dockerfile
