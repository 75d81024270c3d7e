#include "lint/shell_script.h"

#include <algorithm>

namespace drydock::lint {

std::string_view ShellCommand::Name() const {
  if (words.empty()) return {};
  std::string_view name = words[0].value;
  size_t slash = name.rfind('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsOperatorChar(char c) {
  return c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>' ||
         c == '\n';
}
bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool IsAssignment(std::string_view w) {
  size_t eq = w.find('=');
  if (eq == 0 || eq == std::string_view::npos) return false;
  if (w[0] >= '0' && w[0] <= '9') return false;
  return std::all_of(w.begin(), w.begin() + static_cast<long>(eq), IsNameChar);
}

// Reads one shell text (the script, or the inside of a substitution) into simple commands.
// Offsets are kept relative to the whole script. Recursion is bounded by kMaxDepth.
class Reader {
 public:
  Reader(std::string_view script, ShellScript& out) : s_(script), out_(out) {}

  // Parses commands from pos_ until end of input or an unmatched `closer` (')' or '}' or '`'),
  // which is consumed. Returns false when input ended first for a non-empty closer.
  bool ParseList(int depth, char closer) {
    bool previous_pipe = false;
    while (true) {
      SkipBlanksAndComments();
      if (pos_ >= s_.size()) return closer == 0;
      char c = s_[pos_];
      if (closer && c == closer) {
        ++pos_;
        return true;
      }
      if (c == '\n' || c == ';') {
        if (c == ';' && Peek(1) == ';') {  // `;;` ends a case branch; a pattern follows.
          pos_ += 2;
          if (in_case_ > 0) SkipCasePattern();
        } else {
          ++pos_;
        }
        if (c == '\n') SkipPendingHeredocs();
        previous_pipe = false;
        continue;
      }
      if (c == ')' || c == '}' || c == '&' || c == '|') {
        // A stray closer or operator: skip it rather than loop.
        ++pos_;
        continue;
      }
      ShellCommand command;
      command.depth = depth;
      command.in_pipeline = previous_pipe;
      ParseCommand(command, depth);
      previous_pipe = command.next == ShellConnector::kPipe;
      if (previous_pipe) command.in_pipeline = true;
      if (!command.words.empty() || !command.assignments.empty() || !command.redirects.empty()) {
        out_.commands.push_back(std::move(command));
      }
      if (failed_) return false;
    }
  }

  bool failed() const { return failed_; }

 private:
  static constexpr int kMaxDepth = 64;

  char Peek(size_t ahead) const { return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0'; }

  void Fail(std::string message) {
    if (!failed_) out_.problems.push_back(std::move(message));
    failed_ = true;
    pos_ = s_.size();
  }

  void SkipBlanksAndComments() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (IsBlank(c) || c == '\r') {
        ++pos_;
      } else if (c == '\\' && Peek(1) == '\n') {
        pos_ += 2;
      } else if (c == '#') {
        while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
  }

  // Heredoc bodies start after the newline that ends the line which opened them.
  void SkipPendingHeredocs() {
    for (const auto& [delimiter, strip_tabs] : pending_heredocs_) {
      while (pos_ < s_.size()) {
        size_t end = s_.find('\n', pos_);
        std::string_view line = s_.substr(pos_, end == std::string_view::npos ? std::string_view::npos : end - pos_);
        pos_ = end == std::string_view::npos ? s_.size() : end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (strip_tabs) {
          while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
        }
        if (line == delimiter) break;
      }
    }
    pending_heredocs_.clear();
  }

  // One simple (or compound-prefixed) command, up to and including its connector.
  void ParseCommand(ShellCommand& command, int depth) {
    command.begin = static_cast<uint32_t>(pos_);
    bool at_start = true;
    while (true) {
      SkipBlanksAndComments();
      if (pos_ >= s_.size()) break;
      char c = s_[pos_];
      if (c == ';') {
        command.next = ShellConnector::kSequence;
        break;
      }
      if (c == '\n') break;
      if (c == '&') {
        if (Peek(1) == '&') {
          pos_ += 2;
          command.next = ShellConnector::kAnd;
          break;
        }
        if (Peek(1) == '>') {  // `&>file`
          pos_ += Peek(2) == '>' ? 3 : 2;
          ReadRedirectTarget(command, depth);
          continue;
        }
        ++pos_;
        command.next = ShellConnector::kBackground;
        break;
      }
      if (c == '|') {
        if (Peek(1) == '|') {
          pos_ += 2;
          command.next = ShellConnector::kOr;
          break;
        }
        pos_ += Peek(1) == '&' ? 2 : 1;
        command.next = ShellConnector::kPipe;
        break;
      }
      if (c == ')' || (c == '}' && at_start)) break;
      if (c == '(') {
        if (!command.words.empty() && Peek(1) == ')') {  // `name()` function definition.
          pos_ += 2;
          command.words.clear();
          at_start = true;
          continue;
        }
        ++pos_;
        if (depth + 1 > kMaxDepth) return Fail("nesting too deep");
        if (!ParseList(depth + 1, ')')) {
          if (!failed_) Fail("unterminated subshell");
          return;
        }
        continue;
      }
      if (c == '<' || c == '>') {
        ParseRedirect(command, depth);
        continue;
      }
      // A word, possibly a redirect with a file-descriptor prefix (`2>&1`).
      size_t digits = pos_;
      while (digits < s_.size() && s_[digits] >= '0' && s_[digits] <= '9') ++digits;
      if (digits > pos_ && digits < s_.size() && (s_[digits] == '<' || s_[digits] == '>')) {
        pos_ = digits;
        ParseRedirect(command, depth);
        continue;
      }
      ShellWord word = ReadWord(depth);
      if (failed_) {
        command.end = static_cast<uint32_t>(s_.size());
        return;
      }
      if (at_start && !word.quoted) {
        std::string_view v = word.value;
        if (v == "if" || v == "then" || v == "else" || v == "elif" || v == "do" || v == "while" ||
            v == "until" || v == "!" || v == "{" || v == "time") {
          continue;  // A prefix: the command follows.
        }
        if (v == "esac" && in_case_ > 0) --in_case_;
        if (v == "fi" || v == "done" || v == "esac" || v == "}") break;
        if (v == "for" || v == "select") {
          SkipUntilDo();
          continue;
        }
        if (v == "case") {
          SkipCaseHeader();
          continue;
        }
        if (command.words.empty() && IsAssignment(v)) {
          command.assignments.push_back(std::move(word));
          continue;
        }
      }
      at_start = false;
      command.words.push_back(std::move(word));
    }
    command.end = static_cast<uint32_t>(pos_);
    while (command.end > command.begin && (IsBlank(s_[command.end - 1]) || IsOperatorChar(s_[command.end - 1]))) {
      --command.end;
    }
  }

  // `for x in a b c; do` / `for x; do`: the loop header is not a command.
  void SkipUntilDo() {
    while (pos_ < s_.size()) {
      SkipBlanksAndComments();
      if (pos_ >= s_.size()) return;
      char c = s_[pos_];
      if (c == ';' || c == '\n') {
        ++pos_;
        continue;
      }
      ShellWord w = ReadWord(0);
      if (failed_ || w.value == "do") return;
    }
  }

  // `case WORD in` and then each `pattern)`; branch bodies are parsed as commands.
  void SkipCaseHeader() {
    ++in_case_;
    while (pos_ < s_.size()) {
      SkipBlanksAndComments();
      ShellWord w = ReadWord(0);
      if (failed_ || w.value == "in" || w.value.empty()) break;
    }
    SkipCasePattern();
  }

  void SkipCasePattern() {
    // Patterns run to an unquoted ')'; several branches follow one another after `;;`.
    SkipBlanksAndComments();
    while (pos_ < s_.size() && (s_[pos_] == '\n' || IsBlank(s_[pos_]))) ++pos_;
    if (s_.substr(pos_, 4) == "esac") return;
    size_t close = s_.find(')', pos_);
    size_t newline = s_.find('\n', pos_);
    if (close != std::string_view::npos && (newline == std::string_view::npos || close < newline)) {
      pos_ = close + 1;
    }
  }

  void ParseRedirect(ShellCommand& command, int depth) {
    char c = s_[pos_];
    if (c == '<' && Peek(1) == '<' && Peek(2) == '<') {  // Here-string.
      pos_ += 3;
      ReadRedirectTarget(command, depth);
      return;
    }
    if (c == '<' && Peek(1) == '<') {  // Heredoc: `<<WORD`, `<<-WORD`.
      pos_ += 2;
      bool strip = Peek(0) == '-';
      if (strip) ++pos_;
      SkipBlanksAndComments();
      ShellWord delimiter = ReadWord(depth);
      pending_heredocs_.emplace_back(delimiter.value, strip);
      return;
    }
    ++pos_;
    if (pos_ < s_.size() && (s_[pos_] == '>' || s_[pos_] == '&' || s_[pos_] == '|' || s_[pos_] == '<')) {
      bool dup = s_[pos_] == '&';
      ++pos_;
      if (dup) {
        // `>&2`, `2>&1`, `>&-`: a descriptor, not a file.
        size_t start = pos_;
        while (pos_ < s_.size() && ((s_[pos_] >= '0' && s_[pos_] <= '9') || s_[pos_] == '-')) ++pos_;
        if (pos_ > start) return;
      }
    }
    ReadRedirectTarget(command, depth);
  }

  void ReadRedirectTarget(ShellCommand& command, int depth) {
    SkipBlanksAndComments();
    if (pos_ >= s_.size() || IsOperatorChar(s_[pos_])) return;
    command.redirects.push_back(ReadWord(depth));
  }

  // Reads one word from pos_; quotes removed, expansions kept as written.
  ShellWord ReadWord(int depth) {
    ShellWord word;
    size_t start = pos_;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (IsBlank(c) || c == '\r' || IsOperatorChar(c)) break;
      if (c == '\\') {
        if (Peek(1) == '\n') {
          pos_ += 2;
          continue;
        }
        if (pos_ + 1 < s_.size()) word.value += s_[pos_ + 1];
        word.quoted = true;
        pos_ += 2;
        continue;
      }
      if (c == '\'') {
        size_t end = s_.find('\'', pos_ + 1);
        if (end == std::string_view::npos) {
          Fail("unterminated single quote at offset " + std::to_string(pos_));
          break;
        }
        word.value.append(s_.substr(pos_ + 1, end - pos_ - 1));
        word.quoted = true;
        pos_ = end + 1;
        continue;
      }
      if (c == '"') {
        word.quoted = true;
        ++pos_;
        ReadDoubleQuoted(word, depth);
        continue;
      }
      if (c == '$' || c == '`') {
        ReadExpansion(word, depth);
        continue;
      }
      word.value += c;
      ++pos_;
    }
    word.begin = static_cast<uint32_t>(start);
    word.end = static_cast<uint32_t>(pos_);
    word.raw = s_.substr(start, pos_ - start);
    return word;
  }

  void ReadDoubleQuoted(ShellWord& word, int depth) {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '"') {
        ++pos_;
        return;
      }
      if (c == '\\' && pos_ + 1 < s_.size()) {
        char n = s_[pos_ + 1];
        if (n == '\n') {
          pos_ += 2;
          continue;
        }
        if (n == '"' || n == '\\' || n == '$' || n == '`') {
          word.value += n;
        } else {
          word.value += c;
          word.value += n;
        }
        pos_ += 2;
        continue;
      }
      if (c == '$' || c == '`') {
        ReadExpansion(word, depth);
        if (failed_) return;
        continue;
      }
      word.value += c;
      ++pos_;
    }
    Fail("unterminated double quote");
  }

  // `$name`, `${...}`, `$(...)`, `$((...))`, backticks: kept as written; commands inside
  // substitutions are parsed as nested commands.
  void ReadExpansion(ShellWord& word, int depth) {
    size_t start = pos_;
    word.has_expansion = true;
    if (s_[pos_] == '`') {
      ++pos_;
      size_t end = pos_;
      while (end < s_.size() && s_[end] != '`') end += s_[end] == '\\' ? 2 : 1;
      if (end >= s_.size()) return Fail("unterminated backquote");
      ParseNested(pos_, end, depth);
      pos_ = end + 1;
      word.value.append(s_.substr(start, pos_ - start));
      return;
    }
    char n = Peek(1);
    if (n == '(' && Peek(2) == '(') {  // Arithmetic.
      pos_ += 3;
      int level = 2;
      while (pos_ < s_.size() && level > 0) {
        if (s_[pos_] == '(') ++level;
        if (s_[pos_] == ')') --level;
        ++pos_;
      }
      if (level > 0) return Fail("unterminated arithmetic expansion");
    } else if (n == '(') {
      pos_ += 2;
      if (depth + 1 > kMaxDepth) return Fail("nesting too deep");
      if (!ParseList(depth + 1, ')')) {
        if (!failed_) Fail("unterminated command substitution");
        return;
      }
    } else if (n == '{') {
      pos_ += 2;
      int level = 1;
      while (pos_ < s_.size() && level > 0) {
        char c = s_[pos_];
        if (c == '\\') {
          pos_ += 2;
          continue;
        }
        if (c == '\'' || c == '"') {
          size_t end = s_.find(c, pos_ + 1);
          pos_ = end == std::string_view::npos ? s_.size() : end + 1;
          continue;
        }
        if (c == '{') ++level;
        if (c == '}') --level;
        ++pos_;
      }
      if (level > 0) return Fail("unterminated ${");
    } else {
      ++pos_;
      if (pos_ < s_.size() && (IsNameChar(s_[pos_]))) {
        while (pos_ < s_.size() && IsNameChar(s_[pos_])) ++pos_;
      } else if (pos_ < s_.size() && std::string_view("@*#?-$!").find(s_[pos_]) != std::string_view::npos) {
        ++pos_;
      }
    }
    word.value.append(s_.substr(start, pos_ - start));
  }

  // Parses s_[begin, end) (the inside of backquotes) as nested commands.
  void ParseNested(size_t begin, size_t end, int depth) {
    if (depth + 1 > kMaxDepth) return Fail("nesting too deep");
    size_t saved = pos_;
    std::string_view saved_s = s_;
    // Offsets stay relative to the whole script: parse a view that ends at `end`.
    s_ = saved_s.substr(0, end);
    pos_ = begin;
    auto saved_heredocs = std::move(pending_heredocs_);
    pending_heredocs_.clear();
    ParseList(depth + 1, 0);
    pending_heredocs_ = std::move(saved_heredocs);
    s_ = saved_s;
    pos_ = saved;
  }

  std::string_view s_;
  size_t pos_ = 0;
  ShellScript& out_;
  bool failed_ = false;
  int in_case_ = 0;  // Open `case` statements.
  std::vector<std::pair<std::string, bool>> pending_heredocs_;
};

}  // namespace

ShellScript ParseShellScript(std::string_view script) {
  ShellScript result;
  Reader reader(script, result);
  reader.ParseList(0, 0);
  std::stable_sort(result.commands.begin(), result.commands.end(),
                   [](const ShellCommand& a, const ShellCommand& b) { return a.begin < b.begin; });
  return result;
}

}  // namespace drydock::lint
