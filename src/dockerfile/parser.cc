#include "dockerfile/parser.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dockerfile/directives.h"
#include "base/go_text.h"
#include "dockerfile/heredoc.h"
#include "dockerfile/json_array.h"

namespace drydock::dockerfile {

namespace {

// ---------------------------------------------------------------------------------------------
// Physical lines, as BuildKit's scanner yields them: each with its '\n', the last one without
// when the file does not end in a newline. A line over kMaxLineBytes stops the scan.
struct PhysicalLine {
  uint32_t begin = 0;     // Source offset of the first byte.
  std::string_view text;  // Including the trailing '\n' when present.
};

class LineScanner {
 public:
  explicit LineScanner(std::string_view text) : text_(text) {}

  bool Next(PhysicalLine* line) {
    if (stopped_ || pos_ >= text_.size()) return false;
    size_t nl = text_.find('\n', pos_);
    size_t content_end = nl == std::string_view::npos ? text_.size() : nl;
    if (content_end - pos_ > kMaxLineBytes) {
      stopped_ = true;
      too_long_at_ = static_cast<uint32_t>(pos_);
      return false;
    }
    size_t end = nl == std::string_view::npos ? text_.size() : nl + 1;
    line->begin = static_cast<uint32_t>(pos_);
    line->text = text_.substr(pos_, end - pos_);
    pos_ = end;
    return true;
  }

  // Where the over-long line starts, if the scan stopped at one.
  std::optional<uint32_t> too_long_at() const {
    return stopped_ ? std::optional<uint32_t>(too_long_at_) : std::nullopt;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  bool stopped_ = false;
  uint32_t too_long_at_ = 0;
};

std::string_view TrimNewline(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

bool IsComment(std::string_view line) {
  std::string_view t = TrimLeftGoSpace(line);
  return !t.empty() && t.front() == '#';
}

// reWhitespace in BuildKit: [\t\v\f\r ].
bool IsAsciiBlank(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'; }

// ---------------------------------------------------------------------------------------------
// A logical line: pieces of physical lines joined after continuation processing, each piece
// remembering where it came from so that spans point into the source.
class LogicalLine {
 public:
  void Append(std::string_view piece, uint32_t source_offset) {
    if (piece.empty()) return;
    segments_.push_back({static_cast<uint32_t>(text_.size()), source_offset,
                         static_cast<uint32_t>(piece.size())});
    text_.append(piece);
  }
  const std::string& text() const { return text_; }

  uint32_t ToSource(uint32_t offset) const {
    if (segments_.empty()) return fallback_;
    auto it = std::upper_bound(segments_.begin(), segments_.end(), offset,
                               [](uint32_t v, const Segment& s) { return v < s.logical; });
    const Segment& s = *(it == segments_.begin() ? it : it - 1);
    return s.source + std::min(offset - s.logical, s.size);
  }
  // The source span of logical bytes [begin, end).
  Span ToSourceSpan(size_t begin, size_t end) const {
    uint32_t b = ToSource(static_cast<uint32_t>(begin));
    if (end <= begin) return Span{b, b};
    return Span{b, ToSource(static_cast<uint32_t>(end - 1)) + 1};
  }
  void set_fallback(uint32_t offset) { fallback_ = offset; }

 private:
  struct Segment {
    uint32_t logical;
    uint32_t source;
    uint32_t size;
  };
  std::string text_;
  std::vector<Segment> segments_;
  uint32_t fallback_ = 0;
};

// An error found while building a node; the caller adds the location.
struct NodeError {
  std::string message;
  size_t begin = 0;  // Logical-line range it concerns.
  size_t end = 0;
};

// ---------------------------------------------------------------------------------------------
// Turns one logical line into an Instruction with BuildKit's per-instruction argument rules.
class NodeBuilder {
 public:
  NodeBuilder(const LogicalLine& line, char escape) : line_(line), escape_(escape) {}

  // Parses text [begin, end) of the logical line into `out`.
  std::optional<NodeError> Build(size_t begin, size_t end, Instruction* out) {
    std::string_view whole = std::string_view(line_.text()).substr(begin, end - begin);
    std::string_view trimmed = TrimGoSpace(whole);
    size_t t0 = begin + static_cast<size_t>(trimmed.data() - whole.data());
    size_t cmd_len = 0;
    while (cmd_len < trimmed.size() && !IsAsciiBlank(trimmed[cmd_len])) ++cmd_len;
    out->keyword_text = std::string(trimmed.substr(0, cmd_len));
    out->keyword = KeywordFromString(out->keyword_text);
    out->keyword_span = Span_(t0, t0 + cmd_len);
    out->original = std::string(whole);

    size_t args_begin = t0 + trimmed.size();
    size_t args_end = args_begin;
    if (cmd_len < trimmed.size()) {
      size_t rest = cmd_len;
      while (rest < trimmed.size() && IsAsciiBlank(trimmed[rest])) ++rest;
      size_t after_flags = ExtractFlags(t0 + rest, t0 + trimmed.size(), out);
      std::string_view args =
          std::string_view(line_.text()).substr(after_flags, t0 + trimmed.size() - after_flags);
      std::string_view args_trimmed = TrimGoSpace(args);
      args_begin = after_flags + static_cast<size_t>(args_trimmed.data() - args.data());
      args_end = args_begin + args_trimmed.size();
    }
    return Dispatch(args_begin, args_end, out);
  }

 private:
  Span Span_(size_t begin, size_t end) const { return line_.ToSourceSpan(begin, end); }
  std::string_view Text(size_t begin, size_t end) const {
    return std::string_view(line_.text()).substr(begin, end - begin);
  }
  void AddArg(Instruction* out, std::string value, size_t begin, size_t end) {
    out->args.push_back(Word{std::move(value), Span_(begin, end)});
  }

  // BuildKit's extractBuilderFlags: scans byte by byte (so a non-ASCII byte becomes its
  // Latin-1 code point) and returns where the arguments start.
  size_t ExtractFlags(size_t begin, size_t end, Instruction* out) {
    enum { kInSpaces, kInWord, kInQuote } phase = kInSpaces;
    const std::string& s = line_.text();
    std::string word;
    size_t word_begin = begin;
    char quote = 0;
    bool blank_ok = false;
    auto byte_rune = [&](size_t pos) { return static_cast<char32_t>(static_cast<unsigned char>(s[pos])); };
    auto push = [&](size_t word_end) {
      out->flags.push_back(Flag{word, Span_(word_begin, word_end)});
    };
    for (size_t pos = begin; pos <= end; ++pos) {
      char32_t ch = pos != end ? byte_rune(pos) : 0;
      if (phase == kInSpaces) {
        if (pos == end) break;
        if (IsGoSpace(ch)) continue;
        if (ch != '-' || pos + 1 == end || s[pos + 1] != '-') return pos;
        phase = kInWord;
        word_begin = pos;
      }
      if (pos == end) {
        if (word != "--" && (blank_ok || !word.empty())) push(pos);
        break;
      }
      if (phase == kInWord) {
        if (IsGoSpace(ch)) {
          phase = kInSpaces;
          if (word == "--") return pos;
          if (blank_ok || !word.empty()) push(pos);
          word.clear();
          blank_ok = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = static_cast<char>(ch);
          blank_ok = true;
          phase = kInQuote;
          continue;
        }
        if (ch == static_cast<unsigned char>(escape_)) {
          if (pos + 1 == end) continue;
          ch = byte_rune(++pos);
        }
        AppendRune(word, ch);
        continue;
      }
      // kInQuote
      if (ch == static_cast<unsigned char>(quote)) {
        phase = kInWord;
        continue;
      }
      if (ch == static_cast<unsigned char>(escape_)) {
        if (pos + 1 == end) {
          phase = kInWord;
          continue;
        }
        ch = byte_rune(++pos);
      }
      AppendRune(word, ch);
    }
    return end;
  }

  std::optional<NodeError> Dispatch(size_t begin, size_t end, Instruction* out) {
    switch (out->keyword) {
      case Keyword::kAdd:
      case Keyword::kCopy:
      case Keyword::kVolume:
        return MaybeJsonToList(begin, end, out);
      case Keyword::kArg:
        for (const auto& w : ParseWords(begin, end)) AddArg(out, w.text, w.begin, w.end);
        return std::nullopt;
      case Keyword::kCmd:
      case Keyword::kEntrypoint:
      case Keyword::kRun:
      case Keyword::kShell:
        return MaybeJson(begin, end, out);
      case Keyword::kEnv:
        return NameVal(begin, end, "ENV", out);
      case Keyword::kLabel:
        return NameVal(begin, end, "LABEL", out);
      case Keyword::kExpose:
      case Keyword::kFrom:
        WhitespaceDelimited(begin, end, out);
        return std::nullopt;
      case Keyword::kHealthcheck:
        return HealthConfig(begin, end, out);
      case Keyword::kMaintainer:
      case Keyword::kStopsignal:
      case Keyword::kUser:
      case Keyword::kWorkdir:
        if (end > begin) AddArg(out, std::string(Text(begin, end)), begin, end);
        return std::nullopt;
      case Keyword::kOnbuild:
        return SubCommand(begin, end, out);
      case Keyword::kUnknown:
        AddArg(out, "", begin, begin);  // BuildKit keeps one empty argument.
        return std::nullopt;
    }
    return std::nullopt;
  }

  struct ParsedWord {
    std::string text;
    size_t begin;
    size_t end;
  };

  // BuildKit's parseWords: rune-wise; quotes and escapes are kept in the word.
  std::vector<ParsedWord> ParseWords(size_t begin, size_t end) const {
    enum { kInSpaces, kInWord, kInQuote } phase = kInSpaces;
    const std::string& s = line_.text();
    std::vector<ParsedWord> words;
    std::string word;
    size_t word_begin = begin;
    char32_t quote = 0;
    bool blank_ok = false;
    int width = 0;
    char32_t ch = 0;
    const char32_t escape = static_cast<unsigned char>(escape_);
    for (size_t pos = begin; pos <= end; pos += static_cast<size_t>(width)) {
      if (pos != end) {
        DecodedRune d = DecodeRune(std::string_view(s).substr(0, end), pos);
        ch = d.rune;
        width = d.width;
      }
      if (phase == kInSpaces) {
        if (pos == end) break;
        if (IsGoSpace(ch)) continue;
        phase = kInWord;
        word_begin = pos;
      }
      if (pos == end) {
        if (blank_ok || !word.empty()) words.push_back({word, word_begin, pos});
        break;
      }
      if (phase == kInWord) {
        if (IsGoSpace(ch)) {
          phase = kInSpaces;
          if (blank_ok || !word.empty()) words.push_back({word, word_begin, pos});
          word.clear();
          blank_ok = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blank_ok = true;
          phase = kInQuote;
        }
        if (ch == escape) {
          if (pos + static_cast<size_t>(width) == end) continue;  // Drop an escape at the end.
          AppendRune(word, ch);
          pos += static_cast<size_t>(width);
          DecodedRune d = DecodeRune(std::string_view(s).substr(0, end), pos);
          ch = d.rune;
          width = d.width;
        }
        AppendRune(word, ch);
        continue;
      }
      // kInQuote
      if (ch == quote) phase = kInWord;
      if (ch == escape && quote != '\'') {
        if (pos + static_cast<size_t>(width) == end) {
          phase = kInWord;
          continue;
        }
        pos += static_cast<size_t>(width);
        AppendRune(word, ch);
        DecodedRune d = DecodeRune(std::string_view(s).substr(0, end), pos);
        ch = d.rune;
        width = d.width;
      }
      AppendRune(word, ch);
    }
    return words;
  }

  // reWhitespace.Split(rest, -1); `rest` is trimmed, so no part is empty.
  void WhitespaceDelimited(size_t begin, size_t end, Instruction* out) {
    const std::string& s = line_.text();
    size_t pos = begin;
    while (pos < end) {
      size_t start = pos;
      while (pos < end && !IsAsciiBlank(s[pos])) ++pos;
      AddArg(out, std::string(Text(start, pos)), start, pos);
      while (pos < end && IsAsciiBlank(s[pos])) ++pos;
    }
  }

  std::optional<NodeError> NameVal(size_t begin, size_t end, std::string_view key,
                                   Instruction* out) {
    std::vector<ParsedWord> words = ParseWords(begin, end);
    if (words.empty()) return std::nullopt;
    if (words[0].text.find('=') == std::string::npos) {
      // Legacy `KEY name value`: split once on the first white-space run.
      const std::string& s = line_.text();
      size_t pos = begin;
      while (pos < end && !IsAsciiBlank(s[pos])) ++pos;
      if (pos == end) return NodeError{std::string(key) + " must have two arguments", begin, end};
      size_t value_begin = pos;
      while (value_begin < end && IsAsciiBlank(s[value_begin])) ++value_begin;
      AddArg(out, std::string(Text(begin, pos)), begin, pos);
      AddArg(out, std::string(Text(value_begin, end)), value_begin, end);
      AddArg(out, "", end, end);
      return std::nullopt;
    }
    for (const ParsedWord& w : words) {
      size_t eq = w.text.find('=');
      if (eq == std::string::npos) {
        return NodeError{"Syntax error - can't find = in " + GoQuote(w.text) +
                             ". Must be of the form: name=value",
                         w.begin, w.end};
      }
      // The key's bytes are the word's first bytes only when no quote or escape came first;
      // spans are best effort for such words.
      size_t eq_src = std::min(w.begin + eq, w.end);
      AddArg(out, w.text.substr(0, eq), w.begin, eq_src);
      AddArg(out, w.text.substr(eq + 1), std::min(eq_src + 1, w.end), w.end);
      AddArg(out, "=", eq_src, std::min(eq_src + 1, w.end));
    }
    return std::nullopt;
  }

  // BuildKit's parseJSON: nullopt when the text is no JSON array (fall back to shell form).
  std::optional<std::optional<NodeError>> Json(size_t begin, size_t end, Instruction* out) {
    JsonArray array = ParseJsonArray(Text(begin, end));
    if (array.status == JsonArrayStatus::kNotJson) return std::nullopt;
    if (array.status == JsonArrayStatus::kNotStrings) {
      return std::optional<NodeError>(NodeError{
          "when using JSON array syntax, arrays must be comprised of strings only", begin, end});
    }
    for (JsonArrayString& str : array.strings) {
      AddArg(out, std::move(str.value), begin + str.begin, begin + str.end);
    }
    out->json = true;
    return std::optional<NodeError>();
  }

  std::optional<NodeError> MaybeJson(size_t begin, size_t end, Instruction* out) {
    if (end == begin) return std::nullopt;
    if (auto json = Json(begin, end, out)) return *json;
    AddArg(out, std::string(Text(begin, end)), begin, end);
    return std::nullopt;
  }

  std::optional<NodeError> MaybeJsonToList(size_t begin, size_t end, Instruction* out) {
    if (auto json = Json(begin, end, out)) return *json;
    WhitespaceDelimited(begin, end, out);
    return std::nullopt;
  }

  // HEALTHCHECK: a type word (split byte-wise, as BuildKit does), then maybe-JSON.
  std::optional<NodeError> HealthConfig(size_t begin, size_t end, Instruction* out) {
    const std::string& s = line_.text();
    auto is_space_byte = [&](size_t pos) {
      return IsGoSpace(static_cast<char32_t>(static_cast<unsigned char>(s[pos])));
    };
    size_t sep = begin;
    while (sep < end && !is_space_byte(sep)) ++sep;
    size_t next = sep;
    while (next < end && is_space_byte(next)) ++next;
    if (sep == begin) return std::nullopt;
    AddArg(out, std::string(Text(begin, sep)), begin, sep);
    return MaybeJson(next, end, out);
  }

  std::optional<NodeError> SubCommand(size_t begin, size_t end, Instruction* out) {
    if (end == begin) return std::nullopt;
    auto child = std::make_unique<Instruction>();
    if (auto error = Build(begin, end, child.get())) return error;
    child->span = Span_(begin, end);
    out->child = std::move(child);
    return std::nullopt;
  }

  const LogicalLine& line_;
  char escape_;
};

// The instruction (or its ONBUILD target) is RUN, COPY or ADD in shell form.
bool CanContainHeredoc(const Instruction& instruction) {
  const Instruction* node = &instruction;
  if (node->keyword == Keyword::kOnbuild && node->child) node = node->child.get();
  Keyword k = node->keyword;
  return (k == Keyword::kRun || k == Keyword::kCopy || k == Keyword::kAdd) && !node->json;
}

// Whether the escape character ends `token` as a line continuation; strips it if so.
// BuildKit: `([^E])E[ \t]*$|^E[ \t]*$` replaced by `$1`.
bool TrimContinuation(std::string_view* token, char escape) {
  size_t end = token->size();
  while (end > 0 && ((*token)[end - 1] == ' ' || (*token)[end - 1] == '\t')) --end;
  if (end == 0 || (*token)[end - 1] != escape) return false;
  size_t k = end - 1;
  if (k > 0 && (*token)[k - 1] == escape) return false;
  *token = token->substr(0, k);
  return true;
}

std::vector<uint32_t> LineRange(uint32_t start, uint32_t end) {
  if (end <= start) end = start;
  std::vector<uint32_t> lines;
  for (uint32_t i = start; i <= end; ++i) lines.push_back(i);
  return lines;
}

// ---------------------------------------------------------------------------------------------
class Parser {
 public:
  explicit Parser(const SourceFile& file) : file_(file), scanner_(file.text()) {
    result_.file = &file;
  }

  Dockerfile Run() {
    PhysicalLine phys;
    while (scanner_.Next(&phys)) {
      if (!ParseInstructionAt(phys)) break;
    }
    Finish();
    return std::move(result_);
  }

 private:
  // Handles the logical line starting at `phys`. Returns false when parsing cannot go on.
  bool ParseInstructionAt(PhysicalLine phys) {
    std::string_view bytes = phys.text;
    uint32_t offset = phys.begin;
    if (current_line_ == 0 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
      bytes.remove_prefix(3);
      offset += 3;
    }
    if (IsComment(bytes)) {
      std::string comment(TrimGoSpace(bytes.substr(1)));
      if (comment.empty()) {
        comments_.clear();
      } else {
        comments_.push_back(std::move(comment));
      }
    }
    std::string_view token = TrimNewline(bytes);
    std::string_view stripped = TrimLeftGoSpace(token);
    uint32_t token_offset = offset + static_cast<uint32_t>(stripped.data() - token.data());
    if (OfferDirective(stripped, token_offset) && !comments_.empty()) comments_.pop_back();
    if (IsComment(stripped)) stripped = {};
    ++current_line_;

    uint32_t start_line = current_line_;
    bool continued = TrimContinuation(&stripped, escape_);
    if (!continued && stripped.empty()) return true;

    LogicalLine line;
    line.set_fallback(token_offset);
    line.Append(stripped, token_offset);
    bool has_empty_continuation = false;
    PhysicalLine next;
    while (continued && scanner_.Next(&next)) {
      std::string_view raw = next.text;
      std::string_view piece = TrimNewline(raw);
      OfferDirective(piece, next.begin);
      ++current_line_;
      if (IsComment(raw)) continue;
      if (TrimLeftGoSpace(piece).empty()) {
        has_empty_continuation = true;
        continue;
      }
      continued = TrimContinuation(&piece, escape_);
      line.Append(piece, next.begin);
    }

    Instruction instruction;
    instruction.start_line = start_line;
    NodeBuilder builder(line, escape_);
    std::optional<NodeError> error = builder.Build(0, line.text().size(), &instruction);
    uint32_t instruction_begin = token_offset;
    if (has_empty_continuation) {
      result_.warnings.push_back(SyntaxWarning{"Empty continuation line found in: " + line.text(),
                                               Span{instruction_begin, instruction_begin},
                                               current_line_});
    }
    if (error) {
      AddError(error->message, line.ToSourceSpan(error->begin, error->end),
               LineRange(start_line, current_line_));
      comments_.clear();
      return true;
    }
    if (CanContainHeredoc(instruction) && line.text().find("<<") != std::string::npos) {
      if (!ReadHeredocs(line, start_line, &instruction)) return false;
    }
    instruction.end_line = current_line_;
    instruction.span = Span{instruction_begin, LineEnd(current_line_)};
    instruction.comments = std::move(comments_);
    comments_.clear();
    result_.instructions.push_back(std::move(instruction));
    return true;
  }

  // Reads the bodies of the heredocs `line` opens. False when the file ended inside one.
  bool ReadHeredocs(const LogicalLine& line, uint32_t start_line, Instruction* instruction) {
    Result<std::vector<Heredoc>> heredocs = HeredocsFromLine(line.text());
    if (!heredocs.ok()) {
      AddError(heredocs.error().message, line.ToSourceSpan(0, line.text().size()),
               LineRange(start_line, current_line_));
      return true;
    }
    for (Heredoc& heredoc : *heredocs) {
      bool terminated = false;
      PhysicalLine body;
      uint32_t body_begin = 0, body_end = 0;
      bool first = true;
      while (scanner_.Next(&body)) {
        ++current_line_;
        std::string_view candidate = TrimNewline(body.text);
        if (heredoc.chomp) {
          while (!candidate.empty() && candidate.front() == '\t') candidate.remove_prefix(1);
        }
        if (candidate == heredoc.name) {
          terminated = true;
          break;
        }
        if (first) body_begin = body.begin;
        first = false;
        body_end = body.begin + static_cast<uint32_t>(body.text.size());
        heredoc.content.append(body.text);
      }
      if (!terminated) {
        size_t at = line.text().find("<<");
        AddError("unterminated heredoc", line.ToSourceSpan(at, line.text().size()),
                 LineRange(start_line, current_line_));
        return false;
      }
      heredoc.body_span = first ? Span{LineEnd(current_line_ - 1), LineEnd(current_line_ - 1)}
                                : Span{body_begin, body_end};
      instruction->heredocs.push_back(std::move(heredoc));
    }
    return true;
  }

  // Offers a line to the directive parser; applies `escape`. True for a directive line.
  bool OfferDirective(std::string_view line, uint32_t offset) {
    Result<std::optional<ParsedDirective>> parsed = directives_.ParseLine(line);
    Span line_span{offset, offset + static_cast<uint32_t>(line.size())};
    if (!parsed.ok()) {
      AddError(parsed.error().message, line_span, {current_line_});
      return false;
    }
    if (!*parsed) return false;
    const ParsedDirective& d = **parsed;
    Span value_span{offset + d.value_offset, offset + static_cast<uint32_t>(line.size())};
    if (d.name == "escape") {
      if (d.value != "`" && d.value != "\\") {
        AddError("invalid escape token '" + d.value + "' does not match ` or \\", value_span,
                 {current_line_});
        return false;
      }
      escape_ = d.value[0];
    }
    result_.directives.push_back(Directive{d.name, d.value, line_span});
    return true;
  }

  void AddError(std::string message, Span span, std::vector<uint32_t> buildkit_lines) {
    result_.errors.push_back(SyntaxError{std::move(message), span, std::move(buildkit_lines)});
  }

  uint32_t LineEnd(uint32_t line) const {
    return file_.LineStart(line) + static_cast<uint32_t>(file_.LineText(line).size());
  }

  void Finish() {
    result_.escape = escape_;
    if (result_.instructions.empty() && result_.errors.empty()) {
      uint32_t end = static_cast<uint32_t>(file_.text().size());
      AddError("file with no instructions", Span{end, end}, {current_line_});
    }
    if (std::optional<uint32_t> at = scanner_.too_long_at()) {
      AddError("dockerfile line greater than max allowed size of " +
                   std::to_string(kMaxLineBytes),
               Span{*at, *at + 1}, {current_line_});
    }
  }

  const SourceFile& file_;
  LineScanner scanner_;
  DirectiveParser directives_;
  char escape_ = '\\';
  uint32_t current_line_ = 0;  // Physical lines consumed so far.
  std::vector<std::string> comments_;
  Dockerfile result_;
};

}  // namespace

Dockerfile Parse(const SourceFile& file) { return Parser(file).Run(); }

void ReportSyntaxProblems(const Dockerfile& dockerfile, DiagSink& sink) {
  struct Item {
    Span span;
    const std::string* message;
    Severity severity;
  };
  std::vector<Item> items;
  for (const SyntaxError& e : dockerfile.errors) items.push_back({e.span, &e.message, Severity::kError});
  for (const SyntaxWarning& w : dockerfile.warnings) {
    items.push_back({w.span, &w.message, Severity::kWarning});
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.span.begin < b.span.begin; });
  for (const Item& item : items) {
    sink.Report(Diagnostic{item.severity, *item.message, dockerfile.file, item.span, {}});
  }
}

}  // namespace drydock::dockerfile
