// The record's JSON payload. nlohmann::json keeps object keys sorted, so equal records
// give equal bytes.
#include <nlohmann/json.hpp>

#include "trialxr/records/session_record.h"

namespace trialxr::records {

using nlohmann::json;

namespace {

json optional_time(const std::optional<scene::Micros>& t) {
  return t ? json(*t) : json(nullptr);
}

std::optional<scene::Micros> read_optional_time(const json& j, const char* key) {
  const json& v = j.at(key);
  if (v.is_null()) return std::nullopt;
  return v.get<scene::Micros>();
}

}  // namespace

std::string to_json(const SessionRecord& r) {
  json steps = json::array();
  for (const StepTime& s : r.steps)
    steps.push_back({{"step", s.step}, {"visits", s.visits}, {"scene_us", s.scene_us}});
  json answers = json::array();
  for (const Answer& a : r.answers) {
    answers.push_back({{"quiz", a.quiz},
                       {"step", a.step},
                       {"options", a.options},
                       {"correct", a.correct},
                       {"scene_us", a.scene_us}});
  }
  json flags = json::array();
  for (const CoordinatorFlag& f : r.flags) {
    flags.push_back({{"step", f.step},
                     {"session_us", f.session_us},
                     {"dismissed_session_us", optional_time(f.dismissed_session_us)}});
  }
  json pauses = json::array();
  for (const Pause& p : r.pauses) {
    pauses.push_back({{"session_us", p.session_us},
                      {"resumed_session_us", optional_time(p.resumed_session_us)}});
  }
  json languages = json::array();
  for (const LanguageChange& l : r.language_changes)
    languages.push_back({{"language", l.language}, {"session_us", l.session_us}});
  json topics = json::array();
  for (const DiscussionTopic& t : r.needs_discussion)
    topics.push_back({{"quiz", t.quiz}, {"topic_step", t.topic_step}});
  json j = {
      {"version", r.version},
      {"participant_code", r.participant_code},
      {"site_id", r.site_id},
      {"bundle",
       {{"scene_id", r.bundle.scene_id},
        {"content_version", r.bundle.content_version},
        {"file_hash", r.bundle.file_hash},
        {"signer_key_id", r.bundle.signer_key_id}}},
      {"language", r.language},
      {"audience", r.audience},
      {"started_utc", r.started_utc},
      {"ended_utc", r.ended_utc},
      {"steps", steps},
      {"answers", answers},
      {"coordinator_flags", flags},
      {"pauses", pauses},
      {"language_changes", languages},
      {"completion", r.completion == Completion::completed ? "completed" : "ended_early"},
      {"needs_discussion", topics},
  };
  return j.dump();
}

Result<SessionRecord> record_from_json(std::string_view text) {
  try {
    json j = json::parse(text);
    SessionRecord r;
    r.version = j.at("version").get<int>();
    if (r.version != kRecordVersion)
      return fail("record version " + std::to_string(r.version) + " is not supported");
    r.participant_code = j.at("participant_code").get<std::string>();
    r.site_id = j.at("site_id").get<std::string>();
    const json& b = j.at("bundle");
    r.bundle = {b.at("scene_id").get<std::string>(), b.at("content_version").get<std::string>(),
                b.at("file_hash").get<std::string>(), b.at("signer_key_id").get<std::string>()};
    r.language = j.at("language").get<std::string>();
    r.audience = j.at("audience").get<std::string>();
    r.started_utc = j.at("started_utc").get<std::string>();
    r.ended_utc = j.at("ended_utc").get<std::string>();
    for (const json& s : j.at("steps"))
      r.steps.push_back({s.at("step").get<std::string>(), s.at("visits").get<std::uint32_t>(),
                         s.at("scene_us").get<scene::Micros>()});
    for (const json& a : j.at("answers")) {
      r.answers.push_back({a.at("quiz").get<std::string>(), a.at("step").get<std::string>(),
                           a.at("options").get<std::vector<std::string>>(),
                           a.at("correct").get<bool>(), a.at("scene_us").get<scene::Micros>()});
    }
    for (const json& f : j.at("coordinator_flags")) {
      r.flags.push_back({f.at("step").get<std::string>(), f.at("session_us").get<scene::Micros>(),
                         read_optional_time(f, "dismissed_session_us")});
    }
    for (const json& p : j.at("pauses"))
      r.pauses.push_back(
          {p.at("session_us").get<scene::Micros>(), read_optional_time(p, "resumed_session_us")});
    for (const json& l : j.at("language_changes"))
      r.language_changes.push_back(
          {l.at("language").get<std::string>(), l.at("session_us").get<scene::Micros>()});
    std::string completion = j.at("completion").get<std::string>();
    if (completion != "completed" && completion != "ended_early")
      return fail("unknown completion state '" + completion + "'");
    r.completion = completion == "completed" ? Completion::completed : Completion::ended_early;
    for (const json& t : j.at("needs_discussion"))
      r.needs_discussion.push_back(
          {t.at("quiz").get<std::string>(), t.at("topic_step").get<std::string>()});
    return r;
  } catch (const json::exception& e) {
    return fail(std::string("malformed session record: ") + e.what());
  }
}

}  // namespace trialxr::records
