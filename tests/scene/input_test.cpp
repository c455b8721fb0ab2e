// Inputs other than answers: pause and resume, back, the coordinator flag, language.
#include <gtest/gtest.h>

#include "scene_fixture.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/scene/narration.h"

namespace trialxr::testing {
namespace {

using scene::EventKind;
using scene::Player;

const char* kSteps =
    "box a\n"
    "  at 0 1 -1\n"
    "step one\n"
    "  say \"one two three four five six\" #line:s1\n"
    "  wait continue\n"
    "step two\n"
    "  move a to 1 1 -1 over 2s ease linear\n"
    "  wait continue\n"
    "step three\n"
    "  wait continue\n";

TEST(Input, PauseFreezesTheSceneClockButNotTheSession) {
  TempDir dir;
  auto b = bundle_from_script(dir, kSteps);
  ASSERT_TRUE(b);
  Player p(*b);
  const std::uint32_t a = node_named(*b, "a");
  p.tick_micros(kSecond);
  ASSERT_TRUE(p.press_continue());  // step two at 1 s
  p.tick_micros(kSecond);           // a half way
  EXPECT_FLOAT_EQ(item_for(p.frame(), a)->world[3].x, 0.5f);
  ASSERT_TRUE(p.pause());
  EXPECT_FALSE(p.pause());
  EXPECT_TRUE(p.frame().paused);
  p.tick_micros(5 * kSecond);
  EXPECT_EQ(p.frame().time, 7 * kSecond);
  EXPECT_EQ(p.frame().scene_time, 2 * kSecond);
  EXPECT_FLOAT_EQ(item_for(p.frame(), a)->world[3].x, 0.5f);
  ASSERT_TRUE(p.resume());
  EXPECT_FALSE(p.resume());
  p.tick_micros(kSecond);
  EXPECT_FLOAT_EQ(item_for(p.frame(), a)->world[3].x, 1.0f);
  auto paused = events_of(p.event_log(), EventKind::paused);
  auto resumed = events_of(p.event_log(), EventKind::resumed);
  ASSERT_EQ(paused.size(), 1u);
  ASSERT_EQ(resumed.size(), 1u);
  EXPECT_EQ(paused[0].time, 2 * kSecond);
  EXPECT_EQ(resumed[0].time, 7 * kSecond);
  EXPECT_EQ(resumed[0].scene_time, 2 * kSecond);
}

TEST(Input, ContinueIsRefusedWhilePaused) {
  TempDir dir;
  auto b = bundle_from_script(dir, kSteps);
  ASSERT_TRUE(b);
  Player p(*b);
  ASSERT_TRUE(p.pause());
  EXPECT_TRUE(p.frame().waiting_for_continue);
  EXPECT_FALSE(p.press_continue());
  ASSERT_TRUE(p.resume());
  EXPECT_TRUE(p.press_continue());
}

TEST(Input, BackReturnsToThePreviousStepsStartAsItWas) {
  TempDir dir;
  auto b = bundle_from_script(dir, kSteps);
  ASSERT_TRUE(b);
  Player p(*b);
  const std::uint32_t a = node_named(*b, "a");
  ASSERT_TRUE(p.press_continue());  // two at 0 s
  p.tick_micros(3 * kSecond);
  ASSERT_TRUE(p.press_continue());  // three at 3 s
  EXPECT_EQ(p.frame().step, 2u);
  EXPECT_FLOAT_EQ(item_for(p.frame(), a)->world[3].x, 1.0f);
  ASSERT_TRUE(p.back());
  EXPECT_EQ(p.frame().step, 1u);
  EXPECT_FLOAT_EQ(item_for(p.frame(), a)->world[3].x, 0.0f);  // as when two began
  EXPECT_FALSE(p.frame().waiting_for_continue);
  p.tick_micros(kSecond);
  EXPECT_FLOAT_EQ(item_for(p.frame(), a)->world[3].x, 0.5f);  // and it plays again
  auto backs = events_of(p.event_log(), EventKind::back);
  ASSERT_EQ(backs.size(), 1u);
  EXPECT_EQ(backs[0].step, 1u);
  EXPECT_EQ(backs[0].value, 2u);
  EXPECT_EQ(backs[0].time, 3 * kSecond);
  EXPECT_EQ(events_of(p.event_log(), EventKind::step_entered).back().step, 1u);
  // Back twice: to one; at the first step, back restarts it.
  ASSERT_TRUE(p.back());
  EXPECT_EQ(p.frame().step, 0u);
  EXPECT_EQ(p.frame().subtitle_line, line_named(*b, "s1"));  // its narration again
  ASSERT_TRUE(p.back());
  EXPECT_EQ(p.frame().step, 0u);
}

TEST(Input, BackAfterTheEndReturnsIntoTheScene) {
  TempDir dir;
  auto b = bundle_from_script(dir, kSteps);
  ASSERT_TRUE(b);
  Player p(*b);
  for (int i = 0; i < 3; ++i) {
    p.tick_micros(3 * kSecond);
    ASSERT_TRUE(p.press_continue());
  }
  EXPECT_TRUE(p.frame().ended);
  ASSERT_TRUE(p.back());
  EXPECT_FALSE(p.frame().ended);
  EXPECT_EQ(p.frame().step, 1u);
}

TEST(Input, BackWorksAfterManyStepEntries) {
  TempDir dir;
  auto b = bundle_from_script(dir,
                              "box a\n"
                              "  at 0 1 -1\n"
                              "step one\n"
                              "  wait 1s\n"
                              "step two\n"
                              "  move a to 1 1 -1 over 1s ease linear\n"
                              "  goto one\n");
  ASSERT_TRUE(b);
  Player p(*b);
  p.tick_micros(200 * kSecond + ms(500));  // 200 step entries; `back` keeps the last 64
  EXPECT_EQ(p.frame().step, 0u);
  ASSERT_TRUE(p.back());
  EXPECT_EQ(p.frame().step, 1u);
  p.tick_micros(ms(500));
  EXPECT_FLOAT_EQ(item_for(p.frame(), node_named(*b, "a"))->world[3].x, 1.0f);
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(p.back());
  EXPECT_EQ(p.frame().step, events_of(p.event_log(), EventKind::step_entered).back().step);
}

TEST(Input, CoordinatorFlagIsRaisedAndDismissed) {
  TempDir dir;
  auto b = bundle_from_script(dir, kSteps);
  ASSERT_TRUE(b);
  Player p(*b);
  p.tick_micros(ms(1500));
  EXPECT_FALSE(p.frame().coordinator_requested);
  EXPECT_FALSE(p.dismiss_coordinator());
  ASSERT_TRUE(p.ask_coordinator());
  EXPECT_TRUE(p.frame().coordinator_requested);
  EXPECT_FALSE(p.ask_coordinator());
  auto asked = events_of(p.frame().events, EventKind::coordinator_requested);
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].time, ms(1500));
  ASSERT_TRUE(p.dismiss_coordinator());
  EXPECT_FALSE(p.frame().coordinator_requested);
}

TEST(Input, LanguageSwitchesAtOnceAndIsRecorded) {
  TempDir dir;
  auto b = bundle_from_script(dir, kSteps);
  ASSERT_TRUE(b);
  Player p(*b);
  EXPECT_EQ(p.frame().language, 0u);
  EXPECT_FALSE(p.set_language(0));  // already
  EXPECT_FALSE(p.set_language(2));  // en, zh only
  ASSERT_TRUE(p.set_language(1));
  EXPECT_EQ(p.frame().language, 1u);
  EXPECT_EQ(p.frame().subtitle_line, line_named(*b, "s1"));  // same line, other text
  auto changed = events_of(p.frame().events, EventKind::language_changed);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].value, 1u);
  Player zh(*b, {1});
  EXPECT_EQ(zh.frame().language, 1u);
  Player fallback(*b, {9});
  EXPECT_EQ(fallback.frame().language, 0u);
}

// kSteps with audio for its line s1: 2 s in English, 3 s in Chinese (the packets are not
// decoded here; the player only reads their length).
std::optional<bundle::Bundle> steps_with_audio(const TempDir& dir) {
  auto compiled = compiler::compile_scene(dir.write("audio.txs", script_header() + kSteps));
  if (!compiled || !compiled->ok()) {
    ADD_FAILURE() << (compiled ? compiled->rendered() : compiled.error().message);
    return std::nullopt;
  }
  compiler::BundleContent c = compiled->content;
  auto plain = bundle_from_content(c);
  if (!plain) return std::nullopt;
  const std::uint32_t s1 = line_named(*plain, "s1");
  const std::uint32_t languages = static_cast<std::uint32_t>(plain->languages().size());
  c.narration.assign(plain->lines().size() * languages, bundle::NarrationRecord{});
  c.opus.assign(1, std::byte{0xF8});
  c.audio_packets.clear();
  for (std::uint32_t lang = 0; lang < languages; ++lang) {
    const std::uint32_t seconds = 2 + lang;
    bundle::NarrationRecord& n = c.narration[s1 * languages + lang];
    n.first_packet = static_cast<std::uint32_t>(c.audio_packets.size());
    n.packet_count = seconds * 50 + 1;
    n.samples = seconds * bundle::kOpusSampleRate;
    n.pre_skip = 312;
    n.source = c.strings.intern("test");
    for (std::uint32_t k = 0; k < n.packet_count; ++k) c.audio_packets.push_back({0, 1});
  }
  return bundle_from_content(c);
}

TEST(Input, NarrationLastsAsLongAsItsAudio) {
  TempDir dir;
  auto b = steps_with_audio(dir);
  ASSERT_TRUE(b);
  const std::uint32_t s1 = line_named(*b, "s1");
  EXPECT_DOUBLE_EQ(scene::narration_seconds(*b, s1, 0), 2.0);
  EXPECT_DOUBLE_EQ(scene::narration_seconds(*b, s1, 1), 3.0);
  Player en(*b);
  en.tick_micros(ms(1999));
  EXPECT_EQ(en.frame().subtitle_line, s1);
  en.tick_micros(ms(1));
  EXPECT_EQ(en.frame().subtitle_line, bundle::kNone);
  Player zh(*b, {1});
  zh.tick_micros(ms(2999));
  EXPECT_EQ(zh.frame().subtitle_line, s1);
  zh.tick_micros(ms(1));
  EXPECT_EQ(zh.frame().subtitle_line, bundle::kNone);
}

TEST(Input, ALanguageSwitchRestartsTheLineBeingHeard) {
  TempDir dir;
  auto b = steps_with_audio(dir);
  ASSERT_TRUE(b);
  const std::uint32_t s1 = line_named(*b, "s1");
  Player p(*b);
  p.tick_micros(ms(1500));
  ASSERT_TRUE(p.set_language(1));  // half way through the English line
  EXPECT_EQ(p.frame().subtitle_line, s1);
  EXPECT_EQ(p.frame().subtitle_start, ms(1500));  // heard again from its start, in Chinese
  p.tick_micros(ms(2999));
  EXPECT_EQ(p.frame().subtitle_line, s1);
  p.tick_micros(ms(1));
  EXPECT_EQ(p.frame().subtitle_line, bundle::kNone);  // 1.5 s + 3 s
  // Seeking replays the switch: the same frame at the same time.
  Player q(*b);
  q.tick_micros(ms(1500));
  ASSERT_TRUE(q.set_language(1));
  q.tick_micros(ms(1000));
  const scene::FrameState at = q.frame();
  q.seek(ms(200));
  q.seek(ms(2500));
  EXPECT_EQ(q.frame().subtitle_line, at.subtitle_line);
  EXPECT_EQ(q.frame().subtitle_start, at.subtitle_start);
}

TEST(Input, FrameEventsAreThoseSinceThePreviousTick) {
  TempDir dir;
  auto b = bundle_from_script(dir, kSteps);
  ASSERT_TRUE(b);
  Player p(*b);
  // Construction's events show in the first frame.
  EXPECT_FALSE(events_of(p.frame().events, EventKind::step_entered).empty());
  p.tick_micros(ms(10));
  EXPECT_FALSE(events_of(p.frame().events, EventKind::step_entered).empty());
  p.tick_micros(ms(10));
  EXPECT_TRUE(p.frame().events.events.empty());
  ASSERT_TRUE(p.press_continue());
  const std::size_t after_input = p.frame().events.events.size();
  EXPECT_GT(after_input, 0u);
  p.tick_micros(ms(10));  // the input's events still show in this tick's frame
  EXPECT_EQ(events_of(p.frame().events, EventKind::continued).size(), 1u);
  p.tick_micros(ms(10));
  EXPECT_TRUE(p.frame().events.events.empty());
}

}  // namespace
}  // namespace trialxr::testing
