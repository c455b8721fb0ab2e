// Determinism and seeking on the sample scene: thousands of ticks of random (seeded)
// length with random inputs give bit-identical frames twice over, and seek(t) after the
// fact gives the frame playing to t gave.
#include <gtest/gtest.h>

#include <random>

#include "scene_fixture.h"

namespace trialxr::testing {
namespace {

using scene::Micros;
using scene::Player;

struct PlayRun {
  std::vector<Micros> times;
  std::vector<std::string> frames;  // with events
  std::vector<std::string> states;  // without
  std::vector<scene::InputRecord> inputs;
  scene::EventList log;
  std::string last;
  Micros end = 0;
};

// Raw mt19937 output is fixed by the standard (distributions are not), so the run is the
// same everywhere.
PlayRun random_run(const bundle::Bundle& b, std::uint32_t seed, int ticks) {
  std::mt19937 rng(seed);
  Player p(b);
  PlayRun run;
  for (int i = 0; i < ticks; ++i) {
    p.tick_micros(1 + static_cast<Micros>(rng() % 40000));
    const auto r = static_cast<std::uint32_t>(rng() % 10000);
    const scene::FrameState& f = p.frame();
    if (f.quiz.visible && !f.quiz.answered && r < 3000) {
      p.choose(static_cast<std::uint32_t>(rng() % (f.quiz.options.size() + 1)));
    } else if (f.waiting_for_continue && r < 2000) {
      p.press_continue();
    } else if (r >= 9990) {
      p.back();
    } else if (r >= 9950) {
      p.pause();
    } else if (r >= 9700) {
      p.resume();
    } else if (r >= 9680) {
      p.ask_coordinator();
    } else if (r >= 9650) {
      p.dismiss_coordinator();
    } else if (r >= 9630) {
      p.set_language(static_cast<std::uint32_t>(rng() % 3));
    }
    if (i % 7 == 0) {
      run.times.push_back(p.time());
      run.frames.push_back(frame_bytes(p.frame(), true));
      run.states.push_back(frame_bytes(p.frame(), false));
    }
  }
  run.inputs = p.inputs();
  run.log = p.event_log();
  run.last = frame_bytes(p.frame(), false);
  run.end = p.time();
  return run;
}

class Determinism : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    bundle_ = new std::optional<bundle::Bundle>(sample_bundle());
    run_ = new PlayRun(random_run(**bundle_, 20260514, 8000));
  }
  static void TearDownTestSuite() {
    delete run_;
    delete bundle_;
  }
  static std::optional<bundle::Bundle>* bundle_;
  static PlayRun* run_;
};
std::optional<bundle::Bundle>* Determinism::bundle_ = nullptr;
PlayRun* Determinism::run_ = nullptr;

TEST_F(Determinism, TheRandomRunExercisesTheScene) {
  ASSERT_TRUE(*bundle_);
  const PlayRun& run = *run_;
  EXPECT_GT(run.inputs.size(), 20u);
  auto has = [&](scene::EventKind kind) { return !events_of(run.log, kind).empty(); };
  EXPECT_TRUE(has(scene::EventKind::answer_given));
  EXPECT_TRUE(has(scene::EventKind::paused));
  EXPECT_TRUE(has(scene::EventKind::back));
  EXPECT_TRUE(has(scene::EventKind::language_changed));
}

TEST_F(Determinism, SameTicksAndInputsGiveTheSameFramesBitForBit) {
  ASSERT_TRUE(*bundle_);
  const PlayRun again = random_run(**bundle_, 20260514, 8000);
  ASSERT_EQ(again.frames.size(), run_->frames.size());
  for (std::size_t i = 0; i < again.frames.size(); ++i)
    ASSERT_EQ(again.frames[i], run_->frames[i]) << "frame " << i << " at " << again.times[i];
  EXPECT_EQ(again.inputs, run_->inputs);
  EXPECT_EQ(again.log, run_->log);
}

TEST_F(Determinism, SeekGivesTheFramePlayingGave) {
  ASSERT_TRUE(*bundle_);
  Player q(**bundle_);
  q.load_inputs(run_->inputs);
  // Out of order on purpose: seeking back and forth re-simulates each time.
  std::mt19937 rng(5);
  for (int k = 0; k < 300; ++k) {
    const std::size_t i = rng() % run_->times.size();
    q.seek(run_->times[i]);
    ASSERT_EQ(frame_bytes(q.frame(), false), run_->states[i]) << "at " << run_->times[i];
  }
  q.seek(run_->end);
  EXPECT_EQ(frame_bytes(q.frame(), false), run_->last);
  EXPECT_EQ(q.event_log(), run_->log);
}

TEST_F(Determinism, TickingAfterASeekReplaysTheRecordedInputs) {
  ASSERT_TRUE(*bundle_);
  Player q(**bundle_);
  q.load_inputs(run_->inputs);
  q.seek(run_->end / 3);
  for (Micros t = q.time(); t < run_->end;) {
    const Micros step = std::min<Micros>(ms(250), run_->end - t);
    q.tick_micros(step);
    t += step;
  }
  EXPECT_EQ(frame_bytes(q.frame(), false), run_->last);
  EXPECT_EQ(q.event_log(), run_->log);
  EXPECT_EQ(q.inputs(), run_->inputs);
}

TEST_F(Determinism, ANewInputAfterASeekStartsANewFuture) {
  ASSERT_TRUE(*bundle_);
  Player q(**bundle_);
  q.load_inputs(run_->inputs);
  q.seek(run_->end / 2);
  const std::size_t before = static_cast<std::size_t>(
      std::count_if(run_->inputs.begin(), run_->inputs.end(),
                    [&](const scene::InputRecord& in) { return in.time <= run_->end / 2; }));
  ASSERT_TRUE(q.ask_coordinator() || q.dismiss_coordinator());
  EXPECT_EQ(q.inputs().size(), before + 1);
}

}  // namespace
}  // namespace trialxr::testing
