// [SECTION] vocabulary
// [SECTION] header
// [SECTION] objects
// [SECTION] cues
// [SECTION] quizzes
// [SECTION] visit schedules
// [SECTION] whole-scene rules (names, line ids, comfort)
#include "trialxr/compiler/script_analyzer.h"

#include <fmt/format.h>
#include <cmath>
#include <glm/glm.hpp>
#include <map>
#include <set>

#include "schedule_lowering.h"
#include "script_args.h"
#include "trialxr/compiler/color.h"

namespace trialxr::compiler {

using bundle::CueOp;
using detail::ArgReader;
using detail::Quantity;

// [SECTION] vocabulary

const std::vector<std::string>& top_level_words() {
  static const std::vector<std::string> words = {"scene",    "model",    "box",   "sphere",
                                                 "cylinder", "capsule",  "plane", "arrow",
                                                 "image",    "schedule", "step"};
  return words;
}

const std::vector<std::string>& cue_words() {
  static const std::vector<std::string> words = {
      "say",  "show",     "hide",      "move",        "rotate", "turn",    "scale",
      "play", "stop",     "highlight", "unhighlight", "label",  "unlabel", "look",
      "wait", "together", "quiz",      "explore",     "goto",   "end"};
  return words;
}

namespace {

const std::map<std::string, bundle::ObjectKind, std::less<>> kObjectKinds = {
    {"model", bundle::ObjectKind::model},     {"box", bundle::ObjectKind::box},
    {"sphere", bundle::ObjectKind::sphere},   {"cylinder", bundle::ObjectKind::cylinder},
    {"capsule", bundle::ObjectKind::capsule}, {"plane", bundle::ObjectKind::plane},
    {"arrow", bundle::ObjectKind::arrow},     {"image", bundle::ObjectKind::image}};

bool valid_name(std::string_view name, bool allow_dot) {
  if (name.empty()) return false;
  if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'))) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || (allow_dot && c == '.');
    if (!ok) return false;
  }
  return true;
}

class Analyzer {
 public:
  Analyzer(const std::string& file, Diagnostics& diags) : file_(file), diags_(diags) {
    model_.file = file;
  }

  SceneModel run(const std::vector<Statement>& statements);

 private:
  void error(std::string code, SourceLoc loc, std::string message, std::string hint = {}) {
    diags_.error(std::move(code), file_, loc, std::move(message), std::move(hint));
  }
  void warning(std::string code, SourceLoc loc, std::string message, std::string hint = {}) {
    diags_.warning(std::move(code), file_, loc, std::move(message), std::move(hint));
  }
  std::optional<Name> name_arg(ArgReader& args, std::string_view what, bool allow_dot);
  Text text_from(const Token& token, const Statement& st, bundle::LineKind kind);
  void no_children(const Statement& st);
  void no_line_tag(const Statement& st);
  // "unknown WHAT 'word'" at the word, with "did you mean" when one of `known` is close,
  // else `otherwise`.
  void unknown_word(std::string code, const Token& word, std::string_view what,
                    const std::vector<std::string>& known, std::string otherwise);

  void header(const Statement& st);
  void font_setting(const Statement& st, SceneHeader& h);
  void object(const Statement& st, bundle::ObjectKind kind);
  void object_property(const Statement& st, ObjectDecl& obj);
  void step(const Statement& st);
  std::optional<Cue> cue(const Statement& st);
  void cue_modifiers(ArgReader& args, Cue& c, bool allow_over, bool allow_for, bool allow_ease);
  std::optional<Cue> quiz(const Statement& st);
  void quiz_option(const Statement& st, QuizDecl& q);
  std::optional<Cue> explore(const Statement& st);
  Cue add_quiz(const Statement& st, QuizDecl q);  // keeps q; the cue that shows it
  void schedule(const Statement& st);
  void visit(const Statement& st, ScheduleDecl& schedule);
  std::optional<Text> template_text(const Statement& st,
                                    std::initializer_list<std::string_view> placeholders);
  void check_schedules();

  void check_names();
  void check_step_refs(const std::vector<Cue>& cues);
  void check_step_ref(const Name& step);
  void check_line_ids();
  void collect_texts(std::vector<const Text*>& out) const;
  void check_comfort();

  const std::string& file_;
  Diagnostics& diags_;
  SceneModel model_;
  bool seen_header_ = false;
};

SceneModel Analyzer::run(const std::vector<Statement>& statements) {
  for (const Statement& st : statements) {
    const std::string& word = st.head.text;
    if (word == "scene") {
      header(st);
    } else if (auto it = kObjectKinds.find(word); it != kObjectKinds.end()) {
      object(st, it->second);
    } else if (word == "schedule") {
      schedule(st);
    } else if (word == "step") {
      step(st);
    } else {
      std::string guess = suggest(word, top_level_words());
      bool is_cue = std::find(cue_words().begin(), cue_words().end(), word) != cue_words().end();
      error("TX0100", st.head.loc, fmt::format("unknown section '{}'", word),
            !guess.empty() ? fmt::format("did you mean '{}'?", guess)
            : is_cue
                ? fmt::format("'{}' belongs inside a step: indent it under a 'step' line", word)
                : "a script is made of 'scene', objects ('model', 'box', ...) and 'step' sections");
    }
  }
  if (!seen_header_) {
    error("TX0101", {1, 1, 1}, "the script has no 'scene' section",
          "start the script with: scene my-scene-id");
  }
  if (model_.steps.empty() && seen_header_) {
    error("TX0208", model_.header.loc, "the scene has no steps",
          "add at least one 'step NAME' section with cues under it");
  }
  check_names();
  for (const StepDecl& s : model_.steps) check_step_refs(s.cues);
  for (const QuizDecl& q : model_.quizzes) {
    check_step_ref(q.topic);
    check_step_ref(q.wrong_step);
    for (const OptionDecl& o : q.options) check_step_ref(o.go_to);
  }
  check_schedules();
  check_line_ids();
  check_comfort();
  return std::move(model_);
}

std::optional<Name> Analyzer::name_arg(ArgReader& args, std::string_view what, bool allow_dot) {
  auto token = args.word(what);
  if (!token) return std::nullopt;
  if (!valid_name(token->text, allow_dot)) {
    args.error("TX0110", token->loc, fmt::format("'{}' is not a valid {}", token->text, what),
               "names start with a letter and use letters, digits, '-' and '_'");
    return std::nullopt;
  }
  return Name{token->text, token->loc};
}

Text Analyzer::text_from(const Token& token, const Statement& st, bundle::LineKind kind) {
  Text t;
  t.text = token.text;
  t.kind = kind;
  t.line = st.line;
  t.loc = token.loc;
  if (st.line_tag) t.line_id = st.line_tag->text;
  if (t.text.empty()) warning("TX0404", token.loc, "this text is empty");
  return t;
}

void Analyzer::no_children(const Statement& st) {
  if (st.children.empty()) return;
  const Statement& child = st.children.front();
  error("TX0210", child.head.loc,
        fmt::format("'{}' cannot have lines indented under it", st.head.text),
        fmt::format("un-indent line {} to match line {}", child.line, st.line));
}

void Analyzer::unknown_word(std::string code, const Token& word, std::string_view what,
                            const std::vector<std::string>& known, std::string otherwise) {
  std::string guess = suggest(word.text, known);
  error(std::move(code), word.loc, fmt::format("unknown {} '{}'", what, word.text),
        guess.empty() ? std::move(otherwise) : fmt::format("did you mean '{}'?", guess));
}

void Analyzer::no_line_tag(const Statement& st) {
  if (!st.line_tag) return;
  error("TX0403", st.line_tag->loc,
        fmt::format("'{}' shows no text, so it takes no line id", st.head.text),
        "line ids belong on lines with patient-visible text: say, label, title, ask, option, "
        "feedback, explore, visit, procedure, day-text, window-text");
}

// [SECTION] header

void Analyzer::header(const Statement& st) {
  if (seen_header_) {
    error("TX0102", st.head.loc, "the script has a second 'scene' section",
          fmt::format("a script describes one scene; the first is on line {}",
                      model_.header.loc.line));
    return;
  }
  seen_header_ = true;
  SceneHeader& h = model_.header;
  h.loc = st.head.loc;
  ArgReader args(st, file_, diags_);
  if (auto n = name_arg(args, "scene id", false)) h.id = n->text;
  args.finish();
  no_line_tag(st);
  std::set<std::string> seen;
  for (const Statement& f : st.children) {
    const std::string& key = f.head.text;
    if (key == "font") {
      font_setting(f, h);
      continue;
    }
    if (!seen.insert(key).second) {
      error("TX0102", f.head.loc, fmt::format("'{}' is given twice", key));
      continue;
    }
    no_children(f);
    if (key != "title") no_line_tag(f);
    ArgReader a(f, file_, diags_);
    if (key == "title") {
      if (auto s = a.string("the scene's title"))
        h.title = text_from(*s, f, bundle::LineKind::title);
    } else if (key == "study") {
      if (auto t = a.peek();
          t != nullptr && (t->kind == TokenKind::string || t->kind == TokenKind::word)) {
        h.study = t->text;
        a.skip();
      } else {
        a.word("the study id");
      }
    } else if (key == "version") {
      if (auto t = a.peek(); t != nullptr) {
        h.version = t->kind == TokenKind::number && t->text.empty() ? fmt::format("{}", t->number)
                                                                    : t->text;
        a.skip();
      } else {
        a.word("the content version, e.g. 1.0.0");
      }
    } else if (key == "languages" || key == "language") {
      while (!a.at_end()) {
        auto lang = a.word("a language code such as en or zh");
        if (!lang) break;
        bool ok = lang->text.size() >= 2 && lang->text.size() <= 35;
        for (char c : lang->text)
          ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-');
        if (!ok) {
          error("TX0106", lang->loc, fmt::format("'{}' is not a language code", lang->text),
                "use BCP 47 codes such as en, zh, zh-Hans, es-MX");
        } else if (std::find(h.languages.begin(), h.languages.end(), lang->text) !=
                   h.languages.end()) {
          error("TX0106", lang->loc, fmt::format("language '{}' is listed twice", lang->text));
        } else {
          h.languages.push_back(lang->text);
        }
      }
      if (h.languages.empty() && a.ok()) a.word("at least one language code");
    } else if (key == "audience") {
      auto who = a.word("'adult' or 'child' and an age band");
      if (who && who->text == "adult") {
        h.audience = bundle::Audience::adult;
      } else if (who && who->text == "child") {
        static const std::map<std::string, bundle::Audience, std::less<>> bands = {
            {"under-7", bundle::Audience::child_under_7},
            {"7-11", bundle::Audience::child_7_11},
            {"12-14", bundle::Audience::child_12_14},
            {"15-17", bundle::Audience::child_15_17}};
        auto band = a.word("an age band: under-7, 7-11, 12-14 or 15-17");
        if (band) {
          auto it = bands.find(band->text);
          if (it == bands.end()) {
            error("TX0105", band->loc, fmt::format("'{}' is not an age band", band->text),
                  "write one of: under-7, 7-11, 12-14, 15-17");
          } else {
            h.audience = it->second;
          }
        }
      } else if (who) {
        error(
            "TX0105", who->loc, fmt::format("unknown audience '{}'", who->text),
            "write 'audience adult' or 'audience child 7-11' (bands: under-7, 7-11, 12-14, 15-17)");
      }
    } else if (key == "approval") {
      if (auto s = a.string("the approval reference")) h.approval = s->text;
    } else if (key == "display") {
      if (auto w = a.word("'vr' or 'ar'")) {
        if (w->text == "vr" || w->text == "ar") {
          h.display =
              w->text == "ar" ? bundle::DisplayPreference::ar : bundle::DisplayPreference::vr;
        } else {
          error("TX0108", w->loc, fmt::format("unknown display '{}'", w->text),
                "write 'display vr' (a virtual room) or 'display ar' (the patient's room shows "
                "through where the headset can)");
        }
      }
    } else if (key == "space") {
      if (auto w = a.word("'seated' or 'standing'")) {
        if (w->text == "seated" || w->text == "standing") {
          h.space = w->text == "standing" ? bundle::SpacePreference::standing
                                          : bundle::SpacePreference::seated;
        } else {
          error("TX0108", w->loc, fmt::format("unknown space '{}'", w->text),
                "write 'space seated' or 'space standing'");
        }
      }
    } else {
      static const std::vector<std::string> keys = {"title",     "study",    "version",
                                                    "languages", "audience", "approval",
                                                    "font",      "display",  "space"};
      unknown_word("TX0103", f.head, "scene setting", keys,
                   "settings are: title, study, version, languages, audience, approval, font, "
                   "display, space");
      continue;
    }
    a.finish();
  }
  SourceLoc at = st.head.loc;
  if (!seen.count("title")) error("TX0104", at, "the scene has no title", "add: title \"...\"");
  if (!seen.count("study")) error("TX0104", at, "the scene names no study", "add: study STUDY-ID");
  if (!seen.count("version"))
    error("TX0104", at, "the scene has no content version", "add: version 1.0.0");
  if (!seen.count("languages") && !seen.count("language"))
    error("TX0104", at, "the scene names no language",
          "add: languages en zh (base language first)");
}

void Analyzer::font_setting(const Statement& f, SceneHeader& h) {
  no_children(f);
  no_line_tag(f);
  ArgReader a(f, file_, diags_);
  std::string language;
  if (const Token* t = a.peek(); t != nullptr && t->kind == TokenKind::word) {
    language = t->text;
    a.skip();
  }
  auto family = a.string("the font family, e.g. \"Noto Sans CJK SC\"");
  if (!family) return;
  a.finish();
  if (!language.empty() &&
      std::find(h.languages.begin(), h.languages.end(), language) == h.languages.end()) {
    error("TX0107", f.head.loc,
          fmt::format("font for '{}', which is not one of the scene's languages", language),
          "list the languages before the fonts: languages en zh");
    return;
  }
  if (!h.fonts.emplace(language, FontChoice{family->text, family->loc}).second) {
    error("TX0102", f.head.loc,
          language.empty() ? std::string("'font' is given twice")
                           : fmt::format("'font {}' is given twice", language));
  }
}

// [SECTION] objects

void Analyzer::object(const Statement& st, bundle::ObjectKind kind) {
  ObjectDecl obj;
  obj.kind = kind;
  obj.line = st.line;
  ArgReader args(st, file_, diags_);
  if (auto n = name_arg(args, "object name", false)) obj.name = *n;
  if (kind == bundle::ObjectKind::model || kind == bundle::ObjectKind::image) {
    if (auto path =
            args.string(kind == bundle::ObjectKind::model ? "the model file (.glb or .gltf)"
                                                          : "the image file (.png or .jpg)")) {
      obj.source = path->text;
      obj.source_loc = path->loc;
    }
  }
  args.finish();
  no_line_tag(st);
  switch (kind) {  // shape defaults that suit a table-top scene
    case bundle::ObjectKind::plane:
      obj.size = {1.0f, 0.0f, 1.0f};
      break;
    case bundle::ObjectKind::image:
      obj.size = {0.5f, 0.0f, 0.0f};
      break;
    default:
      break;
  }
  for (const Statement& p : st.children) object_property(p, obj);
  model_.objects.push_back(std::move(obj));
}

void Analyzer::object_property(const Statement& p, ObjectDecl& obj) {
  const std::string& key = p.head.text;
  no_children(p);
  no_line_tag(p);
  ArgReader a(p, file_, diags_);
  using K = bundle::ObjectKind;
  auto only_for = [&](std::initializer_list<K> kinds, std::string_view which) {
    for (K k : kinds)
      if (k == obj.kind) return true;
    error("TX0116", p.head.loc, fmt::format("'{}' does not apply to this object", key),
          fmt::format("'{}' is for {}", key, which));
    return false;
  };
  if (key == "at") {
    if (auto v = a.vec3(Quantity::distance, "position")) obj.position = *v;
  } else if (key == "turn") {
    if (auto v = a.vec3(Quantity::angle, "turn")) obj.rotation_deg = *v;
  } else if (key == "scale") {
    auto s = a.number(Quantity::scalar, "scale");
    if (s && a.at_end()) {
      obj.scale = {*s, *s, *s};
    } else if (s) {
      auto y = a.number(Quantity::scalar, "scale y");
      auto z = a.number(Quantity::scalar, "scale z");
      if (y && z) obj.scale = {*s, *y, *z};
    }
  } else if (key == "hidden") {
    obj.hidden = true;
  } else if (key == "color" || key == "colour") {
    if (!only_for({K::box, K::sphere, K::cylinder, K::capsule, K::plane, K::arrow},
                  "built-in shapes"))
      return;
    const Token* t = a.peek();
    if (t != nullptr && t->kind == TokenKind::number) {
      auto v = a.vec3(Quantity::scalar, "colour");
      if (v)
        obj.color = {srgb_to_linear((*v)[0]), srgb_to_linear((*v)[1]), srgb_to_linear((*v)[2]),
                     1.0f};
    } else if (t != nullptr) {
      a.skip();
      auto c = parse_color(t->text);
      if (!c) {
        std::string guess = suggest(t->text, color_names());
        error("TX0112", t->loc, fmt::format("'{}' is not a colour", t->text),
              guess.empty()
                  ? "write a colour name (red, skin, skyblue, ...), \"#rrggbb\", or three "
                    "numbers from 0 to 1"
                  : fmt::format("did you mean '{}'?", guess));
      } else {
        obj.color = *c;
      }
    } else {
      a.word("a colour");
    }
  } else if (key == "size") {
    if (!only_for({K::box, K::plane, K::image},
                  "box (x y z), plane (width depth) and image (width)"))
      return;
    obj.has_size = true;
    if (obj.kind == K::box) {
      if (auto v = a.vec3(Quantity::distance, "size")) obj.size = *v;
    } else if (obj.kind == K::plane) {
      auto w = a.number(Quantity::distance, "width");
      auto d = a.number(Quantity::distance, "depth");
      if (w && d) obj.size = {*w, 0.0f, *d};
    } else {
      if (auto w = a.number(Quantity::distance, "width")) obj.size = {*w, 0.0f, 0.0f};
    }
  } else if (key == "radius") {
    if (!only_for({K::sphere, K::cylinder, K::capsule, K::arrow},
                  "sphere, cylinder, capsule and arrow"))
      return;
    if (auto v = a.number(Quantity::distance, "radius")) obj.radius = *v;
  } else if (key == "height") {
    if (!only_for({K::cylinder, K::capsule}, "cylinder and capsule")) return;
    if (auto v = a.number(Quantity::distance, "height")) obj.height = *v;
  } else if (key == "length") {
    if (!only_for({K::arrow}, "arrow")) return;
    if (auto v = a.number(Quantity::distance, "length")) obj.length = *v;
  } else if (key == "part") {
    if (!only_for({K::model}, "models: it names a node of the model file")) return;
    auto alias = name_arg(a, "part name", false);
    auto node = a.string("the node's name in the model file");
    if (alias && node) {
      if (obj.parts.count(alias->text)) {
        error("TX0110", alias->loc, fmt::format("part '{}' is named twice", alias->text));
      } else {
        obj.parts.emplace(alias->text, Name{node->text, node->loc});
      }
    }
  } else {
    static const std::vector<std::string> keys = {"at",   "turn",   "scale",  "hidden", "color",
                                                  "size", "radius", "height", "length", "part"};
    unknown_word("TX0111", p.head, "object setting", keys,
                 "object settings are: at, turn, scale, hidden, color, size, radius, height, "
                 "length, part");
    return;
  }
  for (float v : obj.scale) {
    if (key == "scale" && v <= 0) {
      error("TX0112", p.span(), "scale must be greater than zero");
      break;
    }
  }
  a.finish();
}

// [SECTION] cues

void Analyzer::step(const Statement& st) {
  StepDecl s;
  s.line = st.line;
  ArgReader args(st, file_, diags_);
  if (auto n = name_arg(args, "step name", false)) s.name = *n;
  args.finish();
  no_line_tag(st);
  for (const Statement& c : st.children) {
    if (auto parsed = cue(c)) s.cues.push_back(std::move(*parsed));
  }
  if (st.children.empty()) {
    warning("TX0208", st.head.loc, fmt::format("step '{}' has no cues", s.name.text),
            "indent cues such as 'say \"...\"' under the step");
  }
  model_.steps.push_back(std::move(s));
}

void Analyzer::cue_modifiers(ArgReader& a, Cue& c, bool allow_over, bool allow_for,
                             bool allow_ease) {
  while (!a.at_end() && a.ok()) {
    const Token& t = *a.peek();
    if (allow_over && t.kind == TokenKind::word && t.text == "over") {
      a.skip();
      if (auto d = a.number(Quantity::duration, "'over'")) c.duration = *d;
    } else if (allow_for && t.kind == TokenKind::word && t.text == "for") {
      a.skip();
      if (auto d = a.number(Quantity::duration, "'for'")) c.duration = *d;
    } else if (allow_ease && t.kind == TokenKind::word && t.text == "ease") {
      a.skip();
      static const std::map<std::string, bundle::Easing, std::less<>> easings = {
          {"linear", bundle::Easing::linear},
          {"in", bundle::Easing::in},
          {"out", bundle::Easing::out},
          {"in-out", bundle::Easing::in_out}};
      auto e = a.word("an easing: linear, in, out or in-out");
      if (!e) return;
      auto it = easings.find(e->text);
      if (it == easings.end()) {
        std::vector<std::string> names = {"linear", "in", "out", "in-out"};
        std::string guess = suggest(e->text, names);
        a.error("TX0209", e->loc, fmt::format("unknown easing '{}'", e->text),
                guess.empty() ? "easings are: linear, in, out, in-out"
                              : fmt::format("did you mean '{}'?", guess));
        return;
      }
      c.easing = it->second;
    } else {
      return;  // the caller's finish() reports what is left
    }
  }
}

std::optional<Cue> Analyzer::cue(const Statement& st) {
  Cue c;
  c.line = st.line;
  c.loc = st.head.loc;
  const std::string& w = st.head.text;
  ArgReader a(st, file_, diags_);
  bool takes_text = false;
  auto target = [&](std::string_view what = "an object or part, e.g. arm or arm.vein") {
    if (auto n = name_arg(a, what, true)) c.target = *n;
  };
  if (w == "quiz") return quiz(st);
  if (w == "explore") return explore(st);
  if (w != "together") no_children(st);

  if (w == "say") {
    c.op = CueOp::say;
    if (auto s = a.string("the words to say")) c.text = text_from(*s, st, bundle::LineKind::say);
    takes_text = true;
    // `audio "FILE"` (its recording) and `from NAME` (heard from an object), in any order.
    for (const Token* t = a.peek(); c.text && t != nullptr && t->kind == TokenKind::word;
         t = a.peek()) {
      if (t->text == "audio") {
        a.skip();
        if (auto file = a.string("the recorded narration file, e.g. \"narration/en/hello.wav\"")) {
          c.text->audio = file->text;
          c.text->audio_loc = file->loc;
        }
      } else if (t->text == "from") {
        a.skip();
        target("the object the voice comes from, e.g. nurse");
      } else {
        break;
      }
    }
  } else if (w == "show" || w == "hide") {
    c.op = w == "show" ? CueOp::show : CueOp::hide;
    c.easing = bundle::Easing::linear;
    target();
    cue_modifiers(a, c, true, false, false);
  } else if (w == "move" || w == "rotate" || w == "turn" || w == "scale") {
    c.op = w == "move" ? CueOp::move : w == "scale" ? CueOp::scale : CueOp::rotate;
    target();
    a.keyword("to");
    if (c.op == CueOp::scale) {
      auto s = a.number(Quantity::scalar, "scale");
      if (s && (a.at_end() || a.peek()->kind != TokenKind::number)) {
        c.value = {*s, *s, *s, 0};
      } else if (s) {
        auto y = a.number(Quantity::scalar, "scale y");
        auto z = a.number(Quantity::scalar, "scale z");
        if (y && z) c.value = {*s, *y, *z, 0};
      }
    } else if (auto v = a.vec3(c.op == CueOp::move ? Quantity::distance : Quantity::angle,
                               c.op == CueOp::move ? "position" : "turn")) {
      c.value = {(*v)[0], (*v)[1], (*v)[2], 0};
    }
    cue_modifiers(a, c, true, false, true);
  } else if (w == "play") {
    c.op = CueOp::play;
    target("the model to animate");
    if (auto clip = a.string("the animation's name")) {
      c.clip = clip->text;
      c.clip_loc = clip->loc;
    }
    if (a.peek_word("once")) {
      a.skip();
    } else if (a.peek_word("loop")) {
      a.skip();
      c.repeat = 0;
    } else if (a.peek() != nullptr && a.peek()->kind == TokenKind::number) {
      auto n = a.number(Quantity::scalar, "the number of times");
      a.keyword("times");
      if (n && (*n < 1 || std::floor(*n) != *n)) {
        a.error("TX0112", st.args.back().loc,
                "the number of times must be a whole number of 1 or more");
      } else if (n) {
        c.repeat = static_cast<std::uint32_t>(*n);
      }
    }
  } else if (w == "stop" || w == "unhighlight" || w == "unlabel") {
    c.op = w == "stop" ? CueOp::stop : w == "unhighlight" ? CueOp::unhighlight : CueOp::unlabel;
    target();
    // `stop NAME "clip"`: only that clip, which ends its current cycle.
    if (c.op == CueOp::stop && a.peek() != nullptr && a.peek()->kind == TokenKind::string) {
      auto clip = a.string("the animation's name");
      c.clip = clip->text;
      c.clip_loc = clip->loc;
    }
  } else if (w == "highlight") {
    c.op = CueOp::highlight;
    target();
    cue_modifiers(a, c, false, true, false);
  } else if (w == "label") {
    c.op = CueOp::label;
    target();
    if (auto s = a.string("the label's text")) c.text = text_from(*s, st, bundle::LineKind::label);
    takes_text = true;
    cue_modifiers(a, c, false, true, false);
  } else if (w == "look") {
    c.op = CueOp::look_at;
    a.keyword("at");
    target();
  } else if (w == "wait") {
    const Token* t = a.peek();
    if (t != nullptr && t->kind == TokenKind::word && t->text == "say") {
      c.op = CueOp::wait_say;
      a.skip();
    } else if (t != nullptr && t->kind == TokenKind::word && t->text == "continue") {
      c.op = CueOp::wait_continue;
      a.skip();
    } else if (t != nullptr && t->kind == TokenKind::number) {
      c.op = CueOp::wait_time;
      if (auto d = a.number(Quantity::duration, "'wait'")) c.duration = *d;
    } else {
      a.error("TX0205", t != nullptr ? t->loc : a.end_loc(),
              "'wait' needs a duration, 'say' or 'continue'",
              "write 'wait 2s', 'wait say' (until the narration ends) or 'wait continue' (until "
              "the patient continues)");
      return std::nullopt;
    }
  } else if (w == "together") {
    c.op = CueOp::together;
    for (const Statement& child : st.children) {
      if (child.head.text == "together" || child.head.text == "quiz" ||
          child.head.text == "explore" || child.head.text == "goto" || child.head.text == "end") {
        error("TX0210", child.head.loc,
              fmt::format("'{}' cannot run together with other cues", child.head.text),
              "place it after the 'together' block");
        continue;
      }
      if (auto parsed = cue(child)) c.children.push_back(std::move(*parsed));
    }
    if (st.children.empty()) {
      error("TX0210", st.head.loc, "'together' has no cues under it",
            "indent the cues that should run at the same time under 'together'");
    }
  } else if (w == "goto") {
    c.op = CueOp::go_to;
    if (auto n = name_arg(a, "a step name", false)) c.step = *n;
  } else if (w == "end") {
    c.op = CueOp::end_scene;
  } else {
    std::string guess = suggest(w, cue_words());
    bool is_top =
        std::find(top_level_words().begin(), top_level_words().end(), w) != top_level_words().end();
    error("TX0200", st.head.loc, fmt::format("unknown cue '{}'", w),
          !guess.empty() ? fmt::format("did you mean '{}'?", guess)
          : is_top       ? fmt::format(
                               "'{}' starts a section: write it at the left edge, not inside a step", w)
                   : "see docs/script-language.md for the list of cues");
    return std::nullopt;
  }
  if (!takes_text) no_line_tag(st);
  a.finish();
  if (!a.ok()) return std::nullopt;
  return c;
}

// [SECTION] quizzes

std::optional<Cue> Analyzer::quiz(const Statement& st) {
  QuizDecl q;
  q.line = st.line;
  ArgReader a(st, file_, diags_);
  no_line_tag(st);
  if (a.peek() != nullptr && a.peek()->kind == TokenKind::word && !a.peek_word("single") &&
      !a.peek_word("multiple") && !a.peek_word("true-false")) {
    if (auto n = name_arg(a, "quiz name", false)) q.name = *n;
  }
  if (a.peek_word("single")) {
    a.skip();
  } else if (a.peek_word("multiple")) {
    a.skip();
    q.kind = bundle::QuizKind::multiple;
  } else if (a.peek_word("true-false")) {
    a.skip();
    q.kind = bundle::QuizKind::true_false;
  }
  a.finish();
  for (const Statement& item : st.children) {
    const std::string& key = item.head.text;
    ArgReader ia(item, file_, diags_);
    if (key == "ask") {
      no_children(item);
      if (q.question) {
        error("TX0303", item.head.loc, "a quiz asks one question",
              "put a second question in its own 'quiz'");
      } else if (auto s = ia.string("the question")) {
        q.question = text_from(*s, item, bundle::LineKind::question);
      }
    } else if (key == "option") {
      quiz_option(item, q);
      continue;
    } else if (key == "topic") {
      no_children(item);
      no_line_tag(item);
      if (auto n = name_arg(ia, "the step this quiz checks", false)) q.topic = *n;
    } else if (key == "wrong") {
      no_children(item);
      no_line_tag(item);
      ia.keyword("goto");
      if (auto n = name_arg(ia, "the step a wrong answer leads to", false)) q.wrong_step = *n;
    } else {
      std::vector<std::string> keys = {"ask", "option", "topic", "wrong"};
      unknown_word("TX0303", item.head, "quiz item", keys,
                   "a quiz holds: ask, option, topic, wrong goto");
      continue;
    }
    ia.finish();
  }
  SourceLoc at = st.head.loc;
  if (!q.question) error("TX0300", at, "the quiz asks no question", "add: ask \"...\"");
  std::size_t correct = 0;
  for (const auto& o : q.options) correct += o.correct ? 1 : 0;
  if (q.options.size() < 2) {
    error("TX0301", at, "a quiz needs at least two options", "add lines: option \"...\"");
  } else if (correct == 0) {
    error("TX0302", at, "no option is marked correct",
          "add 'correct' after the right option's text");
  } else if (q.kind != bundle::QuizKind::multiple && correct > 1) {
    error("TX0302", at,
          fmt::format("{} options are marked correct in a single-answer quiz", correct),
          "write 'quiz multiple' if several answers are right");
  }
  if (q.kind == bundle::QuizKind::true_false && q.options.size() != 2) {
    error("TX0304", at, "a true-false quiz has exactly two options");
  }
  return add_quiz(st, std::move(q));
}

Cue Analyzer::add_quiz(const Statement& st, QuizDecl q) {
  Cue c;
  c.op = CueOp::quiz;
  c.line = st.line;
  c.loc = st.head.loc;
  c.quiz = model_.quizzes.size();
  model_.quizzes.push_back(std::move(q));
  return c;
}

void Analyzer::quiz_option(const Statement& st, QuizDecl& q) {
  OptionDecl o;
  ArgReader a(st, file_, diags_);
  if (auto s = a.string("the option's text")) o.text = text_from(*s, st, bundle::LineKind::option);
  if (a.peek_word("correct")) {
    a.skip();
    o.correct = true;
  }
  a.finish();
  for (const Statement& item : st.children) {
    ArgReader ia(item, file_, diags_);
    no_children(item);
    if (item.head.text == "feedback") {
      if (auto s = ia.string("the feedback"))
        o.feedback = text_from(*s, item, bundle::LineKind::feedback);
    } else if (item.head.text == "goto") {
      no_line_tag(item);
      if (auto n = name_arg(ia, "a step name", false)) o.go_to = *n;
    } else {
      std::vector<std::string> keys = {"feedback", "goto"};
      unknown_word("TX0303", item.head, "option item", keys, "an option holds: feedback, goto");
      continue;
    }
    ia.finish();
  }
  q.options.push_back(std::move(o));
}

// [SECTION] visit schedules

void Analyzer::schedule(const Statement& st) {
  ObjectDecl obj;
  obj.kind = bundle::ObjectKind::schedule;
  obj.line = st.line;
  ArgReader args(st, file_, diags_);
  if (auto n = name_arg(args, "schedule name", false)) obj.name = *n;
  args.finish();
  no_line_tag(st);
  ScheduleDecl sched;
  sched.object = model_.objects.size();
  for (const Statement& p : st.children) {
    const std::string& key = p.head.text;
    if (key == "at" || key == "turn" || key == "scale" || key == "hidden") {
      object_property(p, obj);
    } else if (key == "length") {
      no_children(p);
      no_line_tag(p);
      ArgReader a(p, file_, diags_);
      if (auto v = a.number(Quantity::distance, "the path's length")) {
        if (*v <= 0.0f) {
          error("TX1002", p.span(), "the path's length must be greater than zero");
        } else {
          sched.length = *v;
        }
      }
      a.finish();
    } else if (key == "day-text") {
      if (sched.day_text) error("TX1003", p.head.loc, "'day-text' is given twice");
      sched.day_text = template_text(p, {"day"});
    } else if (key == "window-text") {
      if (sched.window_text) error("TX1003", p.head.loc, "'window-text' is given twice");
      sched.window_text = template_text(p, {"first", "last", "before", "after"});
    } else if (key == "visit") {
      visit(p, sched);
    } else {
      static const std::vector<std::string> keys = {"at",     "turn",     "scale",       "hidden",
                                                    "length", "day-text", "window-text", "visit"};
      unknown_word("TX1003", p.head, "schedule setting", keys,
                   "a schedule holds: visit, day-text, window-text, length, at, turn, scale, "
                   "hidden");
    }
  }
  if (sched.visits.empty()) {
    error("TX1000", st.head.loc, fmt::format("schedule '{}' has no visits", obj.name.text),
          "indent visits under it: visit screening \"Screening\"");
  }
  model_.objects.push_back(std::move(obj));
  model_.schedules.push_back(std::move(sched));
}

// `day-text "Day {day}"`: a translatable text with named placeholders the compiler fills
// in per visit. Only the given names may appear in braces.
std::optional<Text> Analyzer::template_text(const Statement& st,
                                            std::initializer_list<std::string_view> placeholders) {
  no_children(st);
  ArgReader a(st, file_, diags_);
  auto s = a.string("the text, e.g. \"Day {day}\"");
  a.finish();
  if (!s) return std::nullopt;
  Text t = text_from(*s, st, bundle::LineKind::label);
  for (std::size_t open = t.text.find('{'); open != std::string::npos;
       open = t.text.find('{', open + 1)) {
    std::size_t close = t.text.find('}', open);
    std::string_view name = close == std::string::npos
                                ? std::string_view()
                                : std::string_view(t.text).substr(open + 1, close - open - 1);
    if (std::find(placeholders.begin(), placeholders.end(), name) == placeholders.end()) {
      std::vector<std::string> names(placeholders.begin(), placeholders.end());
      error("TX1004", s->loc,
            close == std::string::npos
                ? std::string("a '{' is not closed")
                : fmt::format("'{{{}}}' is not something '{}' can fill in", name, st.head.text),
            fmt::format("'{}' fills in: {{{}}}", st.head.text, fmt::join(names, "}, {")));
    }
  }
  return t;
}

void Analyzer::visit(const Statement& st, ScheduleDecl& sched) {
  VisitDecl v;
  v.line = st.line;
  ArgReader a(st, file_, diags_);
  if (auto n = name_arg(a, "visit name", false)) v.name = *n;
  if (auto s = a.string("what the patient sees the visit called, e.g. \"Week 4\""))
    v.title = text_from(*s, st, bundle::LineKind::option);
  a.finish();
  auto whole_days = [&](const Token& t, float value) {
    if (std::floor(value) != value || std::abs(value) > 100000.0f) {
      error("TX1002", t.loc, "days are whole numbers");
      return false;
    }
    return true;
  };
  for (const Statement& item : st.children) {
    const std::string& key = item.head.text;
    ArgReader ia(item, file_, diags_);
    if (key == "procedure") {
      no_children(item);
      if (auto s = ia.string("what happens, e.g. \"Blood test\""))
        v.procedures.push_back(text_from(*s, item, bundle::LineKind::label));
    } else if (key == "day") {
      no_children(item);
      no_line_tag(item);
      const Token* t = ia.peek();
      if (auto d = ia.number(Quantity::scalar, "the study day, e.g. 29")) {
        if (whole_days(*t, *d)) {
          v.day = static_cast<std::int32_t>(*d);
          v.has_day = true;
        }
      }
    } else if (key == "window") {
      // `window 3` (3 days either way) or `window -2 +5` (2 early, 5 late).
      no_children(item);
      no_line_tag(item);
      const Token* first = ia.peek();
      auto early = ia.number(Quantity::scalar, "the days allowed, e.g. 3 or -2 +5");
      if (early && whole_days(*first, *early)) {
        if (ia.at_end()) {
          if (*early < 0) {
            error("TX1002", first->loc, "a window of one number is the days allowed either way",
                  "write 'window 3', or 'window -2 +5' for 2 days early and 5 late");
          } else {
            v.window_before = v.window_after = static_cast<std::uint32_t>(*early);
          }
        } else {
          const Token* second = ia.peek();
          auto late = ia.number(Quantity::scalar, "the days it may come late, e.g. +5");
          if (late && whole_days(*second, *late)) {
            if (*early > 0 || *late < 0) {
              error("TX1002", item.span(),
                    "the window goes from days early (0 or less) to days late (0 or more)",
                    "write e.g. 'window -2 +5' for 2 days early and 5 late");
            } else {
              v.window_before = static_cast<std::uint32_t>(-*early);
              v.window_after = static_cast<std::uint32_t>(*late);
            }
          }
        }
      }
    } else {
      std::vector<std::string> keys = {"day", "window", "procedure"};
      unknown_word("TX1003", item.head, "visit setting", keys,
                   "a visit holds: day, window, procedure");
      continue;
    }
    ia.finish();
  }
  if (!v.has_day) {
    error("TX1001", st.head.loc, fmt::format("visit '{}' has no day", v.name.text),
          "add a line under it: day 29 (the study day; day 1 is the first dose)");
  }
  sched.visits.push_back(std::move(v));
}

std::optional<Cue> Analyzer::explore(const Statement& st) {
  no_children(st);
  QuizDecl q;
  q.kind = bundle::QuizKind::explore;
  q.line = st.line;
  ArgReader a(st, file_, diags_);
  auto schedule = name_arg(a, "the schedule to explore", false);
  if (schedule) {
    // Named for the records after its schedule: explore-visits, explore-visits-2, ...
    q.schedule = *schedule;
    std::size_t seen = 0;
    for (const QuizDecl& other : model_.quizzes)
      seen += other.kind == bundle::QuizKind::explore && other.schedule.text == schedule->text;
    q.name = Name{seen == 0 ? "explore-" + schedule->text
                            : fmt::format("explore-{}-{}", schedule->text, seen + 1),
                  schedule->loc};
  }
  if (auto s = a.string("what to ask, e.g. \"Choose a visit to see what happens.\""))
    q.question = text_from(*s, st, bundle::LineKind::question);
  a.finish();
  if (!a.ok()) return std::nullopt;
  return add_quiz(st, std::move(q));
}

// Visits in day order with distinct names, far enough apart on the path to tell apart;
// each explore names a schedule.
void Analyzer::check_schedules() {
  for (const ScheduleDecl& s : model_.schedules) {
    const ScheduleLayout layout = layout_schedule(s);
    const float scale = model_.objects[s.object].scale[0];
    for (std::size_t i = 1; i < s.visits.size(); ++i) {
      const float gap = (layout.visit_x[i] - layout.visit_x[i - 1]) * scale;
      const float wide = 2.0f * kVisitMarkerRadius * scale;
      if (!(gap < wide) || !s.visits[i].has_day || !s.visits[i - 1].has_day ||
          s.visits[i].day <= s.visits[i - 1].day)  // out of order: TX1008
        continue;
      warning("TX1005", s.visits[i].name.loc,
              fmt::format("visits '{}' and '{}' are drawn {:.1f} cm apart; their markers are "
                          "{:.1f} cm wide and overlap",
                          s.visits[i - 1].name.text, s.visits[i].name.text, gap * 100.0f,
                          wide * 100.0f),
              fmt::format("make the path longer, e.g. 'length {:.2f}'",
                          std::ceil(s.length * wide / std::max(gap, 1e-4f) * 100.0f) / 100.0f));
    }
    std::map<std::string, const VisitDecl*> names;
    const VisitDecl* previous = nullptr;
    for (const VisitDecl& v : s.visits) {
      if (v.name.text.empty()) continue;
      auto [it, fresh] = names.emplace(v.name.text, &v);
      if (!fresh) {
        error("TX1007", v.name.loc, fmt::format("there is already a visit named '{}'", v.name.text),
              fmt::format("the first is on line {}", it->second->line));
      }
      if (previous != nullptr && v.has_day && previous->has_day && v.day <= previous->day) {
        error("TX1008", v.name.loc,
              fmt::format("visit '{}' (day {}) is not after '{}' (day {})", v.name.text, v.day,
                          previous->name.text, previous->day),
              "list the visits in the order they happen, each on a later day");
      }
      if (v.has_day) previous = &v;
    }
  }
  for (const QuizDecl& q : model_.quizzes) {
    if (q.kind != bundle::QuizKind::explore || q.schedule.text.empty()) continue;
    std::vector<std::string> names;
    bool found = false;
    for (const ScheduleDecl& s : model_.schedules) {
      const std::string& name = model_.objects[s.object].name.text;
      found = found || name == q.schedule.text;
      names.push_back(name);
    }
    if (found) continue;
    std::string guess = suggest(q.schedule.text, names);
    error("TX1006", q.schedule.loc, fmt::format("there is no schedule named '{}'", q.schedule.text),
          !guess.empty()  ? fmt::format("did you mean '{}'?", guess)
          : names.empty() ? std::string("declare one first: schedule NAME, with visits under it")
                          : fmt::format("the schedules are: {}", fmt::join(names, ", ")));
  }
}

// [SECTION] whole-scene rules (names, line ids, comfort)

void Analyzer::check_names() {
  std::map<std::string, const Name*> objects, steps, quizzes;
  for (const ObjectDecl& o : model_.objects) {
    if (o.name.text.empty()) continue;
    auto [it, fresh] = objects.emplace(o.name.text, &o.name);
    if (!fresh) {
      error("TX0110", o.name.loc, fmt::format("there is already an object named '{}'", o.name.text),
            fmt::format("the first is on line {}; give each object its own name",
                        it->second->loc.line));
    }
  }
  for (const StepDecl& s : model_.steps) {
    if (s.name.text.empty()) continue;
    auto [it, fresh] = steps.emplace(s.name.text, &s.name);
    if (!fresh) {
      error("TX0207", s.name.loc, fmt::format("there is already a step named '{}'", s.name.text),
            fmt::format("the first is on line {}", it->second->loc.line));
    }
  }
  for (const QuizDecl& q : model_.quizzes) {
    if (q.name.text.empty()) continue;
    auto [it, fresh] = quizzes.emplace(q.name.text, &q.name);
    if (!fresh) {
      error("TX0110", q.name.loc, fmt::format("there is already a quiz named '{}'", q.name.text),
            fmt::format("the first is on line {}", it->second->loc.line));
    }
  }
}

void Analyzer::check_step_ref(const Name& step) {
  if (step.text.empty()) return;
  std::vector<std::string> names;
  for (const StepDecl& s : model_.steps) {
    if (s.name.text == step.text) return;
    names.push_back(s.name.text);
  }
  std::string guess = suggest(step.text, names);
  error("TX0204", step.loc, fmt::format("there is no step named '{}'", step.text),
        guess.empty() ? "name a step defined with 'step NAME'"
                      : fmt::format("did you mean '{}'?", guess));
}

void Analyzer::check_step_refs(const std::vector<Cue>& cues) {
  for (const Cue& c : cues) {
    if (c.op == CueOp::go_to) check_step_ref(c.step);
    check_step_refs(c.children);
  }
}

void Analyzer::collect_texts(std::vector<const Text*>& out) const {
  if (!model_.header.title.text.empty() || !model_.header.title.line_id.empty())
    out.push_back(&model_.header.title);
  std::function<void(const std::vector<Cue>&)> walk = [&](const std::vector<Cue>& cues) {
    for (const Cue& c : cues) {
      if (c.text) out.push_back(&*c.text);
      walk(c.children);
    }
  };
  for (const StepDecl& s : model_.steps) walk(s.cues);
  for (const QuizDecl& q : model_.quizzes) {
    if (q.question) out.push_back(&*q.question);
    for (const OptionDecl& o : q.options) {
      out.push_back(&o.text);
      if (o.feedback) out.push_back(&*o.feedback);
    }
  }
  for (const ScheduleDecl& s : model_.schedules) {
    if (s.day_text) out.push_back(&*s.day_text);
    if (s.window_text) out.push_back(&*s.window_text);
    for (const VisitDecl& v : s.visits) {
      out.push_back(&v.title);
      for (const Text& p : v.procedures) out.push_back(&p);
    }
  }
}

void Analyzer::check_line_ids() {
  std::vector<const Text*> texts;
  collect_texts(texts);
  std::map<std::string, const Text*> seen;
  std::size_t missing = 0;
  for (const Text* t : texts) {
    if (t->line_id.empty()) {
      ++missing;
      error("TX0400", t->loc, "this text has no line id",
            "run 'trialxr-build tag " + file_ +
                "' to add ids, or write #line:some-id at the end of the line");
      continue;
    }
    auto [it, fresh] = seen.emplace(t->line_id, t);
    if (!fresh) {
      error("TX0401", t->loc,
            fmt::format("line id '{}' is already used on line {}", t->line_id, it->second->line),
            "each text needs its own id; remove this one and run 'trialxr-build tag' to make a new "
            "one");
    }
  }
}

void Analyzer::check_comfort() {
  const glm::vec3 eye(kEyePosition[0], kEyePosition[1], kEyePosition[2]);
  auto check_place = [&](const std::array<float, 3>& p, SourceLoc loc, std::string_view what) {
    glm::vec3 d = glm::vec3(p[0], p[1], p[2]) - eye;
    float distance = glm::length(d);
    if (distance < 0.5f) {
      warning(
          "TX0500", loc,
          fmt::format("{} is {:.2f} m from the viewer's eyes; closer than 0.5 m is uncomfortable",
                      what, distance),
          "keep content between 0.5 m and 3 m ahead of the seated viewer");
    } else if (distance > 3.0f) {
      warning(
          "TX0500", loc,
          fmt::format("{} is {:.1f} m away; beyond 3 m details are hard to see", what, distance),
          "keep content between 0.5 m and 3 m ahead of the seated viewer");
    } else if (d.z > 0.0f) {
      warning("TX0500", loc, fmt::format("{} is behind the viewer", what),
              "seated patients should not need to turn around; negative z is ahead");
    }
  };
  for (const ObjectDecl& o : model_.objects)
    check_place(o.position, o.name.loc, fmt::format("'{}'", o.name.text));
  std::map<std::string, std::array<float, 3>> where;
  for (const ObjectDecl& o : model_.objects) where[o.name.text] = o.position;
  std::function<void(const std::vector<Cue>&)> walk = [&](const std::vector<Cue>& cues) {
    for (const Cue& c : cues) {
      if (c.op == CueOp::move) {
        std::array<float, 3> to = {c.value[0], c.value[1], c.value[2]};
        check_place(to, c.loc, fmt::format("the move of '{}'", c.target.text));
        auto it = where.find(c.target.text);
        if (it != where.end()) {
          glm::vec3 a(it->second[0], it->second[1], it->second[2]), b(to[0], to[1], to[2]);
          float speed = glm::length(b - a) / std::max(c.duration, 1e-3f);
          if (speed > 1.0f) {
            warning("TX0501", c.loc,
                    fmt::format("'{}' moves at {:.1f} m/s; fast motion near a seated viewer can "
                                "cause discomfort",
                                c.target.text, speed),
                    "give the move a longer 'over' duration (at most 1 m/s)");
          }
          it->second = to;
        }
      } else if (c.op == CueOp::rotate && c.duration > 0) {
        // Turning a large share of the view quickly is a vection risk; warn above 180°/s.
        float degrees =
            std::max({std::abs(c.value[0]), std::abs(c.value[1]), std::abs(c.value[2])});
        if (degrees / c.duration > 180.0f) {
          warning("TX0501", c.loc,
                  fmt::format("'{}' turns at up to {:.0f}°/s", c.target.text, degrees / c.duration),
                  "turn more slowly (at most 180°/s) so the motion stays comfortable");
        }
      }
      walk(c.children);
    }
  };
  for (const StepDecl& s : model_.steps) walk(s.cues);
}

}  // namespace

SceneModel analyze_script(const std::string& file, const std::vector<Statement>& statements,
                          Diagnostics& diags) {
  return Analyzer(file, diags).run(statements);
}

}  // namespace trialxr::compiler
