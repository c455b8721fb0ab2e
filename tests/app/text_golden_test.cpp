// Golden images of the patient's interface in both of the sample scene's languages:
// subtitles and a label with its leader line (tourniquet, vein) and the quiz panel
// (check), rendered through `trialxr render --storyboard` with a narrow field of view, so
// that the text has about as many pixels per degree as in a headset.
#include <gtest/gtest.h>
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

class TextGolden : public ::testing::TestWithParam<const char*> {};

TEST_P(TextGolden, InterfaceMatchesItsGoldens) {
  const std::string language = GetParam();
  TempDir dir;
  auto compiled = compiler::compile_scene((source_dir() / "scenes/blood-draw.txs").string());
  ASSERT_TRUE(compiled && compiled->ok());
  std::string bundle = dir.file("blood-draw.trxb");
  ASSERT_TRUE(compiler::write_bundle_file(bundle, compiled->content));
  std::ostringstream out, err;
  std::string folder = dir.file("storyboard");
  int code = app::run_player_cli({"render", bundle, "--storyboard", folder, "--size", "640x360",
                                  "--fov", "30", "--lang", language, "--validate"},
                                 out, err);
  ASSERT_EQ(code, 0) << err.str();
  for (const char* image : {"02-tourniquet", "03-vein", "06-check"}) {
    auto actual = headless::read_png(folder + "/" + image + ".png");
    ASSERT_TRUE(actual) << actual.error().message;
    std::string failure = check_golden("text-" + language + "-" + std::string(image + 3), *actual);
    EXPECT_TRUE(failure.empty()) << failure;
  }
}

INSTANTIATE_TEST_SUITE_P(Languages, TextGolden, ::testing::Values("en", "zh"),
                         [](const ::testing::TestParamInfo<const char*>& p) {
                           return std::string(p.param);
                         });

}  // namespace
}  // namespace trialxr::testing
