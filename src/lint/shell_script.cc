// A recursive-descent reader for the POSIX-sh grammar (plus the bash forms common in
// Dockerfiles: `[[ ]]`, `(( ))`, `<(...)`, `$'...'`, `|&`, `&>`, arrays). It is lenient: a
// closer nothing opened is skipped, a construct left open ends with the script, and only what
// makes the rest unreadable (an unterminated quote or substitution, absurd nesting) stops it.
#include "lint/shell_script.h"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace drydock::lint {

std::string_view ShellCommand::Name() const {
  if (words.empty()) return {};
  std::string_view name = words[0].value;
  size_t slash = name.rfind('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

namespace {

// What ends a list: the tokens that close a construct. A list stops at those its own construct
// or any enclosing one expects, so a missing `fi` or `done` cannot swallow an outer closer.
using StopMask = uint32_t;
constexpr StopMask kNoStop = 0;
constexpr StopMask kEof = 1u << 0;
constexpr StopMask kParen = 1u << 1;  // `)`
constexpr StopMask kBrace = 1u << 2;  // `}`
constexpr StopMask kThen = 1u << 3;
constexpr StopMask kElif = 1u << 4;
constexpr StopMask kElse = 1u << 5;
constexpr StopMask kFi = 1u << 6;
constexpr StopMask kDo = 1u << 7;
constexpr StopMask kDone = 1u << 8;
constexpr StopMask kEsac = 1u << 9;
constexpr StopMask kCaseBreak = 1u << 10;  // `;;`, `;&`, `;;&`
constexpr StopMask kFailed = 1u << 11;

// Bounds recursion so hostile input cannot exhaust the stack; real scripts nest a few levels.
constexpr int kMaxNesting = 200;

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
// Characters that end an unquoted word.
bool IsMeta(char c) {
  return IsBlank(c) || c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')' ||
         c == '<' || c == '>';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || IsDigit(c); }

// `NAME=` or `NAME+=` at the start of `raw` (as written, so `"A=1"` is not an assignment).
bool StartsWithAssignment(std::string_view raw) {
  if (raw.empty() || !IsNameStart(raw[0])) return false;
  size_t i = 1;
  while (i < raw.size() && IsNameChar(raw[i])) ++i;
  if (i < raw.size() && raw[i] == '+') ++i;
  return i < raw.size() && raw[i] == '=';
}

// The escapes of bash's `$'...'` that matter for reading commands.
char AnsiCEscape(char c) {
  switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case 'a': return '\a';
    case 'b': return '\b';
    case 'e': return '\x1b';
    case 'f': return '\f';
    case 'v': return '\v';
    default: return c;
  }
}

class Reader {
 public:
  Reader(std::string_view script, ShellScript& out) : s_(script), end_(script.size()), out_(out) {}

  void Run() {
    ParseList(0, kNoStop);
    // Heredocs opened on the last line have no body in this text.
    for (const PendingHeredoc& p : pending_) {
      if (ShellHeredoc* h = Find(p)) {
        h->body_begin = h->body_end = static_cast<uint32_t>(s_.size());
        h->body = s_.substr(s_.size());
      }
    }
  }

 private:
  struct PendingHeredoc {
    int command;  // Index in out_.commands, or -1 for a compound command's redirection.
    size_t index;
    std::string delimiter;
    bool strip_tabs;
  };

  // Counts recursion; past kMaxNesting the reader stops with a problem.
  class Nest {
   public:
    explicit Nest(Reader& reader) : reader_(reader) {
      if (++reader_.nesting_ > kMaxNesting) reader_.Fail("nesting too deep");
    }
    ~Nest() { --reader_.nesting_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    Reader& reader_;
  };

  // ---- Low-level scanning. Invariant: pos_ <= end_ <= s_.size(). ----

  bool AtEnd() const { return pos_ >= end_; }
  char Peek(size_t ahead) const { return pos_ + ahead < end_ ? s_[pos_ + ahead] : '\0'; }
  bool DelimiterAt(size_t i) const { return i >= end_ || IsMeta(s_[i]); }
  bool LooksAt(std::string_view text) const {
    return end_ - pos_ >= text.size() && s_.compare(pos_, text.size(), text) == 0;
  }
  // Length of a line continuation (backslash-newline, or backslash-CRLF) at `i`, or 0.
  size_t ContinuationAt(size_t i) const {
    if (i + 1 < end_ && s_[i] == '\\' && s_[i + 1] == '\n') return 2;
    if (i + 2 < end_ && s_[i] == '\\' && s_[i + 1] == '\r' && s_[i + 2] == '\n') return 3;
    return 0;
  }

  void Fail(std::string message) {
    if (!failed_) out_.problems.push_back(std::move(message));
    failed_ = true;
    pos_ = end_;
  }
  void FailAt(const char* what, size_t offset) {
    Fail(std::string(what) + " at offset " + std::to_string(offset));
  }

  // Blanks, line continuations and comments; not newlines.
  void SkipSpace() {
    while (pos_ < end_) {
      char c = s_[pos_];
      if (IsBlank(c)) {
        ++pos_;
      } else if (size_t n = ContinuationAt(pos_)) {
        pos_ += n;
      } else if (c == '#') {
        while (pos_ < end_ && s_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
  }

  // Blanks and continuations only: where a comment cannot start (before a redirection target).
  void SkipBlanks() {
    while (pos_ < end_) {
      if (IsBlank(s_[pos_])) {
        ++pos_;
      } else if (size_t n = ContinuationAt(pos_)) {
        pos_ += n;
      } else {
        break;
      }
    }
  }

  void SkipSpaceAndNewlines() {
    while (true) {
      SkipSpace();
      if (AtEnd() || s_[pos_] != '\n') return;
      ++pos_;
      SkipPendingHeredocs();
    }
  }

  // The unquoted reserved word at pos_ (it must end at a delimiter), or "".
  std::string_view PeekReserved() const {
    static constexpr std::string_view kWords[] = {
        "if",    "then",  "elif", "else",     "fi",   "do", "done", "case", "esac", "while",
        "until", "for",   "select", "function", "time", "in", "{",    "}",    "!",    "[["};
    size_t i = pos_;
    while (i < end_ && !IsMeta(s_[i])) {
      char c = s_[i];
      if (!((c >= 'a' && c <= 'z') || c == '{' || c == '}' || c == '!' || c == '[')) return {};
      if (++i - pos_ > 8) return {};
    }
    std::string_view word = s_.substr(pos_, i - pos_);
    for (std::string_view w : kWords) {
      if (word == w) return word;
    }
    return {};
  }

  // The closer at pos_ (a command position), or kNoStop; `*length` gets its length.
  StopMask PeekStop(size_t* length) const {
    char c = s_[pos_];
    if (c == ')') {
      *length = 1;
      return kParen;
    }
    if (c == ';' && (Peek(1) == ';' || Peek(1) == '&')) {
      *length = Peek(1) == ';' && Peek(2) == '&' ? 3 : 2;
      return kCaseBreak;
    }
    std::string_view w = PeekReserved();
    *length = w.size();
    if (w == "then") return kThen;
    if (w == "elif") return kElif;
    if (w == "else") return kElse;
    if (w == "fi") return kFi;
    if (w == "do") return kDo;
    if (w == "done") return kDone;
    if (w == "esac") return kEsac;
    if (w == "}") return kBrace;
    return kNoStop;
  }

  void ConsumeStop() {
    size_t length = 0;
    if (PeekStop(&length) != kNoStop) pos_ += length;
  }

  // ---- Commands. ----

  size_t Reserve() {
    // The slot is taken before the command's words are read so that commands nested in them
    // (`$(...)`) come after it: the list stays in source order without sorting.
    out_.commands.emplace_back();
    subst_of_.push_back(subst_level_);
    return out_.commands.size() - 1;
  }

  int Commit(size_t index, ShellCommand&& command) {
    bool empty = command.words.empty() && command.assignments.empty() &&
                 command.redirects.empty() && command.heredocs.empty();
    if (empty) {
      // Commands nested in a word that then failed to read may follow the slot.
      out_.commands.erase(out_.commands.begin() + static_cast<std::ptrdiff_t>(index));
      subst_of_.erase(subst_of_.begin() + static_cast<std::ptrdiff_t>(index));
      for (PendingHeredoc& p : pending_) {
        if (p.command > static_cast<int>(index)) --p.command;
      }
      return -1;
    }
    out_.commands[index] = std::move(command);
    return static_cast<int>(index);
  }

  // Reads commands until the end of input or a closer in `mask`, which is left unread.
  StopMask ParseList(int depth, StopMask mask) {
    Nest nest(*this);
    while (!failed_) {
      SkipSpace();
      if (AtEnd()) return kEof;
      char c = s_[pos_];
      if (c == '\n') {
        ++pos_;
        SkipPendingHeredocs();
        continue;
      }
      size_t length = 0;
      StopMask stop = PeekStop(&length);
      if (stop != kNoStop) {
        if (stop & mask) return stop;
        pos_ += length;  // A closer nothing opened.
        continue;
      }
      if (c == ';' || c == '&' || c == '|') {  // An empty command or a stray operator.
        ++pos_;
        continue;
      }
      size_t before = pos_;
      ParsePipeline(depth, mask);
      if (pos_ == before && !failed_) ++pos_;  // Never loop without reading.
    }
    return kFailed;
  }

  // `[!] [time] element | element |& element ...` and the connector after it.
  void ParsePipeline(int depth, StopMask mask) {
    size_t first = out_.commands.size();
    bool piped = false;
    while (!failed_) {
      SkipSpace();
      for (std::string_view w = PeekReserved(); w == "!" || w == "time"; w = PeekReserved()) {
        pos_ += w.size();
        SkipSpace();
        if (w == "time" && LooksAt("-p") && DelimiterAt(pos_ + 2)) {
          pos_ += 2;
          SkipSpace();
        }
      }
      int last = ParseElement(depth, mask);
      if (failed_) break;
      ShellConnector next = ReadConnector();
      if (last >= 0) out_.commands[static_cast<size_t>(last)].next = next;
      if (next != ShellConnector::kPipe) break;
      piped = true;
      SkipSpaceAndNewlines();
    }
    if (!piped) return;
    // Every command of every element, compound ones included, but not those inside a
    // substitution: `echo $(date) | tee x` pipes echo, not date.
    for (size_t i = first; i < out_.commands.size(); ++i) {
      if (subst_of_[i] == subst_level_) out_.commands[i].in_pipeline = true;
    }
  }

  ShellConnector ReadConnector() {
    SkipSpace();
    if (AtEnd()) return ShellConnector::kEnd;
    char c = s_[pos_];
    char n = Peek(1);
    if (c == '&') {
      pos_ += n == '&' ? 2 : 1;
      return n == '&' ? ShellConnector::kAnd : ShellConnector::kBackground;
    }
    if (c == '|') {
      pos_ += n == '|' || n == '&' ? 2 : 1;
      return n == '|' ? ShellConnector::kOr : ShellConnector::kPipe;
    }
    if (c == ';') {
      if (n != ';' && n != '&') ++pos_;  // `;;` is left for the case reader.
      return ShellConnector::kSequence;
    }
    return ShellConnector::kEnd;
  }

  // One pipeline element. Returns the index of the simple command it was, or -1 for a
  // compound command (or nothing).
  int ParseElement(int depth, StopMask mask) {
    Nest nest(*this);
    SkipSpace();
    if (failed_ || AtEnd()) return -1;
    std::string_view w = PeekReserved();
    if (w == "if") {
      ParseIf(depth, mask);
    } else if (w == "while" || w == "until") {
      ParseWhile(depth, mask, w.size());
    } else if (w == "for" || w == "select") {
      ParseFor(depth, mask, w.size());
    } else if (w == "case") {
      ParseCase(depth, mask);
    } else if (w == "{") {
      ParseGroup(depth, mask);
    } else if (w == "function") {
      ParseFunction(depth, mask);
      return -1;
    } else if (w == "[[") {
      return ParseDoubleBracket(depth);
    } else if (w == "then" || w == "elif" || w == "else" || w == "fi" || w == "do" ||
               w == "done" || w == "esac" || w == "}") {
      return -1;  // A closer: the list reader decides whose it is.
    } else if (s_[pos_] == '(') {
      // `(( expr ))` is not a command. When its inner `(` never closes, no reading is valid;
      // stopping also spares rescanning to the end at every level of `((((...`.
      Arithmetic arithmetic = Peek(1) == '(' ? SkipArithmetic(pos_) : Arithmetic::kNot;
      if (arithmetic == Arithmetic::kUnterminated) {
        FailAt("unterminated ((", pos_);
        return -1;
      }
      if (arithmetic == Arithmetic::kNot) {
        ++pos_;
        if (ParseList(depth + 1, mask | kParen) == kParen) ++pos_;
      }
    } else {
      return ParseSimple(depth, mask);
    }
    ParseCompoundRedirects(depth);
    return -1;
  }

  // `VAR=x cmd args >file`, up to (not including) its connector.
  int ParseSimple(int depth, StopMask mask) {
    size_t index = Reserve();
    ShellCommand command;
    command.words.reserve(8);  // Most commands have a few words: one allocation, not four.
    command.depth = depth;
    command.begin = static_cast<uint32_t>(pos_);
    size_t last_end = pos_;
    while (!failed_) {
      SkipSpace();
      if (AtEnd()) break;
      char c = s_[pos_];
      bool process_substitution = (c == '<' || c == '>') && Peek(1) == '(';
      if (!process_substitution && AtRedirect()) {
        ParseRedirect(command, static_cast<int>(index), depth);
        last_end = pos_;
        continue;
      }
      if (c == '(' && IsFunctionDefinition(command)) {
        pos_ = s_.find(')', pos_) + 1;  // IsFunctionDefinition saw it.
        command.words.clear();          // The name is not a command.
        Commit(index, std::move(command));
        SkipSpaceAndNewlines();
        ParseElement(depth, mask);  // The body.
        return -1;
      }
      if (IsMeta(c) && !process_substitution) break;
      ShellWord word = ReadWord(depth, command.words.empty());
      if (failed_) break;  // The broken word is dropped; what came before it stays.
      last_end = pos_;
      if (command.words.empty() && StartsWithAssignment(word.raw)) {
        command.assignments.push_back(std::move(word));
      } else {
        command.words.push_back(std::move(word));
      }
    }
    command.end = static_cast<uint32_t>(last_end);
    return Commit(index, std::move(command));
  }

  bool IsFunctionDefinition(const ShellCommand& command) const {
    if (command.words.size() != 1 || !command.assignments.empty() || !command.redirects.empty() ||
        !command.heredocs.empty()) {
      return false;
    }
    size_t i = pos_ + 1;
    while (i < end_ && IsBlank(s_[i])) ++i;
    return i < end_ && s_[i] == ')';
  }

  // `[[ expr ]]`: one command whose words run to `]]`; `&&`, `<`, `(` inside are words.
  int ParseDoubleBracket(int depth) {
    size_t index = Reserve();
    ShellCommand command;
    command.depth = depth;
    command.begin = static_cast<uint32_t>(pos_);
    size_t last_end = pos_;
    while (!failed_) {
      SkipSpace();
      if (AtEnd()) break;
      char c = s_[pos_];
      if (c == '\n') {
        ++pos_;
        continue;
      }
      if (c == ';' || (c == '&' && Peek(1) != '&')) break;
      if (IsMeta(c)) {
        size_t length = (c == '&' || c == '|') && Peek(1) == c ? 2 : 1;
        ShellWord op;
        op.begin = static_cast<uint32_t>(pos_);
        op.raw = s_.substr(pos_, length);
        op.value = std::string(op.raw);
        pos_ += length;
        op.end = static_cast<uint32_t>(pos_);
        last_end = pos_;
        command.words.push_back(std::move(op));
        continue;
      }
      ShellWord word = ReadWord(depth, false);
      if (failed_) break;
      last_end = pos_;
      bool closes = word.raw == "]]";
      command.words.push_back(std::move(word));
      if (closes) break;
    }
    while (!failed_) {
      SkipSpace();
      if (!AtRedirect()) break;
      ParseRedirect(command, static_cast<int>(index), depth);
      last_end = pos_;
    }
    command.end = static_cast<uint32_t>(last_end);
    return Commit(index, std::move(command));
  }

  // ---- Compound commands. Their keywords are not commands; their bodies' commands are. ----

  void ParseIf(int depth, StopMask mask) {
    pos_ += 2;
    StopMask stop = ParseList(depth, mask | kThen);
    while (stop == kThen) {
      ConsumeStop();
      stop = ParseList(depth, mask | kElif | kElse | kFi);
      if (stop == kElif) {
        ConsumeStop();
        stop = ParseList(depth, mask | kThen);
        continue;
      }
      if (stop == kElse) {
        ConsumeStop();
        stop = ParseList(depth, mask | kFi);
      }
      if (stop == kFi) ConsumeStop();
      return;
    }
  }

  void ParseWhile(int depth, StopMask mask, size_t keyword_length) {
    pos_ += keyword_length;
    if (ParseList(depth, mask | kDo) != kDo) return;
    ParseDoBody(depth, mask);
  }

  // `do LIST done`, at `do`.
  void ParseDoBody(int depth, StopMask mask) {
    ConsumeStop();
    if (ParseList(depth, mask | kDone) == kDone) ConsumeStop();
  }

  // `for NAME [in WORD...]; do LIST done`, `for ((;;)); do`, and bash's `for x in y; { LIST; }`.
  // The word list is not a command, but substitutions in it run and are listed.
  void ParseFor(int depth, StopMask mask, size_t keyword_length) {
    pos_ += keyword_length;
    SkipSpace();
    if (LooksAt("((")) {
      if (SkipArithmetic(pos_) != Arithmetic::kRead) return;
    } else if (!DelimiterAt(pos_)) {
      ReadWord(depth, false);
    }
    SkipSpaceAndNewlines();
    if (PeekReserved() == "in") {
      pos_ += 2;
      while (!failed_) {
        SkipSpace();
        if (DelimiterAt(pos_)) break;
        ReadWord(depth, false);
      }
    }
    SkipSpace();
    if (!AtEnd() && s_[pos_] == ';' && Peek(1) != ';' && Peek(1) != '&') ++pos_;
    SkipSpaceAndNewlines();
    if (failed_ || AtEnd()) return;
    std::string_view w = PeekReserved();
    if (w == "do") {
      ParseDoBody(depth, mask);
    } else if (w == "{") {
      ParseGroup(depth, mask);
    }
  }

  // `case WORD in [(]PATTERN[|PATTERN]...) LIST ;; ... esac`.
  void ParseCase(int depth, StopMask mask) {
    pos_ += 4;
    SkipSpace();
    if (!DelimiterAt(pos_)) ReadWord(depth, false);
    SkipSpaceAndNewlines();
    if (PeekReserved() == "in") pos_ += 2;
    while (!failed_) {
      SkipSpaceAndNewlines();
      if (AtEnd()) return;
      if (PeekReserved() == "esac") {
        pos_ += 4;
        return;
      }
      size_t length = 0;
      if (StopMask stop = PeekStop(&length); stop != kNoStop && (stop & mask)) return;
      if (s_[pos_] == '(') ++pos_;
      while (!failed_) {  // The patterns: data, not commands.
        SkipSpace();
        if (AtEnd()) return;
        char c = s_[pos_];
        if (c == ')') {
          ++pos_;
          break;
        }
        if (c == '\n') break;  // No `)`: read the rest as the branch body.
        if (IsMeta(c)) {       // `|` between patterns, or junk.
          ++pos_;
          continue;
        }
        ReadWord(depth, false);
      }
      StopMask stop = ParseList(depth, mask | kCaseBreak | kEsac);
      if (stop == kCaseBreak) {
        ConsumeStop();
        continue;
      }
      if (stop == kEsac) ConsumeStop();
      return;
    }
  }

  // `{ LIST; }`: its commands are one level deeper, like a subshell's.
  void ParseGroup(int depth, StopMask mask) {
    ++pos_;
    if (ParseList(depth + 1, mask | kBrace) == kBrace) ConsumeStop();
  }

  // `function NAME [()] BODY`; `NAME() BODY` is found by ParseSimple.
  void ParseFunction(int depth, StopMask mask) {
    pos_ += 8;
    SkipSpace();
    if (!DelimiterAt(pos_)) ReadWord(depth, false);
    SkipSpace();
    if (!AtEnd() && s_[pos_] == '(') {
      size_t i = pos_ + 1;
      while (i < end_ && IsBlank(s_[i])) ++i;
      if (i < end_ && s_[i] == ')') pos_ = i + 1;
    }
    SkipSpaceAndNewlines();
    ParseElement(depth, mask);
  }

  // `done <input`, `} >log`: read so heredoc bodies are skipped; there is no command to own them.
  void ParseCompoundRedirects(int depth) {
    ShellCommand ignored;
    while (!failed_) {
      SkipSpace();
      if (!AtRedirect()) return;
      ParseRedirect(ignored, -1, depth);
    }
  }

  enum class Arithmetic { kRead, kNot, kUnterminated };

  // `((` ... `))` starting at `open`: when the two parentheses close as a pair, moves past them
  // (kRead); otherwise (`((a); b)` is a subshell in a subshell) leaves pos_ alone.
  Arithmetic SkipArithmetic(size_t open) {
    int level = 0;
    for (size_t i = open; i < end_; ++i) {
      char c = s_[i];
      if (c == '\\') {
        ++i;
      } else if (c == '(') {
        ++level;
      } else if (c == ')' && --level == 1) {
        if (i + 1 < end_ && s_[i + 1] == ')') {
          pos_ = i + 2;
          return Arithmetic::kRead;
        }
        return Arithmetic::kNot;
      }
    }
    return Arithmetic::kUnterminated;
  }

  // ---- Redirections. ----

  bool AtRedirect() const {
    if (AtEnd()) return false;
    char c = s_[pos_];
    if (c == '<' || c == '>') return true;
    if (c == '&') return Peek(1) == '>';
    size_t i = pos_;
    while (i < end_ && IsDigit(s_[i])) ++i;
    return i > pos_ && i < end_ && (s_[i] == '<' || s_[i] == '>');
  }

  // At a redirection (AtRedirect()): reads the operator and its target. `index` is the
  // command's slot in out_.commands (for heredoc bodies), or -1.
  void ParseRedirect(ShellCommand& command, int index, int depth) {
    size_t op_begin = pos_;
    while (pos_ < end_ && IsDigit(s_[pos_])) ++pos_;
    char c = s_[pos_];
    char n = Peek(1);
    bool duplicate = false;
    if (c == '&') {  // `&>`, `&>>`
      pos_ += Peek(2) == '>' ? 3 : 2;
    } else if (c == '<' && n == '<') {
      if (Peek(2) == '<') {  // Here-string.
        pos_ += 3;
      } else {
        bool strip_tabs = Peek(2) == '-';
        pos_ += strip_tabs ? 3 : 2;
        ReadHeredocDelimiter(command, index, depth, strip_tabs);
        return;
      }
    } else if (n == '&') {  // `>&2`, `<&0`, `2>&1`, `>&-`, or bash's `>&file`.
      pos_ += 2;
      duplicate = true;
    } else if ((c == '>' && (n == '>' || n == '|')) || (c == '<' && n == '>')) {
      pos_ += 2;
    } else {
      pos_ += 1;
    }
    std::string_view op = s_.substr(op_begin, pos_ - op_begin);
    SkipBlanks();
    if (AtEnd()) return;
    if (duplicate) {
      size_t i = pos_;
      while (i < end_ && IsDigit(s_[i])) ++i;
      if (i < end_ && s_[i] == '-') ++i;
      if (i > pos_ && DelimiterAt(i)) {  // A descriptor, not a file.
        pos_ = i;
        return;
      }
    }
    char t = s_[pos_];
    if (IsMeta(t) && !((t == '<' || t == '>') && Peek(1) == '(')) return;  // No target.
    command.redirects.push_back(ReadWord(depth, false));
    command.redirect_ops.push_back(op);
  }

  void ReadHeredocDelimiter(ShellCommand& command, int index, int depth, bool strip_tabs) {
    SkipBlanks();
    if (DelimiterAt(pos_)) return;  // `<<` without a word: nothing to skip.
    ShellWord word = ReadWord(depth, false);
    if (failed_) return;
    ShellHeredoc heredoc;
    heredoc.delimiter = word.value;
    heredoc.quoted = word.quoted;
    heredoc.strip_tabs = strip_tabs;
    command.heredocs.push_back(std::move(heredoc));
    pending_.push_back({index, command.heredocs.size() - 1, std::move(word.value), strip_tabs});
  }

  // Heredoc bodies start on the line after the one that opened them; pos_ is at its start.
  void SkipPendingHeredocs() {
    std::string_view text = s_.substr(0, end_);
    for (const PendingHeredoc& p : pending_) {
      size_t body_begin = pos_;
      size_t body_end = end_;
      bool terminated = false;
      while (pos_ < end_) {
        size_t line_begin = pos_;
        size_t newline = text.find('\n', pos_);
        if (newline == std::string_view::npos) newline = end_;
        pos_ = newline < end_ ? newline + 1 : end_;
        std::string_view line = text.substr(line_begin, newline - line_begin);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (p.strip_tabs) {
          while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
        }
        if (line == p.delimiter) {
          body_end = line_begin;
          terminated = true;
          break;
        }
      }
      ShellHeredoc* h = Find(p);
      if (!h) continue;
      h->body_begin = static_cast<uint32_t>(body_begin);
      h->body_end = static_cast<uint32_t>(body_end);
      h->body = s_.substr(body_begin, body_end - body_begin);
      h->terminated = terminated;
    }
    pending_.clear();
  }

  // The heredoc `p` stands for, or null when its command owns none (a compound command's) or
  // has not been stored yet (a newline inside the command that opened it).
  ShellHeredoc* Find(const PendingHeredoc& p) {
    if (p.command < 0 || static_cast<size_t>(p.command) >= out_.commands.size()) return nullptr;
    std::vector<ShellHeredoc>& heredocs = out_.commands[static_cast<size_t>(p.command)].heredocs;
    return p.index < heredocs.size() ? &heredocs[p.index] : nullptr;
  }

  // ---- Words. ----

  // One word from pos_ (which is not at a metacharacter, except `<(`/`>(`): quotes and
  // escapes removed, expansions kept as written and their commands listed one level deeper.
  // `array_ok`: the word may be an array assignment `A=(x y)`.
  ShellWord ReadWord(int depth, bool array_ok) {
    ShellWord word;
    size_t start = pos_;
    while (pos_ < end_ && !failed_) {
      char c = s_[pos_];
      if (c == '\\') {
        if (size_t n = ContinuationAt(pos_)) {
          pos_ += n;
          continue;
        }
        if (pos_ + 1 >= end_) {  // A trailing backslash stays literal, as in bash.
          word.value += c;
          ++pos_;
          break;
        }
        word.value += s_[pos_ + 1];
        word.quoted = true;
        pos_ += 2;
        continue;
      }
      if ((c == '<' || c == '>') && Peek(1) == '(' && pos_ == start) {
        pos_ += 2;
        ReadSubstitutionBody(depth, start, "unterminated process substitution");
        if (failed_) break;
        word.has_expansion = true;
        word.value.append(s_.substr(start, pos_ - start));
        continue;
      }
      if (c == '(' && array_ok && StartsWithAssignment(s_.substr(start, pos_ - start)) &&
          s_[pos_ - 1] == '=') {
        ReadArrayLiteral(word, depth);
        continue;
      }
      if (IsMeta(c)) break;
      if (c == '\'') {
        ReadSingleQuoted(word.value);
        word.quoted = true;
      } else if (c == '"') {
        word.quoted = true;
        ReadDoubleQuoted(word, depth);
      } else if (c == '$' || c == '`') {
        ReadDollar(word, depth, false);
      } else {
        word.value += c;
        ++pos_;
      }
    }
    word.begin = static_cast<uint32_t>(start);
    word.end = static_cast<uint32_t>(pos_);
    word.raw = s_.substr(start, pos_ - start);
    return word;
  }

  void ReadSingleQuoted(std::string& value) {
    size_t open = pos_;
    size_t close = s_.substr(0, end_).find('\'', open + 1);
    if (close == std::string_view::npos) return FailAt("unterminated single quote", open);
    value.append(s_.substr(open + 1, close - open - 1));
    pos_ = close + 1;
  }

  // At `"`: backslash escapes only `$`, `` ` ``, `"`, `\` and newline inside double quotes.
  void ReadDoubleQuoted(ShellWord& word, int depth) {
    Nest nest(*this);
    if (failed_) return;
    size_t open = pos_++;
    while (pos_ < end_ && !failed_) {
      char c = s_[pos_];
      if (c == '"') {
        ++pos_;
        return;
      }
      if (c == '\\') {
        if (size_t n = ContinuationAt(pos_)) {
          pos_ += n;
          continue;
        }
        char n = Peek(1);
        if (n == '"' || n == '\\' || n == '$' || n == '`') {
          word.value += n;
          pos_ += 2;
          continue;
        }
        word.value += c;
        ++pos_;
        continue;
      }
      if (c == '$' || c == '`') {
        ReadDollar(word, depth, true);
        continue;
      }
      word.value += c;
      ++pos_;
    }
    if (!failed_) FailAt("unterminated double quote", open);
  }

  // At `$` or `` ` ``: an expansion, kept in the value as written. Substitutions' commands are
  // listed at depth + 1. `$'...'` and `$"..."` are quoting, not expansions (outside quotes).
  void ReadDollar(ShellWord& word, int depth, bool in_double_quotes) {
    size_t start = pos_;
    char n = Peek(1);
    if (s_[pos_] == '`') {
      ReadBackquoted(depth);
    } else if (n == '(') {
      Arithmetic arithmetic = Peek(2) == '(' ? SkipArithmetic(pos_ + 1) : Arithmetic::kNot;
      if (arithmetic == Arithmetic::kUnterminated) {
        return FailAt("unterminated arithmetic expansion", start);
      }
      if (arithmetic == Arithmetic::kNot) {
        pos_ += 2;
        ReadSubstitutionBody(depth, start, "unterminated command substitution");
      }
    } else if (n == '{') {
      ReadParameterExpansion(depth);
    } else if (IsNameStart(n)) {
      pos_ += 2;
      while (pos_ < end_ && IsNameChar(s_[pos_])) ++pos_;
    } else if (n != '\0' && (IsDigit(n) || std::string_view("@*#?-$!").find(n) != std::string_view::npos)) {
      pos_ += 2;
    } else if (n == '\'' && !in_double_quotes) {
      ++pos_;
      ReadAnsiCQuoted(word);
      return;
    } else if (n == '"' && !in_double_quotes) {
      ++pos_;  // `$"..."`: the caller reads the double quotes.
      return;
    } else {
      word.value += '$';  // A lone `$` is literal.
      ++pos_;
      return;
    }
    if (failed_) return;
    word.has_expansion = true;
    word.value.append(s_.substr(start, pos_ - start));
  }

  // After `$(`, `<(` or `>(`: the commands up to the matching `)`.
  void ReadSubstitutionBody(int depth, size_t open, const char* unterminated) {
    // Heredocs opened before the substitution belong to the line outside it.
    std::vector<PendingHeredoc> outer = std::move(pending_);
    pending_.clear();
    ++subst_level_;
    StopMask stop = ParseList(depth + 1, kParen);
    --subst_level_;
    RestorePending(std::move(outer));
    if (failed_) return;
    if (stop != kParen) return FailAt(unterminated, open);
    ++pos_;
  }

  // At a backquote: the commands up to the next unescaped backquote, read as a script of its own.
  void ReadBackquoted(int depth) {
    size_t open = pos_;
    size_t close = open + 1;
    while (close < end_ && s_[close] != '`') close += s_[close] == '\\' ? 2 : 1;
    if (close >= end_) return FailAt("unterminated backquote", open);
    size_t outer_end = end_;
    std::vector<PendingHeredoc> outer = std::move(pending_);
    pending_.clear();
    end_ = close;
    pos_ = open + 1;
    ++subst_level_;
    ParseList(depth + 1, kNoStop);
    --subst_level_;
    RestorePending(std::move(outer));
    end_ = outer_end;
    pos_ = failed_ ? end_ : close + 1;
  }

  // Heredocs opened inside a substitution with no newline after them there read their bodies
  // after the outer line, after those opened before the substitution.
  void RestorePending(std::vector<PendingHeredoc>&& outer) {
    if (pending_.empty()) {
      pending_ = std::move(outer);
      return;
    }
    outer.insert(outer.end(), std::make_move_iterator(pending_.begin()),
                 std::make_move_iterator(pending_.end()));
    pending_ = std::move(outer);
  }

  // At `${`: up to the matching `}`, counting nested braces, skipping quotes (bash does so
  // even inside double quotes) and listing the commands of substitutions in it.
  void ReadParameterExpansion(int depth) {
    Nest nest(*this);
    if (failed_) return;
    size_t open = pos_;
    pos_ += 2;
    int level = 1;
    ShellWord scratch;  // Nested quotes and expansions are kept as written by the caller.
    while (pos_ < end_ && !failed_) {
      char c = s_[pos_];
      if (c == '\\') {
        pos_ = std::min(pos_ + 2, end_);
      } else if (c == '\'') {
        ReadSingleQuoted(scratch.value);
      } else if (c == '"') {
        ReadDoubleQuoted(scratch, depth);
      } else if (c == '$' || c == '`') {
        ReadDollar(scratch, depth, true);
      } else {
        if (c == '{') ++level;
        if (c == '}' && --level == 0) {
          ++pos_;
          return;
        }
        ++pos_;
      }
    }
    if (!failed_) FailAt("unterminated ${", open);
  }

  // After `$` at `'`: bash's ANSI-C quoting, backslash escapes processed.
  void ReadAnsiCQuoted(ShellWord& word) {
    size_t open = pos_++;
    word.quoted = true;
    while (pos_ < end_) {
      char c = s_[pos_];
      if (c == '\'') {
        ++pos_;
        return;
      }
      if (c == '\\' && pos_ + 1 < end_) {
        word.value += AnsiCEscape(s_[pos_ + 1]);
        pos_ += 2;
        continue;
      }
      word.value += c;
      ++pos_;
    }
    FailAt("unterminated single quote", open - 1);
  }

  // At the `(` of `NAME=(...)`: the elements are read as words (their substitutions run), the
  // value keeps the literal as written.
  void ReadArrayLiteral(ShellWord& word, int depth) {
    size_t open = pos_++;
    while (!failed_) {
      SkipSpace();
      if (AtEnd()) return FailAt("unterminated array assignment", open);
      if (s_[pos_] == ')') {
        ++pos_;
        word.value.append(s_.substr(open, pos_ - open));
        return;
      }
      // Newlines separate elements (they do not end the line that opened a heredoc: the
      // command goes on); other operators are invalid here and skipped rather than stopping.
      if (IsMeta(s_[pos_])) {
        ++pos_;
        continue;
      }
      ShellWord element = ReadWord(depth, false);
      word.quoted |= element.quoted;
      word.has_expansion |= element.has_expansion;
    }
  }

  std::string_view s_;
  size_t end_;  // Reading stops here: the end of the script, or of a backquoted region.
  size_t pos_ = 0;
  ShellScript& out_;
  bool failed_ = false;
  int nesting_ = 0;
  uint16_t subst_level_ = 0;         // Substitutions around pos_.
  std::vector<uint16_t> subst_of_;   // subst_level_ of each entry of out_.commands.
  std::vector<PendingHeredoc> pending_;  // Opened on the current line; bodies not yet skipped.
};

}  // namespace

ShellScript ParseShellScript(std::string_view script) {
  ShellScript result;
  Reader reader(script, result);
  reader.Run();
  return result;
}

}  // namespace drydock::lint
