#include "script_args.h"

namespace trialxr::compiler::detail {

namespace {

std::string_view quantity_example(Quantity q) {
  switch (q) {
    case Quantity::scalar:
      return "a number such as 1.5";
    case Quantity::distance:
      return "a distance in metres such as 0.5 or 50cm";
    case Quantity::angle:
      return "an angle in degrees such as 90";
    case Quantity::duration:
      return "a duration such as 2s or 500ms";
  }
  return "a number";
}

}  // namespace

SourceLoc ArgReader::end_loc() const {
  const Token& last = st_.args.empty() ? st_.head : st_.args.back();
  return {last.loc.line, last.loc.column + last.loc.length, 1};
}

std::optional<Token> ArgReader::word(std::string_view what) {
  const Token* t = peek();
  if (t == nullptr) {
    error("TX0205", end_loc(), fmt::format("'{}' needs {} here", st_.head.text, what));
    return std::nullopt;
  }
  if (t->kind != TokenKind::word) {
    error("TX0205", t->loc, fmt::format("expected {}, found '{}'", what, t->text));
    skip();
    return std::nullopt;
  }
  skip();
  return *t;
}

std::optional<Token> ArgReader::string(std::string_view what) {
  const Token* t = peek();
  if (t == nullptr) {
    error("TX0205", end_loc(), fmt::format("'{}' needs {} in quotes here", st_.head.text, what),
          "write the text in double quotes, e.g. \"Hello\"");
    return std::nullopt;
  }
  if (t->kind != TokenKind::string) {
    error("TX0205", t->loc, fmt::format("expected {} in quotes, found '{}'", what, t->text),
          fmt::format("put the text in double quotes: \"{}\"", t->text));
    skip();
    return std::nullopt;
  }
  skip();
  return *t;
}

std::optional<float> ArgReader::number(Quantity q, std::string_view what) {
  const Token* t = peek();
  if (t == nullptr) {
    error("TX0205", end_loc(),
          fmt::format("'{}' needs {} ({}) here", st_.head.text, what, quantity_example(q)));
    return std::nullopt;
  }
  skip();
  if (t->kind != TokenKind::number) {
    error("TX0205", t->loc,
          fmt::format("expected {} ({}), found '{}'", what, quantity_example(q), t->text));
    return std::nullopt;
  }
  double v = t->number;
  const std::string& u = t->unit;
  switch (q) {
    case Quantity::scalar:
      if (!u.empty()) {
        error("TX0202", t->loc, fmt::format("{} takes a plain number, without '{}'", what, u));
        return std::nullopt;
      }
      break;
    case Quantity::distance:
      if (u == "cm")
        v /= 100.0;
      else if (!u.empty() && u != "m") {
        error("TX0202", t->loc,
              fmt::format("{} is a distance; '{}' is not a distance unit", what, u),
              "write metres (0.5 or 0.5m) or centimetres (50cm)");
        return std::nullopt;
      }
      break;
    case Quantity::angle:
      if (!u.empty() && u != "deg") {
        error("TX0202", t->loc, fmt::format("{} is an angle; '{}' is not an angle unit", what, u),
              "write degrees, e.g. 90 or 90deg");
        return std::nullopt;
      }
      break;
    case Quantity::duration:
      if (u == "ms")
        v /= 1000.0;
      else if (u != "s") {
        error("TX0202", t->loc, fmt::format("{} needs a time unit", what),
              fmt::format("write {}s for seconds or {}ms for milliseconds", t->text, t->text));
        return std::nullopt;
      }
      if (v < 0) {
        error("TX0202", t->loc, fmt::format("{} cannot be negative", what));
        return std::nullopt;
      }
      break;
  }
  return static_cast<float>(v);
}

std::optional<std::array<float, 3>> ArgReader::vec3(Quantity q, std::string_view what) {
  std::array<float, 3> out{};
  static constexpr std::array<std::string_view, 3> kAxes = {"x", "y", "z"};
  for (std::size_t i = 0; i < 3; ++i) {
    auto v = number(q, fmt::format("{} {}", what, kAxes[i]));
    if (!v) return std::nullopt;
    out[i] = *v;
  }
  return out;
}

bool ArgReader::keyword(std::string_view word) {
  const Token* t = peek();
  if (t != nullptr && t->kind == TokenKind::word && t->text == word) {
    skip();
    return true;
  }
  error("TX0205", t != nullptr ? t->loc : end_loc(),
        fmt::format("'{}' expects '{}' here{}", st_.head.text, word,
                    t != nullptr ? fmt::format(", found '{}'", t->text) : std::string{}));
  if (t != nullptr) skip();
  return false;
}

void ArgReader::finish() {
  if (at_end() || !ok_) return;
  const Token& first = st_.args[next_];
  const Token& last = st_.args.back();
  SourceLoc loc = first.loc;
  loc.length = last.loc.column + last.loc.length - first.loc.column;
  error("TX0206", loc, fmt::format("'{}' does not take '{}' here", st_.head.text, first.text));
}

}  // namespace trialxr::compiler::detail
