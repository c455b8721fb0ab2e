// The sample scenes' storyboards as a patient would see them, step by step, compared with
// golden images (tests/render/golden/sample-*.png, taking-part-*.png, kids-*.png,
// drug-action-*.png, visit-schedule-*.png, mri-scan-*.png) within a tolerance. Rendered
// through `trialxr render --storyboard` with the validation layer on, so the whole path —
// compiler, bundle, player, stage, renderer, headless host — is under test. Regenerate with
// tools/update-goldens.sh after an intended change.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "image_compare.h"
#include "temp_dir.h"
#include "trialxr/app/player_cli.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/core/file_io.h"

namespace trialxr::testing {
namespace {

// Every scene in scenes/ compiles as a release (every translation present and current)
// with no diagnostic at all: no errors, no readability or length warnings.
TEST(SampleScenes, EveryShippedSceneCompilesCleanAsARelease) {
  std::size_t scenes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() / "scenes")) {
    if (entry.path().extension() != ".txs") continue;
    ++scenes;
    SCOPED_TRACE(entry.path().filename().string());
    auto compiled = compiler::compile_scene(entry.path().string(), {.release = true});
    ASSERT_TRUE(compiled);
    EXPECT_TRUE(compiled->diags.empty()) << compiled->rendered();
  }
  EXPECT_GE(scenes, 6u);
}

// The storyboard of scenes/NAME.txs in `language`, each step compared with golden
// PREFIX-NN-STEP.png.
void expect_storyboard_goldens(const std::string& scene, const std::string& language,
                               const std::string& prefix, std::size_t steps) {
  SCOPED_TRACE(scene + " " + language);
  TempDir dir;
  auto compiled = compiler::compile_scene((source_dir() / "scenes" / (scene + ".txs")).string());
  ASSERT_TRUE(compiled && compiled->ok());
  std::string bundle = dir.file(scene + ".trxb");
  ASSERT_TRUE(compiler::write_bundle_file(bundle, compiled->content));
  std::ostringstream out, err;
  std::string folder = dir.file("storyboard");
  int code = app::run_player_cli({"render", bundle, "--storyboard", folder, "--size", "240x135",
                                  "--lang", language, "--validate"},
                                 out, err);
  ASSERT_EQ(code, 0) << err.str();
  auto index = nlohmann::json::parse(*read_file(folder + "/index.json"));
  ASSERT_EQ(index["steps"].size(), steps);
  for (const auto& step : index["steps"]) {
    std::string image = step["image"];
    auto actual = headless::read_png(folder + "/" + image);
    ASSERT_TRUE(actual) << actual.error().message;
    std::string failure = check_golden(prefix + image.substr(0, image.size() - 4), *actual);
    EXPECT_TRUE(failure.empty()) << failure;
  }
}

TEST(SampleGolden, TakingPartStoryboardInEnglishAndChinese) {
  expect_storyboard_goldens("taking-part", "en", "taking-part-en-", 6);
  expect_storyboard_goldens("taking-part", "zh", "taking-part-zh-", 6);
}

TEST(SampleGolden, ChildrensBloodTestStoryboardInEnglishAndChinese) {
  expect_storyboard_goldens("blood-draw-kids", "en", "kids-en-", 6);
  expect_storyboard_goldens("blood-draw-kids", "zh", "kids-zh-", 6);
}

TEST(SampleGolden, DrugActionStoryboardInEnglishAndChinese) {
  expect_storyboard_goldens("drug-action", "en", "drug-action-en-", 7);
  expect_storyboard_goldens("drug-action", "zh", "drug-action-zh-", 7);
}

// The explore step is shown with its first visit chosen: its marker highlighted and
// labelled, its details on the panel.
TEST(SampleGolden, VisitScheduleStoryboardInEnglishAndChinese) {
  expect_storyboard_goldens("visit-schedule", "en", "visit-schedule-en-", 7);
  expect_storyboard_goldens("visit-schedule", "zh", "visit-schedule-zh-", 7);
}

// The couch is in the bore at the slide and scan steps (the scan's moment is at the start
// of its looping knock, so at rest), and out again from the question on.
TEST(SampleGolden, MriScanStoryboardInEnglishAndChinese) {
  expect_storyboard_goldens("mri-scan", "en", "mri-scan-en-", 8);
  expect_storyboard_goldens("mri-scan", "zh", "mri-scan-zh-", 8);
}

TEST(SampleGolden, StoryboardFramesMatchTheirGoldens) {
  expect_storyboard_goldens("blood-draw", "en", "sample-", 7);
  expect_storyboard_goldens("blood-draw", "zh", "sample-zh-", 7);
}

}  // namespace
}  // namespace trialxr::testing
