// build_record over a real player run of the sample scene, and the JSON payload.
#include <gtest/gtest.h>

#include <algorithm>

#include "records_fixture.h"
#include "trialxr/core/hash.h"

namespace trialxr::testing {
namespace {

using records::Completion;
using records::SessionRecord;

const records::StepTime* step_time(const SessionRecord& r, std::string_view step) {
  auto it = std::find_if(r.steps.begin(), r.steps.end(),
                         [&](const records::StepTime& s) { return s.step == step; });
  return it == r.steps.end() ? nullptr : &*it;
}

TEST(SessionRecord, IdentifiesTheSessionAndTheBundle) {
  const bundle::Bundle& b = signed_sample_bundle();
  SessionRecord r = sample_record();
  EXPECT_EQ(r.participant_code, "P-0042");
  EXPECT_EQ(r.site_id, "SITE3");
  EXPECT_EQ(r.bundle.scene_id, "blood-draw");
  EXPECT_EQ(r.bundle.content_version, "1.0.0");
  EXPECT_EQ(r.bundle.file_hash, to_hex(b.file_hash()));
  EXPECT_EQ(r.bundle.signer_key_id, b.key_id());
  EXPECT_EQ(r.bundle.signer_key_id.size(), 16u);
  EXPECT_EQ(r.language, "en");
  EXPECT_EQ(r.audience, "adult");
  EXPECT_EQ(r.started_utc, "2026-03-01T09:30:05Z");
  EXPECT_EQ(r.ended_utc, "2026-03-01T09:34:05Z");
  EXPECT_EQ(r.completion, Completion::completed);
}

TEST(SessionRecord, HasEveryAnswerAndTheTopicNeedingDiscussion) {
  SessionRecord r = sample_record();
  ASSERT_EQ(r.answers.size(), 2u);
  EXPECT_EQ(r.answers[0].quiz, "feel");
  EXPECT_EQ(r.answers[0].step, "check");
  EXPECT_EQ(r.answers[0].options, (std::vector<std::string>{"q-feel-nothing"}));
  EXPECT_FALSE(r.answers[0].correct);
  EXPECT_EQ(r.answers[1].options, (std::vector<std::string>{"q-feel-pinch"}));
  EXPECT_TRUE(r.answers[1].correct);
  EXPECT_GT(r.answers[1].scene_us, r.answers[0].scene_us);
  ASSERT_EQ(r.needs_discussion.size(), 1u);
  EXPECT_EQ(r.needs_discussion[0].quiz, "feel");
  EXPECT_EQ(r.needs_discussion[0].topic_step, "needle");
}

TEST(SessionRecord, TimesEachStepOnTheSceneClock) {
  SessionRecord r = sample_record();
  std::vector<std::string> order;
  for (const auto& s : r.steps) order.push_back(s.step);
  EXPECT_EQ(order, (std::vector<std::string>{"welcome", "tourniquet", "vein", "needle", "after",
                                             "check", "goodbye"}));
  // The wrong answer led back to the needle: two visits each for needle, after, check.
  EXPECT_EQ(step_time(r, "welcome")->visits, 1u);
  EXPECT_EQ(step_time(r, "needle")->visits, 2u);
  EXPECT_EQ(step_time(r, "check")->visits, 2u);
  scene::Micros total = 0;
  for (const auto& s : r.steps) {
    EXPECT_GT(s.scene_us, 0) << s.step;
    total += s.scene_us;
  }
  // The steps cover the whole scene clock, from 0 to the scene's end.
  scene::Player p = play_wrong_then_right(signed_sample_bundle());
  const auto& events = p.event_log().events;
  ASSERT_EQ(events.back().kind, scene::EventKind::scene_ended);
  EXPECT_EQ(total, events.back().scene_time);
}

TEST(SessionRecord, HasPausesAndCoordinatorFlags) {
  SessionRecord r = sample_record();
  ASSERT_EQ(r.pauses.size(), 1u);
  EXPECT_EQ(r.pauses[0].session_us, 500'000);
  EXPECT_EQ(r.pauses[0].resumed_session_us, 1'500'000);
  ASSERT_EQ(r.flags.size(), 1u);
  EXPECT_EQ(r.flags[0].step, "welcome");
  EXPECT_EQ(r.flags[0].session_us, 2'000'000);
  EXPECT_EQ(r.flags[0].dismissed_session_us, 3'000'000);
}

TEST(SessionRecord, EndedEarlyWhenTheSceneDidNotEnd) {
  const bundle::Bundle& b = signed_sample_bundle();
  scene::Player p(b);
  p.tick(3.0);
  records::SessionInfo info;
  info.participant_code = "P-0001";
  info.site_id = "S1";
  info.end_scene_us = p.frame().scene_time;
  SessionRecord r = records::build_record(b, p.event_log(), info);
  EXPECT_EQ(r.completion, Completion::ended_early);
  ASSERT_EQ(r.steps.size(), 1u);
  EXPECT_EQ(r.steps[0].scene_us, 3'000'000);
  EXPECT_TRUE(r.answers.empty());
  EXPECT_TRUE(r.needs_discussion.empty());
}

TEST(SessionRecord, JsonRoundTripsAndRefusesMalformedPayloads) {
  SessionRecord r = sample_record();
  std::string json = records::to_json(r);
  auto back = records::record_from_json(json);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, r);
  EXPECT_EQ(records::to_json(*back), json);
  EXPECT_EQ(json.find("pass"), std::string::npos);
  auto broken = records::record_from_json(R"({"version": 1})");
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("malformed session record"), std::string::npos);
  EXPECT_FALSE(records::record_from_json("not json"));
}

}  // namespace
}  // namespace trialxr::testing
