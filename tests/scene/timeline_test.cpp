// Timeline semantics (docs/script-language.md): sequence, together, waits, fades,
// highlight and label expiry, goto, end, gaze hints.
#include <gtest/gtest.h>

#include "scene_fixture.h"

namespace trialxr::testing {
namespace {

using scene::EventKind;
using scene::Player;

const char* kObjects =
    "box a\n"
    "  at 0 1 -1\n"
    "sphere b\n"
    "  radius 5cm\n"
    "  at 0.2 1 -1\n"
    "  hidden\n"
    "arrow c\n"
    "  at -0.2 1 -1\n";

std::vector<scene::Micros> cue_times(const scene::EventList& log) {
  std::vector<scene::Micros> times;
  for (const scene::Event& e : events_of(log, EventKind::cue_started)) times.push_back(e.time);
  return times;
}

TEST(Timeline, TimedCuesBlockAndInstantCuesDoNot) {
  TempDir dir;
  narration_wav(dir, "s1.wav", 2.1);
  auto b = bundle_from_script(dir, std::string(kObjects) +
                                       "step one\n"
                                       "  move a to 0.5 1 -1 over 2s ease linear\n"
                                       "  wait 1s\n"
                                       "  say \"one two three four five six\" audio \"s1.wav\" "
                                       "#line:s1\n"
                                       "  show b over 0.5s\n"
                                       "  wait say\n"
                                       "step two\n"
                                       "  end\n");
  ASSERT_TRUE(b);
  Player p(*b);
  const std::uint32_t a = node_named(*b, "a");
  const std::uint32_t ball = node_named(*b, "b");

  p.tick_micros(kSecond);
  ASSERT_NE(item_for(p.frame(), a), nullptr);
  EXPECT_FLOAT_EQ(item_for(p.frame(), a)->world[3].x, 0.25f);  // linear, halfway
  EXPECT_EQ(item_for(p.frame(), ball), nullptr);               // hidden at start
  p.tick_micros(kSecond);
  EXPECT_FLOAT_EQ(item_for(p.frame(), a)->world[3].x, 0.5f);
  p.tick_micros(ms(900));  // 2.9 s: still waiting 1 s
  EXPECT_EQ(item_for(p.frame(), ball), nullptr);
  EXPECT_EQ(p.frame().subtitle_line, bundle::kNone);
  p.tick_micros(ms(350));  // 3.25 s: the fade is half way, the narration plays
  ASSERT_NE(item_for(p.frame(), ball), nullptr);
  EXPECT_FLOAT_EQ(item_for(p.frame(), ball)->opacity, 0.5f);
  EXPECT_EQ(p.frame().subtitle_line, line_named(*b, "s1"));
  p.tick_micros(ms(1800));  // 5.05 s: the line (a 2.1 s recording) is still heard
  EXPECT_FLOAT_EQ(item_for(p.frame(), ball)->opacity, 1.0f);
  EXPECT_FALSE(p.frame().ended);
  EXPECT_EQ(p.frame().step, 0u);
  p.tick_micros(ms(100));  // 5.15 s
  EXPECT_TRUE(p.frame().ended);
  EXPECT_EQ(p.frame().subtitle_line, bundle::kNone);

  // move at 0; wait at 2 s; say, show, wait say at 3 s; the next step's end at 5.1 s.
  EXPECT_EQ(cue_times(p.event_log()),
            (std::vector<scene::Micros>{0, 2 * kSecond, 3 * kSecond, 3 * kSecond, 3 * kSecond,
                                        ms(5100)}));
  auto steps = events_of(p.event_log(), EventKind::step_entered);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[1].time, ms(5100));
  auto ended = events_of(p.event_log(), EventKind::scene_ended);
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].time, ms(5100));
  EXPECT_EQ(ended[0].value, 0u);
}

TEST(Timeline, EventsHappenAtExactTimesWhateverTheTickSize) {
  TempDir dir;
  auto b = bundle_from_script(dir, std::string(kObjects) +
                                       "step one\n"
                                       "  wait 333ms\n"
                                       "  move a to 0.5 1 -1 over 1s\n"
                                       "  wait 1s\n");
  ASSERT_TRUE(b);
  Player coarse(*b);
  coarse.tick(10.0);
  Player fine(*b);
  for (int i = 0; i < 1000; ++i) fine.tick(0.01);
  EXPECT_EQ(cue_times(coarse.event_log()), cue_times(fine.event_log()));
  EXPECT_EQ(cue_times(fine.event_log()), (std::vector<scene::Micros>{0, ms(333), ms(1333)}));
  EXPECT_EQ(events_of(fine.event_log(), EventKind::scene_ended)[0].time, ms(2333));
}

TEST(Timeline, TogetherRunsChildrenInParallelAndEndsWithTheLast) {
  TempDir dir;
  auto b = bundle_from_script(dir, std::string(kObjects) +
                                       "step one\n"
                                       "  together\n"
                                       "    move a to 0.5 1 -1 over 1s ease linear\n"
                                       "    wait 3s\n"
                                       "    rotate a to 0 90 0 over 2s ease linear\n"
                                       "  wait continue\n");
  ASSERT_TRUE(b);
  Player p(*b);
  const std::uint32_t a = node_named(*b, "a");
  p.tick_micros(ms(500));
  const glm::mat4 w = item_for(p.frame(), a)->world;
  EXPECT_FLOAT_EQ(w[3].x, 0.25f);
  // A quarter of the way from 0 to 90 degrees about y: the x axis points to (cos, 0, -sin).
  EXPECT_NEAR(w[0].x, std::cos(glm::radians(22.5f)), 1e-5);
  EXPECT_NEAR(w[0].z, -std::sin(glm::radians(22.5f)), 1e-5);
  EXPECT_FALSE(p.frame().waiting_for_continue);
  p.tick_micros(ms(2400));  // 2.9 s: the wait is the last child still running
  EXPECT_FALSE(p.frame().waiting_for_continue);
  EXPECT_NEAR(item_for(p.frame(), a)->world[0].z, -1.0f, 1e-6);
  p.tick_micros(ms(100));
  EXPECT_TRUE(p.frame().waiting_for_continue);
  const auto times = cue_times(p.event_log());
  ASSERT_EQ(times.size(), 5u);  // together, three children, wait continue
  EXPECT_EQ(times[4], 3 * kSecond);
  EXPECT_TRUE(p.press_continue());
  EXPECT_TRUE(p.frame().ended);
}

TEST(Timeline, AVoiceFromAnObjectFollowsIt) {
  TempDir dir;
  auto b = bundle_from_script(dir, std::string(kObjects) +
                                       "step one\n"
                                       "  say \"Over here.\" from c #line:here\n"
                                       "  move c to -0.6 1 -1 over 1s ease linear\n"
                                       "  say \"And now the narrator.\" #line:narrator\n"
                                       "  wait say\n");
  ASSERT_TRUE(b);
  Player p(*b);
  const std::uint32_t c = node_named(*b, "c");
  p.tick_micros(ms(500));
  ASSERT_EQ(p.frame().subtitle_line, line_named(*b, "here"));
  EXPECT_EQ(p.frame().subtitle_speaker, c);
  EXPECT_NEAR(p.frame().speaker_position.x, -0.4f, 1e-4f);  // half way along its move
  EXPECT_NEAR(p.frame().speaker_position.z, -1.0f, 1e-4f);
  while (p.frame().subtitle_line != line_named(*b, "narrator") && p.time() < 60 * kSecond)
    p.tick_micros(ms(100));
  EXPECT_EQ(p.frame().subtitle_speaker, bundle::kNone);
}

TEST(Timeline, WaitSayWaitsForQueuedNarration) {
  TempDir dir;
  narration_wav(dir, "l1.wav", 2.1);
  narration_wav(dir, "l2.wav", 1.5);
  auto b = bundle_from_script(dir, std::string(kObjects) +
                                       "step one\n"
                                       "  say \"one two three four five six\" audio \"l1.wav\" "
                                       "#line:l1\n"
                                       "  say \"one two three\" audio \"l2.wav\" #line:l2\n"
                                       "  wait say\n"
                                       "  say \"last words here\" #line:l3\n"
                                       "  wait 5s\n");
  ASSERT_TRUE(b);
  Player p(*b);
  // l1: 0 - 2.1 s; l2 is queued behind it: 2.1 - 3.6 s (their recordings' lengths).
  p.tick_micros(kSecond);
  EXPECT_EQ(p.frame().subtitle_line, line_named(*b, "l1"));
  p.tick_micros(ms(1500));
  EXPECT_EQ(p.frame().subtitle_line, line_named(*b, "l2"));
  p.tick_micros(ms(1200));  // 3.7 s
  EXPECT_EQ(p.frame().subtitle_line, line_named(*b, "l3"));
  auto started = events_of(p.event_log(), EventKind::narration_started);
  ASSERT_EQ(started.size(), 3u);
  EXPECT_EQ(started[0].time, 0);
  EXPECT_EQ(started[1].time, ms(2100));
  EXPECT_EQ(started[2].time, ms(3600));
  EXPECT_EQ(started[2].line, line_named(*b, "l3"));
}

TEST(Timeline, WaitContinueWaitsForThePatient) {
  TempDir dir;
  auto b = bundle_from_script(dir, std::string(kObjects) +
                                       "step one\n"
                                       "  wait 1s\n"
                                       "  wait continue\n"
                                       "  wait 1s\n");
  ASSERT_TRUE(b);
  Player p(*b);
  EXPECT_FALSE(p.press_continue());  // nothing waits yet: refused, not recorded
  EXPECT_TRUE(p.inputs().empty());
  p.tick_micros(ms(1000));
  EXPECT_TRUE(p.frame().waiting_for_continue);
  p.tick_micros(10 * kSecond);
  EXPECT_TRUE(p.frame().waiting_for_continue);
  EXPECT_FALSE(p.frame().ended);
  EXPECT_TRUE(p.press_continue());
  EXPECT_FALSE(p.frame().waiting_for_continue);
  ASSERT_EQ(p.inputs().size(), 1u);
  EXPECT_EQ(p.inputs()[0].time, 11 * kSecond);
  EXPECT_EQ(events_of(p.frame().events, EventKind::continued).size(), 1u);
  p.tick_micros(ms(999));
  EXPECT_FALSE(p.frame().ended);
  p.tick_micros(ms(1));
  EXPECT_TRUE(p.frame().ended);
}

TEST(Timeline, FadesMultiplyDownTheHierarchy) {
  TempDir dir;
  auto b = bundle_from_script(dir, std::string(kObjects) +
                                       "step one\n"
                                       "  hide c over 1s\n"
                                       "  wait 2s\n"
                                       "  show c over 2s\n"
                                       "  wait 1s\n"
                                       "  hide c\n"
                                       "  wait 1s\n");
  ASSERT_TRUE(b);
  Player p(*b);
  // The arrow's root carries no mesh; its child "c.shape" draws.
  const std::uint32_t shape = node_named(*b, "c.shape");
  ASSERT_NE(item_for(p.frame(), shape), nullptr);
  EXPECT_FLOAT_EQ(item_for(p.frame(), shape)->opacity, 1.0f);
  p.tick_micros(ms(250));
  EXPECT_FLOAT_EQ(item_for(p.frame(), shape)->opacity, 0.75f);
  p.tick_micros(ms(750));
  EXPECT_EQ(item_for(p.frame(), shape), nullptr);  // fully hidden: not drawn
  p.tick_micros(ms(1500));                         // 2.5 s: showing, a quarter in
  ASSERT_NE(item_for(p.frame(), shape), nullptr);
  EXPECT_FLOAT_EQ(item_for(p.frame(), shape)->opacity, 0.25f);
  p.tick_micros(ms(500));  // 3 s: hidden at once, mid-fade
  EXPECT_EQ(item_for(p.frame(), shape), nullptr);
}

TEST(Timeline, HighlightsAndLabelsExpireOrLastUntilRemoved) {
  TempDir dir;
  auto b = bundle_from_script(dir, std::string(kObjects) +
                                       "step one\n"
                                       "  highlight a for 2s\n"
                                       "  label a \"Here\" for 1s #line:la\n"
                                       "  highlight c\n"
                                       "  label c \"There\" #line:lc\n"
                                       "  wait 3s\n"
                                       "  unhighlight c\n"
                                       "  unlabel c\n"
                                       "  wait 1s\n");
  ASSERT_TRUE(b);
  Player p(*b);
  const std::uint32_t a = node_named(*b, "a");
  const std::uint32_t c = node_named(*b, "c");
  const std::uint32_t shape = node_named(*b, "c.shape");
  p.tick_micros(ms(500));
  EXPECT_TRUE(item_for(p.frame(), a)->highlighted);
  EXPECT_TRUE(item_for(p.frame(), shape)->highlighted);  // through its highlighted parent
  ASSERT_EQ(p.frame().labels.size(), 2u);
  EXPECT_EQ(p.frame().labels[0].line, line_named(*b, "la"));
  EXPECT_EQ(p.frame().labels[0].node, a);
  EXPECT_FLOAT_EQ(p.frame().labels[0].anchor.y, 1.0f);
  EXPECT_FLOAT_EQ(p.frame().labels[0].anchor.z, -1.0f);
  EXPECT_EQ(p.frame().labels[1].node, c);
  p.tick_micros(kSecond);  // 1.5 s
  ASSERT_EQ(p.frame().labels.size(), 1u);
  EXPECT_EQ(p.frame().labels[0].line, line_named(*b, "lc"));
  EXPECT_TRUE(item_for(p.frame(), a)->highlighted);
  p.tick_micros(kSecond);  // 2.5 s
  EXPECT_FALSE(item_for(p.frame(), a)->highlighted);
  EXPECT_TRUE(item_for(p.frame(), shape)->highlighted);
  p.tick_micros(kSecond);  // 3.5 s
  EXPECT_FALSE(item_for(p.frame(), shape)->highlighted);
  EXPECT_TRUE(p.frame().labels.empty());
}

TEST(Timeline, GotoJumpsAndEndEnds) {
  TempDir dir;
  auto b = bundle_from_script(dir, std::string(kObjects) +
                                       "step one\n"
                                       "  look at a\n"
                                       "  wait 1s\n"
                                       "  goto three\n"
                                       "step two\n"
                                       "  say \"never\" #line:never\n"
                                       "step three\n"
                                       "  wait 1s\n"
                                       "  end\n"
                                       "step four\n"
                                       "  say \"never either\" #line:never2\n");
  ASSERT_TRUE(b);
  Player p(*b);
  EXPECT_EQ(p.frame().look_at, node_named(*b, "a"));
  p.tick_micros(ms(1500));
  EXPECT_EQ(p.frame().step, step_named(*b, "three"));
  EXPECT_EQ(p.frame().look_at, bundle::kNone);  // a gaze hint lasts for its step
  p.tick_micros(kSecond);
  EXPECT_TRUE(p.frame().ended);
  p.tick_micros(10 * kSecond);
  EXPECT_TRUE(p.frame().ended);
  auto steps = events_of(p.event_log(), EventKind::step_entered);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[1].step, step_named(*b, "three"));
  EXPECT_EQ(steps[1].time, kSecond);
  EXPECT_EQ(events_of(p.event_log(), EventKind::scene_ended)[0].time, 2 * kSecond);
  EXPECT_TRUE(events_of(p.event_log(), EventKind::narration_started).empty());
}

TEST(Timeline, GotoLoopWithoutTimeEndsTheScene) {
  TempDir dir;
  auto b = bundle_from_script(dir, std::string(kObjects) +
                                       "step one\n"
                                       "  goto two\n"
                                       "step two\n"
                                       "  goto one\n");
  ASSERT_TRUE(b);
  Player p(*b);
  EXPECT_TRUE(p.frame().ended);
  auto ended = events_of(p.event_log(), EventKind::scene_ended);
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].value, 1u);  // stalled
}

TEST(Timeline, GotoLoopWithTimeKeepsPlaying) {
  TempDir dir;
  auto b = bundle_from_script(dir, std::string(kObjects) +
                                       "step one\n"
                                       "  wait 1s\n"
                                       "  goto one\n");
  ASSERT_TRUE(b);
  Player p(*b);
  p.tick(10.5);
  EXPECT_FALSE(p.frame().ended);
  EXPECT_EQ(events_of(p.event_log(), EventKind::step_entered).size(), 11u);
}

}  // namespace
}  // namespace trialxr::testing
