// The tables and the summary of `export` and `summary`.
#include <fmt/format.h>

#include <map>

#include "trialxr/records/records_cli.h"

namespace trialxr::records {

namespace {

// RFC 4180 quoting; a cell that a spreadsheet would run as a formula gets a leading '.
std::string cell(std::string_view text) {
  std::string v(text);
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string quoted = "\"";
  for (char c : v) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string row(std::initializer_list<std::string_view> cells) {
  std::string out;
  for (std::string_view c : cells) out += (out.empty() ? "" : ",") + cell(c);
  return out + "\n";
}

std::string seconds(scene::Micros us) {
  return fmt::format("{:.3f}", static_cast<double>(us) / 1e6);
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

}  // namespace

std::string answers_csv(const ReadResult& read) {
  std::string out =
      row({"sequence", "participant_code", "site_id", "scene_id", "content_version", "bundle_hash",
           "language", "quiz", "step", "options", "correct", "scene_time_s"});
  for (const ReadRecord& rr : read.records) {
    const SessionRecord& r = rr.record;
    for (const Answer& a : r.answers) {
      out += row({std::to_string(rr.sequence), r.participant_code, r.site_id, r.bundle.scene_id,
                  r.bundle.content_version, r.bundle.file_hash, r.language, a.quiz, a.step,
                  join(a.options, ";"), a.correct ? "yes" : "no", seconds(a.scene_us)});
    }
  }
  return out;
}

std::string sessions_csv(const ReadResult& read) {
  std::string out =
      row({"sequence", "participant_code", "site_id", "scene_id", "content_version", "bundle_hash",
           "signer_key_id", "language", "audience", "started_utc", "ended_utc", "completion",
           "scene_time_s", "answers", "needs_discussion", "coordinator_flags", "pauses"});
  for (const ReadRecord& rr : read.records) {
    const SessionRecord& r = rr.record;
    scene::Micros total = 0;
    for (const StepTime& s : r.steps) total += s.scene_us;
    std::vector<std::string> topics;
    for (const DiscussionTopic& t : r.needs_discussion)
      topics.push_back(t.topic_step.empty() ? t.quiz : t.quiz + " (" + t.topic_step + ")");
    out += row({std::to_string(rr.sequence), r.participant_code, r.site_id, r.bundle.scene_id,
                r.bundle.content_version, r.bundle.file_hash, r.bundle.signer_key_id, r.language,
                r.audience, r.started_utc, r.ended_utc, completion_name(r.completion),
                seconds(total), std::to_string(r.answers.size()), join(topics, ";"),
                std::to_string(r.flags.size()), std::to_string(r.pauses.size())});
  }
  return out;
}

std::string summary_text(const ReadResult& read) {
  struct QuizStats {
    std::size_t answers = 0, correct = 0, sessions_needing_discussion = 0;
  };
  std::map<std::string, QuizStats> quizzes;
  std::map<std::string, std::size_t> flags_by_step;
  std::size_t completed = 0;
  for (const ReadRecord& rr : read.records) {
    const SessionRecord& r = rr.record;
    completed += r.completion == Completion::completed ? 1 : 0;
    for (const Answer& a : r.answers) {
      QuizStats& q = quizzes[a.quiz];
      q.answers += 1;
      q.correct += a.correct ? 1 : 0;
    }
    for (const DiscussionTopic& t : r.needs_discussion)
      quizzes[t.quiz].sessions_needing_discussion++;
    for (const CoordinatorFlag& f : r.flags) flags_by_step[f.step]++;
  }
  std::string out = fmt::format("{} sessions ({} completed, {} ended early)\n", read.records.size(),
                                completed, read.records.size() - completed);
  out += "quizzes (comprehension checks; a wrong answer is a topic to discuss, not a failure)\n";
  for (const auto& [name, q] : quizzes) {
    out += fmt::format(
        "  {}: {} answers, {:.0f}% correct, needs discussion in {} session{}\n", name, q.answers,
        q.answers == 0 ? 0.0
                       : 100.0 * static_cast<double>(q.correct) / static_cast<double>(q.answers),
        q.sessions_needing_discussion, q.sessions_needing_discussion == 1 ? "" : "s");
  }
  out += "coordinator flags\n";
  if (flags_by_step.empty()) out += "  none\n";
  for (const auto& [step, n] : flags_by_step)
    out += fmt::format("  {}: {} raised\n", step.empty() ? "(before the first step)" : step, n);
  return out;
}

}  // namespace trialxr::records
