#include "trialxr/records/session_record.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "trialxr/core/hash.h"

namespace trialxr::records {

namespace {

using scene::Event;
using scene::EventKind;

std::string name_or_empty(const bundle::Bundle& b, std::span<const bundle::StepRecord> steps,
                          std::uint32_t step) {
  return step < steps.size() ? std::string(b.string(steps[step].name)) : std::string();
}

std::string language_name(const bundle::Bundle& b, std::uint32_t language) {
  auto langs = b.languages();
  return std::string(b.string(langs[language < langs.size() ? language : 0]));
}

// Time per step: from each step_entered to the next (scene clock), summed per step.
std::vector<StepTime> step_times(const bundle::Bundle& b, const scene::EventList& log,
                                 std::optional<scene::Micros> end) {
  std::vector<StepTime> out;
  std::uint32_t current = bundle::kNone;
  scene::Micros since = 0;
  auto close = [&](scene::Micros at) {
    if (current == bundle::kNone) return;
    std::string name = name_or_empty(b, b.steps(), current);
    auto it =
        std::find_if(out.begin(), out.end(), [&](const StepTime& s) { return s.step == name; });
    if (it == out.end()) it = out.insert(out.end(), StepTime{name, 0, 0});
    it->visits += 1;
    it->scene_us += std::max<scene::Micros>(0, at - since);
  };
  scene::Micros last = 0;
  for (const Event& e : log.events) {
    last = std::max(last, e.scene_time);
    if (e.kind != EventKind::step_entered) continue;
    close(e.scene_time);
    current = e.step;
    since = e.scene_time;
  }
  close(end ? std::max(*end, last) : last);
  return out;
}

}  // namespace

std::string_view completion_name(Completion c) {
  return c == Completion::completed ? "completed" : "ended early";
}

std::string_view audience_name(bundle::Audience a) {
  switch (a) {
    case bundle::Audience::adult:
      return "adult";
    case bundle::Audience::child_under_7:
      return "child under 7";
    case bundle::Audience::child_7_11:
      return "child 7-11";
    case bundle::Audience::child_12_14:
      return "child 12-14";
    case bundle::Audience::child_15_17:
      return "child 15-17";
  }
  return "unknown";
}

std::string format_utc(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

SessionRecord build_record(const bundle::Bundle& b, const scene::EventList& log,
                           const SessionInfo& info) {
  const bundle::MetaRecord& meta = b.meta();
  SessionRecord r;
  r.participant_code = info.participant_code;
  r.site_id = info.site_id;
  r.bundle = {std::string(b.string(meta.scene_id)), std::string(b.string(meta.content_version)),
              to_hex(b.file_hash()), b.key_id()};
  r.language = language_name(b, info.language);
  r.audience = std::string(audience_name(meta.audience));
  r.started_utc = format_utc(info.started);
  r.ended_utc = format_utc(info.ended);
  r.steps = step_times(b, log, info.end_scene_us);

  auto steps = b.steps();
  auto quizzes = b.quizzes();
  auto options = b.options();
  std::uint32_t step = bundle::kNone;
  for (const Event& e : log.events) {
    switch (e.kind) {
      case EventKind::step_entered:
        step = e.step;
        break;
      case EventKind::answer_given: {
        if (e.quiz >= quizzes.size()) break;
        const bundle::QuizRecord& q = quizzes[e.quiz];
        Answer a{std::string(b.string(q.name)),
                 name_or_empty(b, steps, step),
                 {},
                 e.correct,
                 e.scene_time};
        for (std::uint32_t o : log.options_of(e)) {
          if (o < q.option_count)
            a.options.emplace_back(b.string(options[q.first_option + o].name));
        }
        if (!e.correct) {
          DiscussionTopic topic{a.quiz, name_or_empty(b, steps, q.topic_step)};
          if (std::find(r.needs_discussion.begin(), r.needs_discussion.end(), topic) ==
              r.needs_discussion.end())
            r.needs_discussion.push_back(topic);
        }
        r.answers.push_back(std::move(a));
        break;
      }
      case EventKind::coordinator_requested:
        r.flags.push_back({name_or_empty(b, steps, step), e.time, std::nullopt});
        break;
      case EventKind::coordinator_dismissed:
        if (!r.flags.empty() && !r.flags.back().dismissed_session_us)
          r.flags.back().dismissed_session_us = e.time;
        break;
      case EventKind::paused:
        r.pauses.push_back({e.time, std::nullopt});
        break;
      case EventKind::resumed:
        if (!r.pauses.empty() && !r.pauses.back().resumed_session_us)
          r.pauses.back().resumed_session_us = e.time;
        break;
      case EventKind::language_changed:
        r.language_changes.push_back({language_name(b, e.value), e.time});
        break;
      case EventKind::scene_ended:
        r.completion = Completion::completed;
        break;
      default:
        break;
    }
  }
  return r;
}

}  // namespace trialxr::records
