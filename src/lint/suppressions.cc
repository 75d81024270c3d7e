#include "lint/suppressions.h"

#include <array>
#include <utility>

#include "base/strings.h"
#include "lint/registry.h"

namespace drydock::lint {

namespace {

// hadolint and BuildKit codes with a drydock equivalent (documented in docs/lint.md).
constexpr std::array<std::pair<std::string_view, std::string_view>, 28> kPeerCodes = {{
    {"DL1000", "DD0001"}, {"DL3002", "DD6001"}, {"DL3004", "DD4004"}, {"DL3006", "DD1001"},
    {"DL3007", "DD1002"}, {"DL3009", "DD2003"}, {"DL3012", "DD7002"}, {"DL3013", "DD3006"},
    {"DL3014", "DD2001"}, {"DL3020", "DD5002"}, {"DL3021", "DD5003"}, {"DL3022", "DD1007"},
    {"DL3023", "DD1007"}, {"DL3024", "DD1006"}, {"DL3025", "DD7001"}, {"DL3027", "DD2001"},
    {"DL3042", "DD3005"}, {"DL4003", "DD7002"}, {"DL4004", "DD7002"}, {"DL4006", "DD4001"},
    {"JSONArgsRecommended", "DD7001"}, {"MultipleInstructionsDisallowed", "DD7002"},
    {"DuplicateStageName", "DD1006"}, {"ReservedStageName", "DD1006"},
    {"StageNameCasing", "DD1006"}, {"UndefinedArgInFrom", "DD1005"},
    {"InvalidDefaultArgInFrom", "DD1005"}, {"CopyIgnoredFile", "DD8003"},
}};

enum class Scope { kNext, kStage, kGlobal };

std::vector<std::string> SplitCodes(std::string_view list) {
  std::vector<std::string> codes;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string code(TrimAsciiSpace(list.substr(start, comma - start)));
    if (!code.empty()) codes.push_back(code);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return codes;
}

void Resolve(Pragma& p, const std::vector<std::string>& codes, bool peer) {
  for (const std::string& code : codes) {
    std::string_view id;
    if (IsShellcheckCode(code)) {
      // Kept for --shellcheck, which applies pragmas to SC findings itself.
      p.rule_ids.push_back(code);
      continue;
    }
    if (const RuleInfo* rule = FindRule(code)) id = rule->id;
    else id = PeerCodeToRule(code);
    if (id.empty()) {
      // Unmapped hadolint/SC codes are someone else's business: not unknown to a peer pragma.
      if (!peer) p.unknown.push_back(code);
      continue;
    }
    p.rule_ids.emplace_back(id);
  }
  p.used.assign(p.rule_ids.size(), false);
}

}  // namespace

bool IsShellcheckCode(std::string_view code) {
  if (code.size() < 4 || code.substr(0, 2) != "SC") return false;
  for (char c : code.substr(2)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string_view PeerCodeToRule(std::string_view code) {
  for (const auto& [peer, rule] : kPeerCodes) {
    if (peer == code) return rule;
  }
  return "";
}

std::vector<Pragma> ParsePragmas(const SourceFile& file, const dockerfile::Dockerfile& df) {
  std::vector<Pragma> pragmas;
  uint32_t last = file.line_count();
  for (uint32_t line = 1; line <= file.line_count(); ++line) {
    std::string_view text = TrimAsciiSpace(file.LineText(line));
    if (text.empty() || text[0] != '#') continue;
    std::string_view body = TrimAsciiSpace(text.substr(1));
    bool peer = false;
    if (body.rfind("drydock ", 0) == 0) {
      body.remove_prefix(8);
    } else if (body.rfind("hadolint ", 0) == 0) {
      body.remove_prefix(9);
      peer = true;
    } else {
      continue;
    }
    Scope scope = Scope::kNext;
    body = TrimAsciiSpace(body);
    if (body.rfind("global ", 0) == 0) {
      scope = Scope::kGlobal;
      body = TrimAsciiSpace(body.substr(7));
    } else if (body.rfind("stage ", 0) == 0) {
      scope = Scope::kStage;
      body = TrimAsciiSpace(body.substr(6));
    }
    if (body.rfind("ignore=", 0) != 0) continue;
    body.remove_prefix(7);
    body = body.substr(0, body.find(" --"));      // The reason.
    body = TrimAsciiSpace(body.substr(0, body.find(' ')));
    Pragma p;
    uint32_t begin = file.LineStart(line);
    p.span = Span{begin, begin + static_cast<uint32_t>(file.LineText(line).size())};
    Resolve(p, SplitCodes(body), peer);
    // Coverage: the next instruction, the next FROM's stage, or everything.
    const dockerfile::Instruction* next = nullptr;
    for (const dockerfile::Instruction& in : df.instructions) {
      if (in.start_line > line) {
        next = &in;
        break;
      }
    }
    if (scope == Scope::kGlobal) {
      p.first_line = 1;
      p.last_line = last;
    } else if (next == nullptr) {
      continue;
    } else if (scope == Scope::kNext) {
      p.first_line = next->start_line;
      p.last_line = next->end_line;
    } else {
      p.first_line = next->start_line;
      p.last_line = last;
      for (const dockerfile::Instruction& in : df.instructions) {
        if (in.start_line > next->start_line && in.keyword == dockerfile::Keyword::kFrom) {
          p.last_line = in.start_line - 1;
          break;
        }
      }
    }
    pragmas.push_back(std::move(p));
  }
  // BuildKit's `# check=skip=A,B;error=true` directive covers the file.
  if (const dockerfile::Directive* check = df.FindDirective("check")) {
    std::string_view value = check->value;
    for (std::string_view part : {value}) {
      size_t skip = part.find("skip=");
      if (skip == std::string_view::npos) break;
      std::string_view list = part.substr(skip + 5);
      list = list.substr(0, list.find(';'));
      Pragma p;
      p.span = check->span;
      p.first_line = 1;
      p.last_line = last;
      if (TrimAsciiSpace(list) == "all") continue;
      Resolve(p, SplitCodes(list), /*peer=*/true);
      pragmas.push_back(std::move(p));
    }
  }
  return pragmas;
}

}  // namespace drydock::lint
