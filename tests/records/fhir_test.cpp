// FHIR R4: the Questionnaire from the sample scene's quiz and a QuestionnaireResponse
// per session, with matching linkIds and answer codes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "records_fixture.h"
#include "temp_dir.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/records/fhir.h"
#include "trialxr/records/session_record.h"
#include "trialxr/scene/player.h"

namespace trialxr::testing {
namespace {

using nlohmann::json;

TEST(Fhir, QuestionnaireHasAnItemPerQuizAndAnOptionPerAnswer) {
  const bundle::Bundle& b = signed_sample_bundle();
  const json q = json::parse(records::questionnaire_json(b));
  EXPECT_EQ(q["resourceType"], "Questionnaire");
  EXPECT_EQ(q["url"], "urn:trialxr:questionnaire:blood-draw:1.0.0");
  EXPECT_EQ(q["status"], "active");
  ASSERT_EQ(q["item"].size(), 1u);
  const json& item = q["item"][0];
  EXPECT_EQ(item["linkId"], "feel");
  EXPECT_EQ(item["type"], "choice");
  EXPECT_EQ(item["text"], "What will you feel when the needle goes in?");
  ASSERT_EQ(item["answerOption"].size(), 3u);
  EXPECT_EQ(item["answerOption"][0]["valueCoding"]["code"], "q-feel-pinch");
  EXPECT_EQ(item["answerOption"][0]["valueCoding"]["display"], "A small pinch");
}

// The visit schedule scene explores its visits (not a question) and asks one quiz: only
// the quiz is an item, and looking at visits leaves no answer in the record.
TEST(Fhir, ExploringAVisitScheduleIsNeitherAnItemNorAnAnswer) {
  auto compiled = compiler::compile_scene((source_dir() / "scenes/visit-schedule.txs").string());
  ASSERT_TRUE(compiled && compiled->ok());
  auto bytes = compiler::write_bundle(compiled->content);
  ASSERT_TRUE(bytes);
  auto b = bundle::Bundle::open_bytes(*bytes, {bundle::TrustPolicy::allow_unsigned, {}});
  ASSERT_TRUE(b) << b.error().message;
  ASSERT_EQ(b->quizzes().size(), 2u);
  const json q = json::parse(records::questionnaire_json(*b));
  ASSERT_EQ(q["item"].size(), 1u);
  EXPECT_EQ(q["item"][0]["linkId"], "visit-window");

  scene::Player p(*b);
  const scene::FrameState* f = &p.run_until(600'000'000, scene::kStopWhenWaiting);
  while (!f->quiz.visible && !f->ended) {
    p.press_continue();
    f = &p.run_until(600'000'000, scene::kStopWhenWaiting);
  }
  ASSERT_EQ(f->quiz.kind, bundle::QuizKind::explore);
  ASSERT_TRUE(p.choose(2));
  ASSERT_TRUE(p.choose(4));
  const records::SessionRecord r = records::build_record(*b, p.event_log(), {});
  EXPECT_TRUE(r.answers.empty());
  EXPECT_TRUE(r.needs_discussion.empty());
}

TEST(Fhir, ResponseMatchesTheQuestionnaireAndKeepsTheLastAnswer) {
  const records::SessionRecord r = sample_record("P-0042");
  const json resp = json::parse(records::questionnaire_response_json(r, 7));
  EXPECT_EQ(resp["resourceType"], "QuestionnaireResponse");
  EXPECT_EQ(resp["id"], "P-0042-7");
  EXPECT_EQ(resp["questionnaire"], "urn:trialxr:questionnaire:blood-draw:1.0.0");
  EXPECT_EQ(resp["subject"]["identifier"]["value"], "P-0042");
  EXPECT_EQ(resp["authored"], r.ended_utc);
  ASSERT_EQ(resp["item"].size(), 1u);
  const json& item = resp["item"][0];
  EXPECT_EQ(item["linkId"], "feel");
  // Wrong first, then right: the response holds the final answer and says both.
  EXPECT_EQ(item["answer"][0]["valueCoding"]["code"], "q-feel-pinch");
  EXPECT_EQ(item["extension"][0]["valueInteger"], 2);
  EXPECT_EQ(item["extension"][1]["valueBoolean"], true);
}

// Structure per FHIR R4: required elements present, status from the value set, every
// response linkId and answer code defined by the Questionnaire, choice answers as Coding.
TEST(Fhir, ResponseConformsToTheQuestionnaire) {
  const json q = json::parse(records::questionnaire_json(signed_sample_bundle()));
  const json resp = json::parse(records::questionnaire_response_json(sample_record("P-0042"), 1));
  ASSERT_TRUE(resp.contains("status"));
  const std::string status = resp["status"];
  EXPECT_TRUE(status == "in-progress" || status == "completed" || status == "amended" ||
              status == "entered-in-error" || status == "stopped");
  EXPECT_EQ(resp["questionnaire"], q["url"]);
  for (const json& item : resp["item"]) {
    ASSERT_TRUE(item.contains("linkId"));
    const json* defined = nullptr;
    for (const json& qi : q["item"])
      if (qi["linkId"] == item["linkId"]) defined = &qi;
    ASSERT_NE(defined, nullptr) << item["linkId"];
    ASSERT_FALSE(item["answer"].empty());
    for (const json& a : item["answer"]) {
      ASSERT_TRUE(a.contains("valueCoding"));
      bool known = false;
      for (const json& o : (*defined)["answerOption"])
        known |= o["valueCoding"]["code"] == a["valueCoding"]["code"] &&
                 o["valueCoding"]["system"] == a["valueCoding"]["system"];
      EXPECT_TRUE(known) << a.dump();
    }
    if (!(*defined)["repeats"].get<bool>()) {
      EXPECT_EQ(item["answer"].size(), 1u);
    }
  }
}

}  // namespace
}  // namespace trialxr::testing
