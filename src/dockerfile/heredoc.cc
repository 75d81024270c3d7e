#include "dockerfile/heredoc.h"

#include <algorithm>
#include <limits>

#include "dockerfile/word_expander.h"

namespace drydock::dockerfile {

namespace {

bool IsRegexSpace(char c) {  // Go regexp's \s: [\t\n\f\r ].
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

size_t CountQuotes(std::string_view s) {
  return static_cast<size_t>(std::count(s.begin(), s.end(), '\'') +
                             std::count(s.begin(), s.end(), '"'));
}

}  // namespace

Result<std::vector<Heredoc>> ParseHeredocWord(std::string_view word) {
  // ^(\d*)<<(-?)\s*([^<]*)$
  size_t pos = 0;
  while (pos < word.size() && word[pos] >= '0' && word[pos] <= '9') ++pos;
  std::string_view digits = word.substr(0, pos);
  if (word.substr(pos, 2) != "<<") return std::vector<Heredoc>{};
  pos += 2;
  bool chomp = pos < word.size() && word[pos] == '-';
  if (chomp) ++pos;
  while (pos < word.size() && IsRegexSpace(word[pos])) ++pos;
  std::string_view rest = word.substr(pos);
  if (rest.empty() || rest.find('<') != std::string_view::npos) return std::vector<Heredoc>{};

  ExpandOptions options;
  options.skip_unset_env = true;
  ExpansionEnv empty;
  Result<std::vector<std::string>> words = ExpandWords(rest, empty, options);
  if (!words.ok()) return words.error();
  if (words->size() != 1) return std::vector<Heredoc>{};
  options.raw_quotes = true;
  Result<std::vector<std::string>> raw = ExpandWords(rest, empty, options);
  if (!raw.ok()) return raw.error();
  if (raw->size() != 1) {
    return MakeError("internal lexing of heredoc produced inconsistent results: " +
                     std::string(rest));
  }

  Heredoc heredoc;
  heredoc.name = (*words)[0];
  heredoc.expand = CountQuotes((*words)[0]) == CountQuotes((*raw)[0]);
  heredoc.chomp = chomp;
  // strconv.ParseUint: empty gives 0, overflow gives the maximum (BuildKit ignores the error).
  uint64_t fd = 0;
  for (char c : digits) {
    uint64_t digit = static_cast<uint64_t>(c - '0');
    if (fd > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
      fd = std::numeric_limits<uint64_t>::max();
      break;
    }
    fd = fd * 10 + digit;
  }
  heredoc.fd = fd;
  return std::vector<Heredoc>{std::move(heredoc)};
}

Result<std::vector<Heredoc>> HeredocsFromLine(std::string_view line) {
  ExpandOptions options;
  options.raw_quotes = true;
  options.raw_escapes = true;
  options.skip_unset_env = true;
  Result<std::vector<std::string>> words = ExpandWords(line, ExpansionEnv(), options);
  std::vector<Heredoc> heredocs;
  if (!words.ok()) return heredocs;  // BuildKit ignores a lexing failure here.
  for (const std::string& word : *words) {
    Result<std::vector<Heredoc>> found = ParseHeredocWord(word);
    if (!found.ok()) return found.error();
    for (Heredoc& h : *found) heredocs.push_back(std::move(h));
  }
  return heredocs;
}

std::string ChompHeredocContent(std::string_view content) {
  std::string out;
  out.reserve(content.size());
  bool line_start = true;
  for (char c : content) {
    if (line_start && c == '\t') continue;
    line_start = c == '\n';
    out += c;
  }
  return out;
}

}  // namespace drydock::dockerfile
