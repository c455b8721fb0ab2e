// SessionRecord: what one session with one participant leaves behind — which bundle was
// shown, in which language, how long each step took, every answer, when the patient
// asked for the coordinator, pauses, and whether the scene was seen to the end. Quizzes
// are comprehension checks, not tests: a wrong answer puts the quiz's topic on the list
// of topics "needing discussion" with the coordinator; there is no pass or fail.
//
//   records::SessionInfo info;
//   info.participant_code = *code;   // validate_participant_code (participant_code.h)
//   info.site_id = "SITE3";
//   info.language = language;        // the index the Player started with
//   info.started = start;            // std::chrono::system_clock::now() at the start
//   info.ended = std::chrono::system_clock::now();
//   info.end_scene_us = player.frame().scene_time;
//   records::SessionRecord r = records::build_record(bundle, player.event_log(), info);
//   writer.append(r);   // record_file.h
//
// Times inside the session are whole microseconds: `scene_us` on the scene clock (stops
// while paused), `session_us` on the session clock (keeps running). The payload format
// is JSON (to_json/record_from_json); docs/records.md lists its fields.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "trialxr/bundle/bundle.h"
#include "trialxr/core/result.h"
#include "trialxr/scene/events.h"
#include "trialxr/scene/time.h"

namespace trialxr::records {

inline constexpr int kRecordVersion = 1;

// What the host knows that the event log does not.
struct SessionInfo {
  std::string participant_code;  // validated (participant_code.h)
  std::string site_id;
  std::uint32_t language = 0;  // the language the session started in (index into the bundle)
  std::chrono::system_clock::time_point started{};
  std::chrono::system_clock::time_point ended{};
  // The scene clock when the session stopped; ends the last step's time. Without it the
  // last step ends at the log's last event.
  std::optional<scene::Micros> end_scene_us;
};

struct BundleIdentity {
  std::string scene_id;
  std::string content_version;
  std::string file_hash;      // BLAKE2b-256 of the bundle file, hex
  std::string signer_key_id;  // empty when unsigned
  bool operator==(const BundleIdentity&) const = default;
};

struct StepTime {
  std::string step;
  std::uint32_t visits = 0;
  scene::Micros scene_us = 0;  // all visits together
  bool operator==(const StepTime&) const = default;
};

struct Answer {
  std::string quiz;
  std::string step;                  // the step the quiz was answered in
  std::vector<std::string> options;  // the chosen options' ids, in option order
  bool correct = false;
  scene::Micros scene_us = 0;
  bool operator==(const Answer&) const = default;
};

struct CoordinatorFlag {
  std::string step;  // where the patient asked
  scene::Micros session_us = 0;
  std::optional<scene::Micros> dismissed_session_us;  // none: still raised at the end
  bool operator==(const CoordinatorFlag&) const = default;
};

struct Pause {
  scene::Micros session_us = 0;
  std::optional<scene::Micros> resumed_session_us;  // none: paused at the end
  bool operator==(const Pause&) const = default;
};

struct LanguageChange {
  std::string language;
  scene::Micros session_us = 0;
  bool operator==(const LanguageChange&) const = default;
};

// A quiz answered wrong at least once; topic_step is the step it checks (may be empty).
struct DiscussionTopic {
  std::string quiz;
  std::string topic_step;
  bool operator==(const DiscussionTopic&) const = default;
};

enum class Completion : std::uint8_t { completed, ended_early };
std::string_view completion_name(Completion c);  // "completed", "ended early"

struct SessionRecord {
  int version = kRecordVersion;
  std::string participant_code;
  std::string site_id;
  BundleIdentity bundle;
  std::string language;     // at the start
  std::string audience;     // "adult", "child 7-11", ...
  std::string started_utc;  // ISO 8601, "2026-03-01T09:30:05Z"
  std::string ended_utc;
  std::vector<StepTime> steps;  // in order of first visit
  std::vector<Answer> answers;  // in order
  std::vector<CoordinatorFlag> flags;
  std::vector<Pause> pauses;
  std::vector<LanguageChange> language_changes;
  Completion completion = Completion::ended_early;
  std::vector<DiscussionTopic> needs_discussion;
  bool operator==(const SessionRecord&) const = default;
};

// Builds the record from a player's event log (Player::event_log()).
SessionRecord build_record(const bundle::Bundle& bundle, const scene::EventList& events,
                           const SessionInfo& info);

// "2026-03-01T09:30:05Z" (UTC, whole seconds).
std::string format_utc(std::chrono::system_clock::time_point t);

std::string_view audience_name(bundle::Audience audience);

// The JSON payload: compact, keys in a fixed order, so equal records give equal bytes.
std::string to_json(const SessionRecord& record);
// Errors name what is missing or malformed.
Result<SessionRecord> record_from_json(std::string_view json);

}  // namespace trialxr::records
