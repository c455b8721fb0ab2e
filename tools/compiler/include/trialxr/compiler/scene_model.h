// The checked meaning of a scene script: what the analyser makes of the syntax tree
// before any asset is loaded. Names are still names here; the lowering resolves them
// to bundle indices.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "trialxr/bundle/format.h"
#include "trialxr/core/diagnostic.h"

namespace trialxr::compiler {

// A user-visible string with its stable line id.
struct Text {
  std::string text;
  std::string line_id;  // empty when the script has no #line tag for it yet
  bundle::LineKind kind = bundle::LineKind::say;
  std::uint32_t line = 0;  // script line
  SourceLoc loc;           // the string literal
  std::string audio;       // `say "…" audio "FILE"`: the recorded narration, as written
  SourceLoc audio_loc;
};

// `font "Family"` (every language) or `font zh "Family"` (one language).
struct FontChoice {
  std::string family;
  SourceLoc loc;
};

struct SceneHeader {
  std::string id;
  Text title;
  std::string study;
  std::string version;
  std::vector<std::string> languages;  // base first
  bundle::Audience audience = bundle::Audience::adult;
  std::string approval;
  std::map<std::string, FontChoice> fonts;  // by language; "" = every language
  bundle::DisplayPreference display = bundle::DisplayPreference::vr;
  bundle::SpacePreference space = bundle::SpacePreference::seated;
  SourceLoc loc;
};

struct Name {
  std::string text;
  SourceLoc loc;
};

// Where a seated viewer's content sits by default: ahead, a little below the eyes.
inline constexpr std::array<float, 3> kDefaultPosition = {0.0f, 1.1f, -1.2f};
inline constexpr std::array<float, 3> kEyePosition = {0.0f, 1.2f, 0.0f};

struct ObjectDecl {
  Name name;
  bundle::ObjectKind kind = bundle::ObjectKind::box;
  std::string source;  // asset path as written (models and images)
  SourceLoc source_loc;
  std::array<float, 3> position = kDefaultPosition;
  std::array<float, 3> rotation_deg = {0, 0, 0};  // about x, then y, then z
  std::array<float, 3> scale = {1, 1, 1};
  std::array<float, 4> color = {0.8f, 0.8f, 0.8f, 1.0f};  // linear RGBA
  std::array<float, 3> size = {0.2f, 0.2f, 0.2f};  // box x y z; plane and image use x, z / x, y
  float radius = 0.1f;
  float height = 0.3f;
  float length = 0.3f;
  bool has_size = false;
  bool hidden = false;
  std::map<std::string, Name> parts;  // alias -> node name in the model
  std::uint32_t line = 0;
};

// [SECTION] visit schedules
//
// A `schedule` object: the study's visits, drawn as a path the patient can explore. The
// fields follow CDISC USDM so a machine-readable schedule can fill them as well as a
// script: a visit is a USDM Encounter (id, label), its day and window a Timing relative
// to the anchor (day 1; valueLabel, windowLower, windowUpper), and each procedure an
// Activity scheduled at that encounter.

struct VisitDecl {
  Name name;                        // the visit's id ("week-4"): the schedule's part name
  Text title;                       // what the patient sees ("Week 4")
  std::int32_t day = 1;             // study day relative to the anchor (day 1)
  std::uint32_t window_before = 0;  // days it may come early
  std::uint32_t window_after = 0;   // days it may come late
  std::vector<Text> procedures;     // what happens at the visit, in order
  bool has_day = false;
  std::uint32_t line = 0;
};

struct ScheduleDecl {
  std::size_t object = 0;           // index into SceneModel::objects (its placement, name, hidden)
  float length = 0.8f;              // metres from the first day shown to the last
  std::optional<Text> day_text;     // "Day {day}"
  std::optional<Text> window_text;  // "Any day from day {first} to day {last}"
  std::vector<VisitDecl> visits;
};

struct Cue {
  bundle::CueOp op = bundle::CueOp::say;
  std::uint32_t line = 0;
  SourceLoc loc;
  Name target;  // object or object.part
  std::optional<Text> text;
  float duration = 0;
  bundle::Easing easing = bundle::Easing::in_out;
  std::array<float, 4> value = {0, 0, 0, 0};
  std::string clip;  // play
  SourceLoc clip_loc;
  std::uint32_t repeat = 1;   // play: 0 = loop
  Name step;                  // goto
  std::size_t quiz = 0;       // quiz and explore: index into SceneModel::quizzes
  std::vector<Cue> children;  // together
};

struct OptionDecl {
  Text text;
  std::optional<Text> feedback;
  bool correct = false;
  Name go_to;  // empty: follow the quiz's rule
};

struct QuizDecl {
  Name name;
  bundle::QuizKind kind = bundle::QuizKind::single;
  std::optional<Text> question;
  std::vector<OptionDecl> options;
  Name topic;       // the step this quiz checks
  Name wrong_step;  // where a wrong answer leads unless its option says otherwise
  Name schedule;    // explore: the schedule whose visits are the options
  std::uint32_t line = 0;
};

struct StepDecl {
  Name name;
  std::vector<Cue> cues;
  std::uint32_t line = 0;
};

struct SceneModel {
  std::string file;  // the script's path
  SceneHeader header;
  std::vector<ObjectDecl> objects;
  std::vector<StepDecl> steps;
  std::vector<QuizDecl> quizzes;
  std::vector<ScheduleDecl> schedules;
};

// The schedule declared by object `object`, or nullptr.
inline const ScheduleDecl* schedule_of(const SceneModel& model, std::size_t object) {
  for (const ScheduleDecl& s : model.schedules)
    if (s.object == object) return &s;
  return nullptr;
}

}  // namespace trialxr::compiler
