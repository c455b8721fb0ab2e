// The desktop preview in a window: it opens and renders the sample scene (compared with a
// golden image), rebuilds on save and returns to the same step and time, keeps the last
// good scene playing under the diagnostics overlay when a save breaks the script, opens
// with the overlay for a script broken from the start, and explains a missing display.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "image_compare.h"
#include "temp_dir.h"
#include "trialxr/app/player_cli.h"
#include "trialxr/app/preview_session.h"
#include "trialxr/core/file_io.h"

namespace trialxr::testing {
namespace {

namespace fs = std::filesystem;

// The sample scene with its translation and models, in a folder the test may edit.
std::string copy_sample(const TempDir& dir) {
  fs::create_directories(dir.file("scenes"));
  fs::create_directories(dir.file("assets/models"));
  for (const char* f : {"scenes/blood-draw.txs", "scenes/blood-draw.zh.po", "assets/models/arm.glb",
                        "assets/models/syringe.glb"}) {
    fs::copy_file(source_dir() / f, dir.file(f));
  }
  return dir.file("scenes/blood-draw.txs");
}

void replace_in_file(const std::string& path, const std::string& from, const std::string& to) {
  std::string text = *read_file(path);
  const auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  // As an editor saves: a new file renamed over the old one.
  std::ofstream(path + ".swp", std::ios::binary) << text;
  fs::rename(path + ".swp", path);
}

std::unique_ptr<app::PreviewSession> open(const std::string& file) {
  app::PreviewOptions o;
  o.file = file;
  o.width = 640;
  o.height = 360;
  o.validate = true;
  o.fixed_step = 0.25;  // scene seconds per frame: the tests move through the scene quickly
  auto s = app::PreviewSession::open(o);
  EXPECT_TRUE(s) << (s ? "" : s.error().message);
  return s ? std::move(*s) : nullptr;
}

// Frames until `done` holds or `timeout` passes; false on timeout or a closed window.
template <class Done>
bool frames_until(app::PreviewSession& s, Done done, std::chrono::seconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > end || !s.frame()) return false;
  }
  return true;
}

TEST(Preview, OpensAndRendersTheSampleScene) {
  auto s = open((source_dir() / "scenes/blood-draw.txs").string());
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->has_scene()) << s->diagnostics();
  EXPECT_FALSE(s->showing_errors());
  // Up to the tourniquet step's label (about 12 s in).
  ASSERT_TRUE(frames_until(
      *s, [&] { return s->state().time >= 12'000'000; }, std::chrono::seconds(120)));
  EXPECT_EQ(s->state().labels.size(), 1u);
  auto shot = s->screenshot();
  ASSERT_TRUE(shot) << shot.error().message;
  EXPECT_EQ(shot->width, 640u);
  std::string failure = check_golden("preview-tourniquet", *shot);
  EXPECT_TRUE(failure.empty()) << failure;
  EXPECT_EQ(s->validation_messages(), 0u);
}

TEST(Preview, SavingTheScriptShowsTheChangeAtTheSameStepAndTime) {
  TempDir dir;
  const std::string script = copy_sample(dir);
  auto s = open(script);
  ASSERT_TRUE(s && s->has_scene());
  // Half a second into the line that will change (its new words make new audio, so a
  // moment late in the line could fall after it).
  ASSERT_TRUE(frames_until(
      *s,
      [&] {
        return s->state().subtitle_line != bundle::kNone &&
               s->text(s->state().subtitle_line).find("puts a soft band") != std::string::npos;
      },
      std::chrono::seconds(120)));
  const auto line_seen = s->state().time;
  ASSERT_TRUE(frames_until(
      *s, [&] { return s->state().time >= line_seen + 500'000; }, std::chrono::seconds(30)));
  s->play(false);
  const std::uint32_t step = s->state().step;
  const auto time = s->state().time;
  const std::uint32_t subtitle = s->state().subtitle_line;
  ASSERT_NE(subtitle, bundle::kNone);
  const std::uint64_t generation = s->build_generation();

  replace_in_file(script, "puts a soft band around your arm", "ties a soft band around your arm");
  ASSERT_TRUE(frames_until(
      *s, [&] { return s->build_generation() > generation; }, std::chrono::seconds(60)));
  s->frame();
  EXPECT_FALSE(s->showing_errors()) << s->diagnostics();
  EXPECT_EQ(s->state().step, step);
  EXPECT_EQ(s->state().time, time);
  EXPECT_NE(s->text(s->state().subtitle_line).find("ties a soft band"), std::string::npos)
      << s->text(s->state().subtitle_line);
  // The Chinese translation of the changed line is now stale: a warning, not an error.
  EXPECT_NE(s->diagnostics().find("TX0703"), std::string::npos) << s->diagnostics();
  EXPECT_EQ(s->validation_messages(), 0u);
}

TEST(Preview, ABrokenSaveKeepsTheLastGoodScenePlayingUnderTheOverlay) {
  TempDir dir;
  const std::string script = copy_sample(dir);
  auto s = open(script);
  ASSERT_TRUE(s && s->has_scene());
  const std::uint64_t generation = s->build_generation();
  replace_in_file(script, "highlight arm.vein for 4s", "higlight arm.vein for 4s");
  ASSERT_TRUE(frames_until(
      *s, [&] { return s->build_generation() > generation; }, std::chrono::seconds(60)));
  EXPECT_TRUE(s->showing_errors());
  EXPECT_NE(s->diagnostics().find("blood-draw.txs:"), std::string::npos) << s->diagnostics();
  EXPECT_NE(s->diagnostics().find("unknown cue 'higlight'"), std::string::npos) << s->diagnostics();
  // Still drawing and playing the last good scene.
  const auto before = s->state().time;
  for (int i = 0; i < 8; ++i) ASSERT_TRUE(s->frame());
  EXPECT_GT(s->state().time, before);
  // Fixed: the overlay goes with the next good build.
  replace_in_file(script, "higlight arm.vein for 4s", "highlight arm.vein for 4s");
  ASSERT_TRUE(frames_until(
      *s, [&] { return !s->showing_errors(); }, std::chrono::seconds(60)));
  EXPECT_EQ(s->validation_messages(), 0u);
}

TEST(Preview, AScriptBrokenFromTheStartOpensWithTheDiagnostics) {
  TempDir dir;
  const std::string script = copy_sample(dir);
  replace_in_file(script, "step welcome", "stp welcome");
  auto s = open(script);
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->has_scene());
  EXPECT_TRUE(s->showing_errors());
  EXPECT_NE(s->diagnostics().find("error"), std::string::npos);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(s->frame());
  EXPECT_EQ(s->validation_messages(), 0u);
}

TEST(Preview, WithoutADisplayItPointsToRender) {
  const char* display = std::getenv("DISPLAY");
  const std::string saved = display != nullptr ? display : "";
  unsetenv("DISPLAY");
  std::ostringstream out, err;
  int code =
      app::run_player_cli({"preview", (source_dir() / "scenes/blood-draw.txs").string()}, out, err);
  if (!saved.empty()) setenv("DISPLAY", saved.c_str(), 1);
  EXPECT_EQ(code, app::kExitUsage);
  EXPECT_NE(err.str().find("no display"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("trialxr render"), std::string::npos) << err.str();
}

TEST(Preview, MissingFileIsAClearError) {
  std::ostringstream out, err;
  int code = app::run_player_cli({"preview", "/nonexistent/scene.txs"}, out, err);
  EXPECT_EQ(code, app::kExitUsage);
  EXPECT_NE(err.str().find("/nonexistent/scene.txs: no such file"), std::string::npos) << err.str();
}

}  // namespace
}  // namespace trialxr::testing
