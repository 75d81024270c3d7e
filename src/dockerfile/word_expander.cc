// Word expansion as BuildKit's frontend/dockerfile/shell lexer does it. The input is read as
// Go's text/scanner reads it (UTF-8 runes, an invalid byte read as U+FFFD, a leading byte order
// mark skipped), and every quirk the builder's results depend on is kept: see the comments on
// WordSplitter, ShellPattern and Expander below.
#include "dockerfile/word_expander.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/go_text.h"

namespace drydock::dockerfile {
namespace {

// A character read from the input, or kEof past its end (Go's scanner.EOF).
using Rune = int32_t;
constexpr Rune kEof = -1;

// unicode.IsLetter / unicode.IsDigit; kEof and other negative values are neither.
bool IsLetter(Rune r) { return r >= 0 && IsGoLetter(static_cast<char32_t>(r)); }
bool IsDigit(Rune r) { return r >= 0 && IsGoDigit(static_cast<char32_t>(r)); }

// The POSIX special parameters, which BuildKit reads as one-character variable names.
bool IsSpecialParam(Rune r) {
  switch (r) {
    case '@':
    case '*':
    case '#':
    case '?':
    case '-':
    case '$':
    case '!':
    case '0':
      return true;
    default:
      return false;
  }
}

// Go's string(r) / WriteRune: kEof and other invalid values are written as U+FFFD.
void AppendGoRune(std::string& out, Rune r) {
  AppendRune(out, r < 0 ? kRuneError : static_cast<char32_t>(r));
}

// Reads runes the way Go's text/scanner does: UTF-8 decoded, each invalid byte read as U+FFFD,
// and a byte order mark at the very start skipped.
class RuneScanner {
 public:
  explicit RuneScanner(std::string_view text) : text_(text) {
    current_ = Decode();
    if (current_ == 0xFEFF) current_ = Decode();
  }

  Rune Peek() const { return current_; }

  Rune Next() {
    Rune r = current_;
    if (r != kEof) current_ = Decode();
    return r;
  }

 private:
  Rune Decode() {
    if (pos_ >= text_.size()) return kEof;
    DecodedRune decoded = DecodeRune(text_, pos_);
    pos_ += decoded.width;
    return static_cast<Rune>(decoded.rune);
  }

  std::string_view text_;
  size_t pos_ = 0;
  Rune current_ = kEof;
};

// string([]rune(s)) reversed: runes in reverse order, invalid bytes as U+FFFD.
std::string ReverseRunes(std::string_view s) {
  std::vector<char32_t> runes;
  runes.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    DecodedRune decoded = DecodeRune(s, i);
    runes.push_back(decoded.rune);
    i += decoded.width;
  }
  std::string out;
  out.reserve(s.size());
  for (auto it = runes.rbegin(); it != runes.rend(); ++it) AppendRune(out, *it);
  return out;
}

// Reverses a pattern rune by rune but keeps each `\x` pair in order (`a\*c` -> `c\*a`), so a
// suffix match can run as a prefix match on reversed text. A trailing `\` stays alone.
std::string ReversePattern(std::string_view pattern) {
  std::vector<char32_t> runes;
  runes.reserve(pattern.size());
  for (size_t i = 0; i < pattern.size();) {
    DecodedRune decoded = DecodeRune(pattern, i);
    runes.push_back(decoded.rune);
    i += decoded.width;
  }
  std::vector<char32_t> reversed(runes.size());
  const size_t last = runes.size() - 1;  // Unused when empty: the loop does not run.
  for (size_t i = 0; i < runes.size();) {
    const size_t to = last - i;
    if (runes[i] == '\\' && i != last) {
      reversed[to - 1] = runes[i];
      reversed[to] = runes[i + 1];
      i += 2;
    } else {
      reversed[to] = runes[i];
      ++i;
    }
  }
  std::string out;
  out.reserve(pattern.size());
  for (char32_t r : reversed) AppendRune(out, r);
  return out;
}

// A `#`, `%` or `/` pattern as BuildKit matches it: converted to a Go regexp in which `*` is `.*`
// (greedy) or `.*?` (lazy), `?` is `.`, `\*` `\?` `\\` are the literal character, `\}` and `\/`
// lose the backslash, any other escape is an error, and every other character is literal. As in
// Go, `.` matches any rune but a newline (an invalid byte counts as U+FFFD) and a match is the
// leftmost-first one a backtracking engine would report; it is found by a Pike VM, in time linear
// in the text times the pattern.
class ShellPattern {
 public:
  struct Match {
    size_t begin;
    size_t end;
  };

  // Fails with BuildKit's message for an invalid escape.
  static Result<ShellPattern> Compile(std::string_view pattern, bool greedy) {
    ShellPattern compiled(greedy);
    RuneScanner scanner(pattern);
    for (Rune r = scanner.Next(); r != kEof; r = scanner.Next()) {
      if (r == '*') {
        // `**` matches what `*` matches, with the same preference.
        if (compiled.tokens_.empty() || compiled.tokens_.back().kind != Kind::kStar) {
          compiled.tokens_.push_back({Kind::kStar, 0});
        }
        continue;
      }
      if (r == '?') {
        compiled.tokens_.push_back({Kind::kAnyChar, 0});
        continue;
      }
      if (r == '\\') {
        if (scanner.Peek() == '}' || scanner.Peek() == '/') continue;
        r = scanner.Next();
        if (r != '*' && r != '?' && r != '\\') {
          std::string message = "invalid pattern (";
          message.append(pattern);
          message += ") in substitution: invalid escape '\\";
          AppendGoRune(message, r);
          message += '\'';
          return MakeError(std::move(message));
        }
      }
      compiled.tokens_.push_back({Kind::kLiteral, static_cast<char32_t>(r)});
    }
    compiled.current_ = ThreadList(compiled.tokens_.size() + 1);
    compiled.next_ = ThreadList(compiled.tokens_.size() + 1);
    return compiled;
  }

  // The leftmost-first match that starts at or after byte `from` (a rune boundary), or only at
  // `from` when `anchored`.
  std::optional<Match> Find(std::string_view text, size_t from, bool anchored) {
    std::optional<Match> match;
    current_.Clear();
    for (size_t pos = from;;) {
      if (current_.empty() && (match.has_value() || (anchored && pos != from))) break;
      // A new attempt starts here with the lowest priority, until something has matched.
      if (!match.has_value() && (!anchored || pos == from)) AddThread(current_, 0, pos);
      Rune r = kEof;
      size_t width = 0;
      if (pos < text.size()) {
        DecodedRune decoded = DecodeRune(text, pos);
        r = static_cast<Rune>(decoded.rune);
        width = decoded.width;
      }
      next_.Clear();
      for (const Thread& thread : current_.threads()) {
        if (thread.state == tokens_.size()) {
          // Matched: threads of lower priority are cut off; those above it run on.
          match = Match{thread.start, pos};
          break;
        }
        if (r == kEof) continue;
        const Token& token = tokens_[thread.state];
        switch (token.kind) {
          case Kind::kLiteral:
            if (static_cast<char32_t>(r) == token.rune) {
              AddThread(next_, thread.state + 1, thread.start);
            }
            break;
          case Kind::kAnyChar:
            if (r != '\n') AddThread(next_, thread.state + 1, thread.start);
            break;
          case Kind::kStar:
            if (r != '\n') AddThread(next_, thread.state, thread.start);
            break;
        }
      }
      if (width == 0) break;
      pos += width;
      std::swap(current_, next_);
    }
    return match;
  }

 private:
  enum class Kind : uint8_t { kLiteral, kAnyChar, kStar };
  struct Token {
    Kind kind;
    char32_t rune;  // For kLiteral.
  };
  struct Thread {
    size_t state;  // Index of the next token; tokens_.size() is the match state.
    size_t start;  // Where this attempt began.
  };

  // The threads of one step in priority order, at most one per state (a sparse set).
  class ThreadList {
   public:
    ThreadList() = default;
    explicit ThreadList(size_t states) : slot_(states, 0) { threads_.reserve(states); }
    bool Contains(size_t state) const {
      size_t slot = slot_[state];
      return slot < threads_.size() && threads_[slot].state == state;
    }
    void Add(Thread thread) {
      slot_[thread.state] = threads_.size();
      threads_.push_back(thread);
    }
    void Clear() { threads_.clear(); }
    bool empty() const { return threads_.empty(); }
    const std::vector<Thread>& threads() const { return threads_; }

   private:
    std::vector<size_t> slot_;
    std::vector<Thread> threads_;
  };

  explicit ShellPattern(bool greedy) : greedy_(greedy) {}

  // Adds the thread and, for a star, its way past the star: first the preferred alternative
  // (consume one more character when greedy, move on when lazy).
  void AddThread(ThreadList& list, size_t state, size_t start) {
    if (list.Contains(state)) return;
    if (state < tokens_.size() && tokens_[state].kind == Kind::kStar) {
      if (greedy_) {
        list.Add({state, start});
        AddThread(list, state + 1, start);
      } else {
        AddThread(list, state + 1, start);
        list.Add({state, start});
      }
      return;
    }
    list.Add({state, start});
  }

  bool greedy_;
  std::vector<Token> tokens_;
  ThreadList current_;
  ThreadList next_;
};

// Go's Regexp.Expand of a ReplaceAllString template against one match. The pattern has no
// groups, so `$0` / `${0}` is the match, any other well-formed `$name` / `${name}` is empty,
// `$$` is `$`, and a malformed `$` is kept.
void AppendExpandedTemplate(std::string& out, std::string_view tmpl, std::string_view matched) {
  while (!tmpl.empty()) {
    size_t dollar = tmpl.find('$');
    if (dollar == std::string_view::npos) break;
    out.append(tmpl.substr(0, dollar));
    tmpl.remove_prefix(dollar + 1);
    if (!tmpl.empty() && tmpl[0] == '$') {
      out += '$';
      tmpl.remove_prefix(1);
      continue;
    }
    const bool brace = !tmpl.empty() && tmpl[0] == '{';
    std::string_view rest = brace ? tmpl.substr(1) : tmpl;
    size_t length = 0;
    while (length < rest.size()) {
      DecodedRune decoded = DecodeRune(rest, length);
      auto r = static_cast<Rune>(decoded.rune);
      if (!IsLetter(r) && !IsDigit(r) && r != '_') break;
      length += decoded.width;
    }
    if (length == 0 || (brace && (length >= rest.size() || rest[length] != '}'))) {
      out += '$';  // Malformed: the `$` is literal and the rest is read as text.
      continue;
    }
    if (rest.substr(0, length) == "0") out.append(matched);
    tmpl = rest.substr(length + (brace ? 1 : 0));
  }
  out.append(tmpl);
}

// regexp.ReplaceAllString: every non-overlapping match, including empty ones, except an empty
// match right after the previous match.
void AppendReplacedAll(std::string& out, ShellPattern& pattern, std::string_view text,
                       std::string_view replacement) {
  size_t last_end = 0;
  size_t search = 0;
  while (search <= text.size()) {
    std::optional<ShellPattern::Match> match = pattern.Find(text, search, /*anchored=*/false);
    if (!match.has_value()) break;
    out.append(text.substr(last_end, match->begin - last_end));
    if (match->end > last_end || match->begin == 0) {
      AppendExpandedTemplate(out, replacement,
                             text.substr(match->begin, match->end - match->begin));
    }
    last_end = match->end;
    const size_t width = search < text.size() ? DecodeRune(text, search).width : 0;
    if (search + width > match->end) {
      search += width;
    } else if (search + 1 > match->end) {
      ++search;
    } else {
      search = match->end;
    }
  }
  out.append(text.substr(last_end));
}

// BuildKit's word splitter for ProcessWords. Unquoted whitespace ends a word; quoted text,
// escaped characters and heredoc markers are added raw. BuildKit keeps the word being built in
// a buffer that every nested `${...}` expansion resets, so a nested expansion drops what the
// current word held before it (`a${V:-x}b` gives the one word `xb`); DropPending() is that reset.
class WordSplitter {
 public:
  void AddChar(Rune r) {
    if (IsSpace(r)) {
      if (in_word_ && !pending_.empty()) {
        words_.push_back(std::move(pending_));
        pending_.clear();
        in_word_ = false;
      }
      return;
    }
    AddRawChar(r);
  }

  void AddRawChar(Rune r) {
    AppendGoRune(pending_, r);
    in_word_ = true;
  }

  // Adds expanded text: splits on its whitespace; invalid bytes become U+FFFD.
  void AddString(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      DecodedRune decoded = DecodeRune(s, i);
      AddChar(static_cast<Rune>(decoded.rune));
      i += decoded.width;
    }
  }

  void AddRawString(std::string_view s) {
    pending_.append(s);
    in_word_ = true;
  }

  void DropPending() { pending_.clear(); }

  std::vector<std::string> Finish() {
    if (!pending_.empty()) words_.push_back(std::move(pending_));
    pending_.clear();
    in_word_ = false;
    return std::move(words_);
  }

 private:
  static bool IsSpace(Rune r) { return r >= 0 && IsGoSpace(static_cast<char32_t>(r)); }

  std::string pending_;
  std::vector<std::string> words_;
  bool in_word_ = false;
};

// Sets a flag for the lifetime of a scope and restores it after.
class ScopedFlag {
 public:
  ScopedFlag(bool& flag, bool value) : flag_(flag), saved_(flag) { flag_ = value; }
  ~ScopedFlag() { flag_ = saved_; }
  ScopedFlag(const ScopedFlag&) = delete;
  ScopedFlag& operator=(const ScopedFlag&) = delete;

 private:
  bool& flag_;
  bool saved_;
};

constexpr char kMissingBrace[] = "syntax error: missing '}'";

// One expansion of one input: BuildKit's shellWord. Each Process* function appends its output
// and returns false after recording BuildKit's error message in error_.
class Expander {
 public:
  // `words` is the splitter for ProcessWords, or null for ProcessWord; `capture` records the
  // variable names looked up.
  Expander(std::string_view input, const ExpansionEnv& env, const ExpandOptions& options,
           bool capture, WordSplitter* words)
      : input_(input),
        scanner_(input),
        env_(env),
        options_(options),
        escape_(static_cast<unsigned char>(options.escape)),
        raw_escapes_(options.raw_escapes),
        capture_(capture),
        words_(words) {}

  bool Run(std::string& result) {
    return ProcessStopOn(kEof, options_.raw_escapes, result, words_);
  }

  // BuildKit's err.Error() after a failed Run.
  std::string ErrorMessage() const {
    return "failed to process " + GoQuote(input_) + ": " + error_;
  }

  std::vector<std::string> TakeMatched() { return SortedUnique(std::move(matched_)); }
  std::vector<std::string> TakeUnmatched() { return SortedUnique(std::move(unmatched_)); }

 private:
  static std::vector<std::string> SortedUnique(std::vector<std::string> names) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
  }

  bool Fail(std::string message) {
    error_ = std::move(message);
    return false;
  }

  // A nested part that failed at the end of the input reports `message` instead of its own
  // error, as BuildKit does.
  bool FailAtEof(const char* message) {
    if (scanner_.Peek() == kEof) error_ = message;
    return false;
  }

  // Reads up to `stop` (consumed) or the end of the input. `raw_escapes` keeps escape
  // characters in the output while this part is read; `words` is fed for the top-level word.
  bool ProcessStopOn(Rune stop, bool raw_escapes, std::string& result, WordSplitter* words) {
    if (words == nullptr && words_ != nullptr) words_->DropPending();
    ScopedFlag raw_escapes_scope(raw_escapes_, raw_escapes);
    while (scanner_.Peek() != kEof) {
      Rune ch = scanner_.Peek();
      if (stop != kEof && ch == stop) {
        scanner_.Next();
        return true;
      }
      const size_t start = result.size();
      if (ch == '$') {
        if (!ProcessDollar(result)) return false;
        if (words != nullptr) words->AddString(std::string_view(result).substr(start));
        continue;
      }
      const bool quote = !options_.skip_process_quotes && (ch == '\'' || ch == '"');
      if (quote || ch == '<') {
        if (ch == '\'') {
          if (!ProcessSingleQuote(result)) return false;
        } else if (ch == '"') {
          if (!ProcessDoubleQuote(result)) return false;
        } else {
          ProcessPossibleHeredoc(result);
        }
        if (words != nullptr) words->AddRawString(std::string_view(result).substr(start));
        continue;
      }
      ch = scanner_.Next();
      if (ch == escape_) {
        if (raw_escapes_) {
          if (words != nullptr) words->AddRawChar(ch);
          AppendGoRune(result, ch);
        }
        ch = scanner_.Next();
        if (ch == kEof) break;  // A trailing escape is dropped.
        if (words != nullptr) words->AddRawChar(ch);
      } else if (words != nullptr) {
        words->AddChar(ch);
      }
      AppendGoRune(result, ch);
    }
    if (stop != kEof) {
      std::string message = "unexpected end of statement while looking for matching ";
      AppendGoRune(message, stop);
      return Fail(std::move(message));
    }
    return true;
  }

  // '...': everything literal up to the next single quote.
  bool ProcessSingleQuote(std::string& out) {
    Rune ch = scanner_.Next();
    if (options_.raw_quotes) AppendGoRune(out, ch);
    while (true) {
      ch = scanner_.Next();
      if (ch == kEof) {
        return Fail("unexpected end of statement while looking for matching single-quote");
      }
      if (ch == '\'') {
        if (options_.raw_quotes) out += '\'';
        return true;
      }
      AppendGoRune(out, ch);
    }
  }

  // "...": `$` expands; the escape character escapes only `"`, `$` and itself, else it stays.
  bool ProcessDoubleQuote(std::string& out) {
    Rune ch = scanner_.Next();
    if (options_.raw_quotes) AppendGoRune(out, ch);
    while (true) {
      const Rune next = scanner_.Peek();
      if (next == kEof) {
        return Fail("unexpected end of statement while looking for matching double-quote");
      }
      if (next == '"') {
        scanner_.Next();
        if (options_.raw_quotes) out += '"';
        return true;
      }
      if (next == '$') {
        if (!ProcessDollar(out)) return false;
        continue;
      }
      ch = scanner_.Next();
      if (ch == escape_) {
        if (raw_escapes_) AppendGoRune(out, ch);
        const Rune escaped = scanner_.Peek();
        if (escaped == kEof) continue;  // Reported as the missing closing quote.
        if (escaped == '"' || escaped == '$' || escaped == escape_) ch = scanner_.Next();
      }
      AppendGoRune(out, ch);
    }
  }

  // `<<` and the blanks after it form one raw piece, so ProcessWords keeps `<< EOF` together.
  void ProcessPossibleHeredoc(std::string& out) {
    scanner_.Next();
    out += '<';
    if (scanner_.Peek() != '<') return;
    scanner_.Next();
    out += '<';
    while (scanner_.Peek() == ' ' || scanner_.Peek() == '\t' || scanner_.Peek() == '\r') {
      AppendGoRune(out, scanner_.Next());
    }
  }

  // A variable name: a run of digits, one special parameter, or letters, digits and `_`.
  std::string ProcessName() {
    std::string name;
    while (scanner_.Peek() != kEof) {
      const Rune ch = scanner_.Peek();
      if (name.empty() && IsDigit(ch)) {
        while (IsDigit(scanner_.Peek())) AppendGoRune(name, scanner_.Next());
        return name;
      }
      if (name.empty() && IsSpecialParam(ch)) {
        AppendGoRune(name, scanner_.Next());
        return name;
      }
      if (!IsLetter(ch) && !IsDigit(ch) && ch != '_') break;
      AppendGoRune(name, scanner_.Next());
    }
    return name;
  }

  std::optional<std::string_view> Lookup(const std::string& name) {
    std::optional<std::string_view> value = env_.Get(name);
    if (capture_) (value.has_value() ? matched_ : unmatched_).push_back(name);
    return value;
  }

  // `$NAME` or `${...}`, at the `$`.
  bool ProcessDollar(std::string& out) {
    scanner_.Next();
    if (scanner_.Peek() != '{') {
      const std::string name = ProcessName();
      if (name.empty()) {
        out += '$';
        return true;
      }
      const std::optional<std::string_view> value = Lookup(name);
      if (!value.has_value()) {
        if (options_.skip_unset_env) out.append("$").append(name);
        return true;
      }
      out.append(*value);
      return true;
    }
    scanner_.Next();
    switch (scanner_.Peek()) {
      case kEof:
        return Fail(kMissingBrace);
      case '{':
      case '}':
      case ':':
        return Fail("syntax error: bad substitution");
      default:
        break;
    }
    const std::string name = ProcessName();
    Rune op = scanner_.Next();
    std::string modifier;  // The operator as written, for messages.
    AppendGoRune(modifier, op);
    switch (op) {
      case '}': {
        const std::optional<std::string_view> value = Lookup(name);
        if (!value.has_value()) {
          if (options_.skip_unset_env) out.append("${").append(name).append("}");
          return true;
        }
        out.append(*value);
        return true;
      }
      case ':':
        op = scanner_.Next();
        AppendGoRune(modifier, op);
        return ProcessOperator(name, op, modifier, /*null_is_unset=*/true, out);
      case '+':
      case '-':
      case '?':
      case '#':
      case '%':
        return ProcessOperator(name, op, modifier, /*null_is_unset=*/false, out);
      case '/':
        return ProcessSubstitution(name, out);
      default:
        return Fail("unsupported modifier (" + modifier + ") in substitution");
    }
  }

  // `${NAME<op>word}` after the operator: `-`, `+`, `?` (each also after `:`, which makes an
  // empty value count as unset), `#`, `##`, `%`, `%%`.
  bool ProcessOperator(const std::string& name, Rune op, const std::string& modifier,
                       bool null_is_unset, std::string& out) {
    const bool is_pattern = op == '#' || op == '%';
    if (null_is_unset && is_pattern) {
      return Fail("unsupported modifier (" + modifier + ") in substitution");
    }
    std::string word;
    if (!ProcessStopOn('}', /*raw_escapes=*/is_pattern, word, nullptr)) {
      return FailAtEof(kMissingBrace);
    }
    const std::optional<std::string_view> value = Lookup(name);
    if (!value.has_value() && options_.skip_unset_env) {
      out.append("${").append(name).append(modifier).append(word).append("}");
      return true;
    }
    const bool unset_or_null = !value.has_value() || (null_is_unset && value->empty());
    switch (op) {
      case '-':
        out.append(unset_or_null ? std::string_view(word) : *value);
        return true;
      case '+':
        if (!unset_or_null) out.append(word);
        return true;
      case '?':
        if (!value.has_value()) {
          return Fail(name + ": " + (word.empty() ? "is not allowed to be unset" : word));
        }
        if (null_is_unset && value->empty()) {
          return Fail(name + ": " + (word.empty() ? "is not allowed to be empty" : word));
        }
        out.append(*value);
        return true;
      case '#':
      case '%': {
        std::string_view pattern = word;
        const bool longest = !pattern.empty() && static_cast<unsigned char>(pattern[0]) == op;
        if (longest) pattern.remove_prefix(1);
        const std::string_view text = value.value_or(std::string_view());
        return op == '#' ? TrimPrefix(pattern, text, longest, out)
                         : TrimSuffix(pattern, text, longest, out);
      }
      default:
        return Fail("unsupported modifier (" + modifier + ") in substitution");
    }
  }

  bool TrimPrefix(std::string_view pattern, std::string_view text, bool longest, std::string& out) {
    Result<ShellPattern> compiled = ShellPattern::Compile(pattern, longest);
    if (!compiled.ok()) return Fail(compiled.error().message);
    std::optional<ShellPattern::Match> match = compiled->Find(text, 0, /*anchored=*/true);
    out.append(match.has_value() ? text.substr(match->end) : text);
    return true;
  }

  // A suffix match is a prefix match of the reversed pattern on the reversed text, as in
  // BuildKit; the result therefore has invalid UTF-8 bytes of the value replaced by U+FFFD.
  bool TrimSuffix(std::string_view pattern, std::string_view text, bool longest, std::string& out) {
    const std::string reversed_pattern = ReversePattern(pattern);
    const std::string reversed_text = ReverseRunes(text);
    Result<ShellPattern> compiled = ShellPattern::Compile(reversed_pattern, longest);
    if (!compiled.ok()) return Fail(compiled.error().message);
    std::optional<ShellPattern::Match> match = compiled->Find(reversed_text, 0, /*anchored=*/true);
    std::string_view rest = reversed_text;
    if (match.has_value()) rest.remove_prefix(match->end);
    out.append(ReverseRunes(rest));
    return true;
  }

  // `${NAME/pattern/replacement}` and `${NAME//pattern/replacement}`, after the first `/`.
  bool ProcessSubstitution(const std::string& name, std::string& out) {
    const bool replace_all = scanner_.Peek() == '/';
    if (replace_all) scanner_.Next();
    std::string pattern;
    if (!ProcessStopOn('/', /*raw_escapes=*/true, pattern, nullptr)) {
      return FailAtEof("syntax error: missing '/' in ${}");
    }
    std::string replacement;
    if (!ProcessStopOn('}', /*raw_escapes=*/true, replacement, nullptr)) {
      return FailAtEof(kMissingBrace);
    }
    const std::optional<std::string_view> value = Lookup(name);
    if (!value.has_value() && options_.skip_unset_env) {
      // BuildKit writes one `/` here even for `//`.
      out += "${" + name + "/" + pattern + "/" + replacement + "}";
      return true;
    }
    Result<ShellPattern> compiled = ShellPattern::Compile(pattern, /*greedy=*/true);
    if (!compiled.ok()) return Fail(compiled.error().message);
    const std::string_view text = value.value_or(std::string_view());
    if (replace_all) {
      // Go's ReplaceAllString, which expands `$` in the replacement.
      AppendReplacedAll(out, *compiled, text, replacement);
      return true;
    }
    std::optional<ShellPattern::Match> match = compiled->Find(text, 0, /*anchored=*/false);
    if (!match.has_value()) {
      out.append(text);
      return true;
    }
    out.append(text.substr(0, match->begin)).append(replacement).append(text.substr(match->end));
    return true;
  }

  std::string_view input_;
  RuneScanner scanner_;
  const ExpansionEnv& env_;
  const ExpandOptions& options_;
  Rune escape_;
  bool raw_escapes_;  // For the part being read; see ProcessStopOn.
  bool capture_;
  WordSplitter* words_;  // The top-level splitter in ProcessWords mode, else null.
  std::vector<std::string> matched_;
  std::vector<std::string> unmatched_;
  std::string error_;
};

// True when expansion cannot change the input: ASCII with no `$`, quote, `<` or escape.
bool IsPlainWord(std::string_view input, char escape) {
  for (char c : input) {
    if (static_cast<unsigned char>(c) >= 0x80 || c == '$' || c == '\'' || c == '"' || c == '<' ||
        c == escape) {
      return false;
    }
  }
  return true;
}

}  // namespace

ExpansionEnv ExpansionEnv::FromList(const std::vector<std::string>& entries) {
  ExpansionEnv env;
  for (const std::string& entry : entries) {
    const size_t eq = entry.find('=');
    if (eq == std::string::npos) {
      env.Set(entry, "");
    } else {
      env.Set(entry.substr(0, eq), entry.substr(eq + 1));
    }
  }
  return env;
}

void ExpansionEnv::Set(std::string name, std::string value) {
  for (auto& [existing, existing_value] : entries_) {
    if (existing == name) {
      existing_value = std::move(value);
      return;
    }
  }
  entries_.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> ExpansionEnv::Get(std::string_view name) const {
  for (const auto& [existing, value] : entries_) {
    if (existing == name) return std::string_view(value);
  }
  return std::nullopt;
}

Result<ExpandedWord> ExpandWord(std::string_view input, const ExpansionEnv& env,
                                const ExpandOptions& options) {
  ExpandedWord word;
  if (IsPlainWord(input, options.escape)) {
    word.value = std::string(input);
    return word;
  }
  Expander expander(input, env, options, /*capture=*/true, /*words=*/nullptr);
  word.value.reserve(input.size());
  if (!expander.Run(word.value)) return MakeError(expander.ErrorMessage());
  word.matched = expander.TakeMatched();
  word.unmatched = expander.TakeUnmatched();
  return word;
}

Result<std::vector<std::string>> ExpandWords(std::string_view input, const ExpansionEnv& env,
                                             const ExpandOptions& options) {
  WordSplitter splitter;
  Expander expander(input, env, options, /*capture=*/false, &splitter);
  std::string joined;
  if (!expander.Run(joined)) return MakeError(expander.ErrorMessage());
  return splitter.Finish();
}

}  // namespace drydock::dockerfile
