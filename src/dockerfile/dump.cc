#include "dockerfile/dump.h"

#include "base/go_text.h"

namespace drydock::dockerfile {

namespace {

std::string FlagTexts(const std::vector<Flag>& flags) {
  std::vector<std::string> texts;
  texts.reserve(flags.size());
  for (const Flag& f : flags) texts.push_back(f.text);
  return GoQuoteList(texts);
}

}  // namespace

std::string DumpInstruction(const Instruction& instruction) {
  std::string out = GoToLower(instruction.keyword_text);
  if (!instruction.flags.empty()) {
    out += ' ';
    out += FlagTexts(instruction.flags);
  }
  if (instruction.child) {
    // The ONBUILD target is a child list on the chain's node: " (" + target + ")".
    out += " (";
    out += DumpInstruction(*instruction.child);
    out += ')';
  }
  for (const Word& arg : instruction.args) {
    out += ' ';
    out += GoQuote(arg.value);
  }
  return std::string(TrimGoSpace(out));
}

std::string DumpDockerfile(const Dockerfile& dockerfile) {
  std::string out;
  for (const Instruction& instruction : dockerfile.instructions) {
    out += '(';
    out += DumpInstruction(instruction);
    out += ")\n";
  }
  out = std::string(TrimGoSpace(out));
  out += '\n';
  return out;
}

}  // namespace drydock::dockerfile
