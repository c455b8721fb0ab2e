#include "trialxr/compiler/script_parser.h"

#include <fmt/format.h>
#include <charconv>

namespace trialxr::compiler {

namespace {

constexpr std::string_view kOpenCurly = "\xE2\x80\x9C";   // “
constexpr std::string_view kCloseCurly = "\xE2\x80\x9D";  // ”
const std::vector<std::string> kUnits = {"s", "ms", "m", "cm", "deg"};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra = c < 0x80             ? 0
                        : (c & 0xE0) == 0xC0 ? 1
                        : (c & 0xF0) == 0xE0 ? 2
                        : (c & 0xF8) == 0xF0 ? 3
                                             : 4;
    if (extra > 3) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

SourceLoc loc_of(std::uint32_t line, std::size_t begin, std::size_t end) {
  return {line, static_cast<std::uint32_t>(begin + 1),
          static_cast<std::uint32_t>(end > begin ? end - begin : 1)};
}

// Splits "3.5s" into 3.5 and "s"; false when the text is not a number.
bool split_number(std::string_view text, double& value, std::string& unit) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  bool seen_digit = false, seen_dot = false;
  while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || (text[i] == '.' && !seen_dot))) {
    if (text[i] == '.')
      seen_dot = true;
    else
      seen_digit = true;
    ++i;
  }
  if (!seen_digit) return false;
  std::size_t number_end = i;
  while (i < text.size() &&
         ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z')))
    ++i;
  if (i != text.size()) return false;
  std::string_view digits = text.substr(0, number_end);
  if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return false;
  unit = std::string(text.substr(number_end));
  return true;
}

struct Lexer {
  const SourceFile& file;
  std::uint32_t line_number;
  std::string_view text;
  Diagnostics& diags;
  LexedLine out;
  std::size_t pos = 0;

  void error(std::string code, std::size_t begin, std::size_t end, std::string message,
             std::string hint = {}) {
    diags.error(std::move(code), file.path(), loc_of(line_number, begin, end), std::move(message),
                std::move(hint));
    out.has_errors = true;
  }

  void indentation() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) {
      if (text[pos] == '\t') {
        error("TX0003", pos, pos + 1, "tab used for indentation",
              "indent with spaces; most editors can be set to insert spaces for the Tab key");
        out.indent += 4;
      } else {
        out.indent += 1;
      }
      ++pos;
    }
  }

  void string_token(std::size_t open_len) {
    std::size_t begin = pos;
    pos += open_len;
    std::string value;
    while (pos < text.size()) {
      // Either closing quote ends the text, so “curly” quotes from word processors work.
      if (text[pos] == '"' || text.substr(pos, 3) == kCloseCurly) {
        pos += text[pos] == '"' ? 1 : 3;
        out.tokens.push_back(
            {TokenKind::string, std::move(value), 0, {}, loc_of(line_number, begin, pos)});
        return;
      }
      if (text[pos] == '\\' && pos + 1 < text.size()) {
        char next = text[pos + 1];
        if (next == '"' || next == '\\')
          value += next;
        else if (next == 'n')
          value += '\n';
        else {
          error("TX0002", pos, pos + 2, fmt::format("unknown escape '\\{}' in text", next),
                "write \\\" for a quote, \\\\ for a backslash, \\n for a new line");
        }
        pos += 2;
        continue;
      }
      value += text[pos++];
    }
    error("TX0001", begin, text.size(), "text is missing its closing quote",
          "end the text with \" on the same line");
  }

  void line_tag() {
    std::size_t begin = pos;
    pos += 6;  // "#line:"
    std::size_t id_begin = pos;
    while (pos < text.size() && !is_space(text[pos])) ++pos;
    std::string id(text.substr(id_begin, pos - id_begin));
    bool ok = !id.empty();
    for (char c : id) {
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.'))
        ok = false;
    }
    if (!ok) {
      error("TX0402", begin, pos,
            fmt::format("'{}' is not a valid line id", text.substr(begin, pos - begin)),
            "line ids use letters, digits, '-', '_' and '.', e.g. #line:pinch");
      return;
    }
    out.tokens.push_back(
        {TokenKind::line_tag, std::move(id), 0, {}, loc_of(line_number, begin, pos)});
  }

  void bare_token() {
    std::size_t begin = pos;
    while (pos < text.size() && !is_space(text[pos]) && text[pos] != '"' && text[pos] != '#' &&
           text.substr(pos, 3) != kOpenCurly)
      ++pos;
    std::string_view raw = text.substr(begin, pos - begin);
    Token token{TokenKind::word, std::string(raw), 0, {}, loc_of(line_number, begin, pos)};
    double value = 0;
    std::string unit;
    if (split_number(raw, value, unit)) {
      token.kind = TokenKind::number;
      token.number = value;
      token.unit = unit;
      bool known = unit.empty();
      for (const auto& u : kUnits) known = known || u == unit;
      if (!known) {
        std::string guess = suggest(unit, kUnits);
        error("TX0002", begin, pos, fmt::format("unknown unit '{}' in '{}'", unit, raw),
              guess.empty() ? "units are s, ms, m, cm and deg"
                            : fmt::format("did you mean '{}'?", guess));
      }
    }
    out.tokens.push_back(std::move(token));
  }

  void run() {
    if (!valid_utf8(text)) {
      error("TX0005", 0, text.size(), "this line is not valid UTF-8 text",
            "save the script as UTF-8 in your editor");
      return;
    }
    indentation();
    while (pos < text.size()) {
      char c = text[pos];
      if (is_space(c)) {
        ++pos;
      } else if (c == '"') {
        string_token(1);
      } else if (text.substr(pos, 3) == kOpenCurly) {
        string_token(3);
      } else if (text.substr(pos, 6) == "#line:") {
        line_tag();
      } else if (c == '#') {
        out.comment_start = static_cast<std::uint32_t>(pos + 1);
        break;
      } else {
        bare_token();
      }
    }
  }
};

}  // namespace

LexedLine lex_line(const SourceFile& file, std::uint32_t line_number, Diagnostics& diags) {
  Lexer lexer{file, line_number, file.line(line_number), diags, {}};
  lexer.out.number = line_number;
  lexer.run();
  return std::move(lexer.out);
}

SourceLoc Statement::span() const {
  SourceLoc loc = head.loc;
  if (!args.empty()) {
    const SourceLoc& last = args.back().loc;
    loc.length = last.column + last.length - head.loc.column;
  }
  return loc;
}

std::vector<Statement> parse_script(const SourceFile& file, Diagnostics& diags) {
  std::vector<Statement> roots;
  // The chain of open statements, outermost first, as pointers into the tree.
  std::vector<Statement*> open;
  for (std::uint32_t n = 1; n <= file.line_count(); ++n) {
    LexedLine line = lex_line(file, n, diags);
    if (line.tokens.empty()) continue;
    Statement st;
    st.indent = line.indent;
    st.line = n;
    std::size_t i = 0;
    for (auto& token : line.tokens) {
      if (token.kind == TokenKind::line_tag) {
        if (st.line_tag) {
          diags.error("TX0401", file.path(), token.loc, "a line can carry only one line id");
        }
        st.line_tag = std::move(token);
      } else if (i++ == 0) {
        st.head = std::move(token);
      } else {
        st.args.push_back(std::move(token));
      }
    }
    if (i == 0) {
      diags.error("TX0403", file.path(), st.line_tag->loc,
                  "a line id must follow the text it names, on the same line");
      continue;
    }
    if (st.head.kind != TokenKind::word) {
      diags.error("TX0205", file.path(), st.head.loc,
                  "a line must start with a word such as 'say', 'step' or 'model'");
      continue;
    }
    while (!open.empty() && open.back()->indent >= st.indent) open.pop_back();
    std::vector<Statement>& siblings = open.empty() ? roots : open.back()->children;
    if (open.empty() && st.indent > 0) {
      diags.error("TX0004", file.path(), {n, 1, st.indent},
                  "the first line of a section must not be indented",
                  "start 'scene', 'model', 'step' and similar lines at the left edge");
    } else if (!open.empty() && !siblings.empty() && siblings.back().indent != st.indent) {
      diags.error("TX0004", file.path(), {n, 1, std::max<std::uint32_t>(1, st.indent)},
                  "this line's indentation does not match the lines it belongs with",
                  fmt::format("indent it by {} spaces, like line {}", siblings.back().indent,
                              siblings.back().line));
    }
    siblings.push_back(std::move(st));
    open.push_back(&siblings.back());
    // Pointers into vectors stay valid: a vector only grows while its owner is the
    // innermost open statement, and then nothing below it is open.
  }
  return roots;
}

}  // namespace trialxr::compiler
