// FHIR R4: the Questionnaire from the sample scene's quiz and a QuestionnaireResponse
// per session, with matching linkIds and answer codes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "records_fixture.h"
#include "trialxr/records/fhir.h"

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
