#include "trialxr/records/fhir.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

namespace trialxr::records {

namespace {

using nlohmann::json;

constexpr std::string_view kOptionSystem = "urn:trialxr:option";
constexpr std::string_view kExtensionBase = "urn:trialxr:fhir:extension:";

}  // namespace

std::string questionnaire_url(std::string_view scene_id, std::string_view content_version) {
  return fmt::format("urn:trialxr:questionnaire:{}:{}", scene_id, content_version);
}

std::string questionnaire_json(const bundle::Bundle& b) {
  const bundle::MetaRecord& m = b.meta();
  json items = json::array();
  for (const bundle::QuizRecord& q : b.quizzes()) {
    if (q.kind == bundle::QuizKind::explore) continue;  // a visit schedule to look at, not asked
    json options = json::array();
    for (std::uint32_t i = 0; i < q.option_count; ++i) {
      const bundle::OptionRecord& o = b.options()[q.first_option + i];
      options.push_back({{"valueCoding",
                          {{"system", kOptionSystem},
                           {"code", std::string(b.string(o.name))},
                           {"display", std::string(b.text(o.text_line, 0))}}}});
    }
    json item = {{"linkId", std::string(b.string(q.name))},
                 {"type", "choice"},
                 {"required", true},
                 {"repeats", q.kind == bundle::QuizKind::multiple},
                 {"answerOption", options}};
    if (q.question_line != bundle::kNone) item["text"] = std::string(b.text(q.question_line, 0));
    items.push_back(item);
  }
  json questionnaire = {
      {"resourceType", "Questionnaire"},
      {"url", questionnaire_url(b.string(m.scene_id), b.string(m.content_version))},
      {"version", std::string(b.string(m.content_version))},
      {"name", std::string(b.string(m.scene_id))},
      {"title", std::string(b.string(m.title))},
      {"status", "active"},
      {"language", std::string(b.string(b.languages()[0]))},
      {"item", items}};
  return questionnaire.dump(2) + "\n";
}

std::string questionnaire_response_json(const SessionRecord& r, std::uint64_t sequence) {
  // The last answer per quiz, in the order the quizzes were first answered.
  std::vector<std::string> order;
  std::map<std::string, const Answer*> last;
  std::map<std::string, int> attempts;
  for (const Answer& a : r.answers) {
    if (last.count(a.quiz) == 0) order.push_back(a.quiz);
    last[a.quiz] = &a;
    ++attempts[a.quiz];
  }
  json items = json::array();
  for (const std::string& quiz : order) {
    const Answer& a = *last[quiz];
    json answers = json::array();
    for (const std::string& option : a.options)
      answers.push_back({{"valueCoding", {{"system", kOptionSystem}, {"code", option}}}});
    bool discuss = false;
    for (const DiscussionTopic& t : r.needs_discussion) discuss |= t.quiz == quiz;
    items.push_back(
        {{"linkId", quiz},
         {"answer", answers},
         {"extension", json::array({{{"url", std::string(kExtensionBase) + "attempts"},
                                     {"valueInteger", attempts[quiz]}},
                                    {{"url", std::string(kExtensionBase) + "needs-discussion"},
                                     {"valueBoolean", discuss}}})}});
  }
  json response = {
      {"resourceType", "QuestionnaireResponse"},
      {"id", fmt::format("{}-{}", r.participant_code, sequence)},
      {"questionnaire", questionnaire_url(r.bundle.scene_id, r.bundle.content_version)},
      {"status", r.completion == Completion::completed ? "completed" : "stopped"},
      {"subject",
       {{"identifier",
         {{"system", "urn:trialxr:participant:" + r.site_id}, {"value", r.participant_code}}}}},
      {"authored", r.ended_utc},
      {"language", r.language},
      {"item", items}};
  return response.dump(2) + "\n";
}

}  // namespace trialxr::records
