// `trialxr render` as a reviewer or a test runs it: one frame, a storyboard, and every
// error a user can cause. Rendering runs on whatever Vulkan driver is present (lavapipe
// in CI) with the validation layer on; any validation message fails the command.
#include <gtest/gtest.h>

#include <cstdlib>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_run.h"
#include "temp_dir.h"
#include "trialxr/app/player_cli.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/core/file_io.h"
#include "trialxr/headless/rgba_image.h"

namespace trialxr::testing {
namespace {

using Run = CliRun;

Run run(const std::vector<std::string>& args) {
  return run_cli(app::run_player_cli, args);
}

// The sample scene, compiled once into this test's folder.
class PlayerCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    auto compiled = compiler::compile_scene((source_dir() / "scenes/blood-draw.txs").string());
    ASSERT_TRUE(compiled && compiled->ok());
    bundle_ = dir_->file("blood-draw.trxb");
    ASSERT_TRUE(compiler::write_bundle_file(bundle_, compiled->content));
  }
  static void TearDownTestSuite() { delete dir_; }
  static TempDir* dir_;
  static std::string bundle_;
};
TempDir* PlayerCli::dir_ = nullptr;
std::string PlayerCli::bundle_;

TEST_F(PlayerCli, RendersOneFrame) {
  std::string png = dir_->file("frame.png");
  auto r = run({"render", bundle_, "--at", "15", "--size", "160x96", "--validate", "-o", png});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("step vein"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("unsigned bundle"), std::string::npos);
  auto image = headless::read_png(png);
  ASSERT_TRUE(image) << image.error().message;
  EXPECT_EQ(image->width, 160u);
  EXPECT_EQ(image->height, 96u);
}

TEST_F(PlayerCli, RendersStereoSideBySide) {
  std::string png = dir_->file("stereo.png");
  auto r =
      run({"render", bundle_, "--at", "1", "--size", "96x64", "--stereo", "--validate", "-o", png});
  ASSERT_EQ(r.code, 0) << r.err;
  auto image = headless::read_png(png);
  ASSERT_TRUE(image);
  EXPECT_EQ(image->width, 192u);
  EXPECT_EQ(image->height, 64u);
}

TEST_F(PlayerCli, StoryboardHasAnImageAndIndexEntryPerStep) {
  std::string folder = dir_->file("storyboard");
  auto r = run({"render", bundle_, "--storyboard", folder, "--size", "128x72", "--lang", "zh",
                "--validate"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto text = read_file(folder + "/index.json");
  ASSERT_TRUE(text);
  auto index = nlohmann::json::parse(*text);
  EXPECT_EQ(index["language"], "zh");
  EXPECT_EQ(index["bundle_hash"].get<std::string>().size(), 64u);
  std::vector<std::string> steps;
  for (const auto& s : index["steps"]) {
    steps.push_back(s["step"]);
    EXPECT_TRUE(std::filesystem::exists(folder + "/" + s["image"].get<std::string>()));
  }
  EXPECT_EQ(steps, (std::vector<std::string>{"welcome", "tourniquet", "vein", "needle", "after",
                                             "check", "goodbye"}));
  EXPECT_EQ(index["steps"][5]["moment"], "quiz");
  EXPECT_EQ(index["steps"][5]["options"].size(), 3u);
  EXPECT_TRUE(std::filesystem::exists(folder + "/index.html"));
}

TEST_F(PlayerCli, UserErrorsAreClear) {
  auto missing = run({"render", dir_->file("none.trxb"), "--at", "1", "-o", dir_->file("x.png")});
  EXPECT_EQ(missing.code, app::kExitUsage);
  EXPECT_NE(missing.err.find("none.trxb: no such file"), std::string::npos) << missing.err;

  std::string corrupt = dir_->write("corrupt.trxb", "TRXBNDL\x1a and then nothing useful");
  auto refused = run({"render", corrupt, "--at", "1"});
  EXPECT_EQ(refused.code, app::kExitRefused);
  EXPECT_NE(refused.err.find("corrupt.trxb"), std::string::npos) << refused.err;

  auto late =
      run({"render", bundle_, "--at", "9999", "--size", "64x64", "-o", dir_->file("late.png")});
  EXPECT_EQ(late.code, app::kExitUsage);
  EXPECT_NE(late.err.find("after the scene's end"), std::string::npos) << late.err;

  auto early = run({"render", bundle_, "--at", "-1", "-o", dir_->file("early.png")});
  EXPECT_EQ(early.code, app::kExitUsage);

  auto lang = run({"render", bundle_, "--at", "1", "--lang", "fr", "--size", "64x64"});
  EXPECT_EQ(lang.code, app::kExitUsage);
  EXPECT_NE(lang.err.find("has no language 'fr'; it has: en, zh"), std::string::npos) << lang.err;

  auto size = run({"render", bundle_, "--at", "1", "--size", "big"});
  EXPECT_EQ(size.code, app::kExitUsage);
  EXPECT_NE(size.err.find("--size 'big'"), std::string::npos);

  auto neither = run({"render", bundle_});
  EXPECT_EQ(neither.code, app::kExitUsage);
  auto both = run({"render", bundle_, "--at", "1", "--storyboard", dir_->file("sb")});
  EXPECT_EQ(both.code, app::kExitUsage);
}

}  // namespace
}  // namespace trialxr::testing

namespace trialxr::testing {
namespace {

// Patient mode without a headset runtime (none is installed here; the XR tests bring
// their own): a clear message, and no silent fallback when refused.
TEST(PlayCli, WithoutARuntimeSaysSoAndRefusesUnsignedBundles) {
  const char* saved = std::getenv("XR_RUNTIME_JSON");
  const std::string keep = saved != nullptr ? saved : "";
  unsetenv("XR_RUNTIME_JSON");
  TempDir dir;
  auto compiled = compiler::compile_scene((source_dir() / "scenes/blood-draw.txs").string());
  ASSERT_TRUE(compiled && compiled->ok());
  const std::string bundle = dir.file("b.trxb");
  ASSERT_TRUE(compiler::write_bundle_file(bundle, compiled->content));

  CliRun r = run({"play", bundle, "--no-fallback", "--no-mirror"});
  EXPECT_EQ(r.code, app::kExitUsage);
  EXPECT_NE(r.err.find("no OpenXR runtime"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("XR_RUNTIME_JSON"), std::string::npos) << r.err;

  // With the fallback allowed, an unsigned bundle is still refused in patient mode.
  r = run({"play", bundle, "--no-mirror"});
  EXPECT_EQ(r.code, app::kExitRefused);
  EXPECT_NE(r.err.find("unsigned"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--trust"), std::string::npos) << r.err;
  if (!keep.empty()) setenv("XR_RUNTIME_JSON", keep.c_str(), 1);
}

}  // namespace
}  // namespace trialxr::testing
