#include "trialxr/compiler/line_tagger.h"

#include <fmt/format.h>
#include <map>
#include <set>

#include "trialxr/compiler/script_parser.h"

namespace trialxr::compiler {

namespace {

// The statement words whose string is shown to the patient, and the id part for each.
const std::map<std::string, std::string, std::less<>> kTextWords = {{"title", "title"},
                                                                    {"say", "say"},
                                                                    {"label", "label"},
                                                                    {"ask", "question"},
                                                                    {"option", "option"},
                                                                    {"feedback", "feedback"},
                                                                    {"explore", "question"},
                                                                    {"visit", "visit"},
                                                                    {"procedure", "procedure"},
                                                                    {"day-text", "day-text"},
                                                                    {"window-text", "window-text"}};

}  // namespace

TagResult tag_lines(const SourceFile& file) {
  Diagnostics ignored;  // tagging works on scripts that still have errors
  std::vector<LexedLine> lines;
  std::set<std::string> used;
  for (std::uint32_t n = 1; n <= file.line_count(); ++n) {
    lines.push_back(lex_line(file, n, ignored));
    for (const Token& t : lines.back().tokens)
      if (t.kind == TokenKind::line_tag) used.insert(t.text);
  }

  // Where to insert on each line (byte offset within the line) and what.
  std::map<std::uint32_t, std::pair<std::size_t, std::string>> inserts;
  std::string context = "scene";
  std::map<std::string, int> counters;
  for (const LexedLine& line : lines) {
    if (line.tokens.empty() || line.has_errors) continue;
    const Token& head = line.tokens.front();
    if (head.kind != TokenKind::word) continue;
    if (line.indent == 0 && line.tokens.size() >= 2 && line.tokens[1].kind == TokenKind::word &&
        (head.text == "step" || head.text == "scene" || head.text == "schedule")) {
      context = head.text == "scene" ? "scene" : line.tokens[1].text;
      continue;
    }
    auto it = kTextWords.find(head.text);
    if (it == kTextWords.end()) continue;
    bool has_string = false, has_tag = false;
    for (const Token& t : line.tokens) {
      has_string = has_string || t.kind == TokenKind::string;
      has_tag = has_tag || t.kind == TokenKind::line_tag;
    }
    if (!has_string || has_tag) continue;
    std::string id;
    if (head.text == "title" && !used.count("title")) {
      id = "title";
    } else {
      std::string base = fmt::format("{}-{}", context, it->second);
      do {
        id = fmt::format("{}-{}", base, ++counters[base]);
      } while (used.count(id));
    }
    used.insert(id);
    const Token& last = line.tokens.back();
    std::size_t after = last.loc.column - 1 + last.loc.length;
    inserts[line.number] = {after, " #line:" + id};
  }

  TagResult result;
  const std::string& text = file.text();
  std::size_t pos = 0;
  std::uint32_t number = 1;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    bool last_line = end == std::string::npos;
    if (last_line) end = text.size();
    auto ins = inserts.find(number);
    if (ins != inserts.end()) {
      result.text.append(text, pos, ins->second.first);
      result.text += ins->second.second;
      result.text.append(text, pos + ins->second.first, end - pos - ins->second.first);
      ++result.added;
    } else {
      result.text.append(text, pos, end - pos);
    }
    if (last_line) break;
    result.text += '\n';
    pos = end + 1;
    ++number;
  }
  return result;
}

}  // namespace trialxr::compiler
