#include "trialxr/compiler/scene_texts.h"

#include <map>
#include <string>

namespace trialxr::compiler {

namespace {

void add_cue_texts(const SceneModel& model, const std::vector<Cue>& cues, std::vector<Text>& out) {
  for (const Cue& cue : cues) {
    if (cue.text) out.push_back(*cue.text);
    if (cue.op == bundle::CueOp::quiz) {
      const QuizDecl& q = model.quizzes[cue.quiz];
      if (q.question) out.push_back(*q.question);
      for (const OptionDecl& o : q.options) {
        out.push_back(o.text);
        if (o.feedback) out.push_back(*o.feedback);
      }
    }
    add_cue_texts(model, cue.children, out);
  }
}

}  // namespace

std::vector<Text> scene_texts(const SceneModel& model) {
  std::vector<Text> out{model.header.title};
  for (const ScheduleDecl& s : model.schedules) {
    if (s.day_text) out.push_back(*s.day_text);
    if (s.window_text) out.push_back(*s.window_text);
    for (const VisitDecl& v : s.visits) {
      out.push_back(v.title);
      for (const Text& p : v.procedures) out.push_back(p);
    }
  }
  for (const StepDecl& s : model.steps) add_cue_texts(model, s.cues, out);
  return out;
}

std::string_view line_kind_label(bundle::LineKind kind) {
  switch (kind) {
    case bundle::LineKind::title:
      return "scene title";
    case bundle::LineKind::say:
      return "subtitle (spoken narration)";
    case bundle::LineKind::label:
      return "label";
    case bundle::LineKind::question:
      return "quiz question";
    case bundle::LineKind::option:
      return "quiz option";
    case bundle::LineKind::feedback:
      return "quiz feedback";
    case bundle::LineKind::caption:
      return "caption";
    default:
      return "text";
  }
}

std::vector<l10n::SourceString> source_strings(const SceneModel& model,
                                               std::string_view reference_file) {
  std::vector<l10n::SourceString> out;
  // What a visit schedule's texts are, for the translator, by line id.
  std::map<std::string, std::string> notes;
  constexpr std::string_view kTemplate =
      "visit schedule: keep the names in braces, e.g. {day}, exactly as they are";
  for (const ScheduleDecl& s : model.schedules) {
    if (s.day_text) notes[s.day_text->line_id] = kTemplate;
    if (s.window_text) notes[s.window_text->line_id] = kTemplate;
    for (const VisitDecl& v : s.visits) {
      notes[v.title.line_id] = "visit name (visit schedule)";
      for (const Text& p : v.procedures)
        notes[p.line_id] = "what happens at a visit (visit schedule)";
    }
  }
  for (const Text& t : scene_texts(model)) {
    if (t.line_id.empty()) continue;  // reported by the analyser (TX0400)
    auto note = notes.find(t.line_id);
    std::string what = note != notes.end() ? note->second : std::string(line_kind_label(t.kind));
    out.push_back({t.line_id, t.text, what, std::string(reference_file), t.line});
  }
  return out;
}

}  // namespace trialxr::compiler
