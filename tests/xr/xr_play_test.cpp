// `trialxr play` in a (headless) headset: a signed bundle plays to FOCUSED and both eyes
// are submitted (the left compared with a golden image) with their depth
// (XR_KHR_composition_layer_depth), or without it when the runtime does not offer the
// extension; quizzes answered by controller select (with a haptic tick) and by gaze alone;
// focus loss pauses; a lost session ends with a message; an AR blend mode clears to
// transparent; unsigned bundles are refused.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <unistd.h>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#define GLM_ENABLE_EXPERIMENTAL
#include <glm/gtc/quaternion.hpp>
#include <glm/gtx/quaternion.hpp>
#include <sstream>
#include <thread>

#include "cli_run.h"
#include "image_compare.h"
#include "temp_dir.h"
#include "trialxr/app/player_cli.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/compiler/signing_key.h"
#include "trialxr/core/file_io.h"
#include "trialxr/records/record_file.h"
#include "trialxr/records/study_key.h"
#include "trialxr/scene/player.h"
#include "trialxr/stage/ui_layout.h"
#include "trialxr/xr/xr_host.h"
#include "trialxr_test_runtime.h"

namespace trialxr::testing {
namespace {

// The runtime's control API, from the same library the loader opens.
struct Runtime {
  void* lib = dlopen(TRIALXR_TEST_RUNTIME_LIBRARY, RTLD_NOW | RTLD_LOCAL);
  template <class F>
  F get(const char* name) const {
    return reinterpret_cast<F>(dlsym(lib, name));
  }
  void reset() const { get<PFN_trialxr_test_reset>("trialxr_test_reset")(); }
  void head(const glm::quat& q) const {
    get<PFN_trialxr_test_set_head_pose>("trialxr_test_set_head_pose")(
        XrPosef{{q.x, q.y, q.z, q.w}, {0, 0, 0}});
  }
  TrialxrTestFrame last_frame() const {
    TrialxrTestFrame frame{};
    EXPECT_TRUE(get<PFN_trialxr_test_last_frame>("trialxr_test_last_frame")(&frame));
    return frame;
  }
  // A view of the last projection layer as RGBA8.
  headless::RgbaImage view(std::uint32_t eye) const {
    auto read = get<PFN_trialxr_test_read_view>("trialxr_test_read_view");
    headless::RgbaImage image;
    EXPECT_TRUE(read(eye, &image.width, &image.height, nullptr, 0));
    image.pixels.resize(std::size_t{image.width} * image.height * 4);
    EXPECT_TRUE(read(eye, &image.width, &image.height, image.pixels.data(), image.pixels.size()));
    return image;
  }
  // The depth that view chained; empty when it chained none.
  std::vector<float> depth(std::uint32_t eye, std::uint32_t& width, std::uint32_t& height) const {
    auto read = get<PFN_trialxr_test_read_depth>("trialxr_test_read_depth");
    if (!read(eye, &width, &height, nullptr, 0)) return {};
    std::vector<float> values(std::size_t{width} * height);
    EXPECT_TRUE(read(eye, &width, &height, values.data(), values.size()));
    return values;
  }
};

const Runtime& runtime() {
  static Runtime r;
  return r;
}

using PlayRun = CliRun;

PlayRun play(const std::vector<std::string>& args) {
  return run_cli(app::run_player_cli, args);
}

// A bundle signed with a fresh key; returns its path and the public key's path.
std::pair<std::string, std::string> signed_bundle(const TempDir& dir, const std::string& script) {
  auto compiled = compiler::compile_scene(script);
  EXPECT_TRUE(compiled && compiled->ok()) << (compiled ? compiled->rendered() : "");
  const compiler::SigningKey key = compiler::SigningKey::generate();
  auto paths = compiler::save_key_pair(key, dir.file("study"));
  EXPECT_TRUE(paths);
  const std::string bundle = dir.file("scene.trxb");
  EXPECT_TRUE(compiler::write_bundle_file(bundle, compiled->content, &key));
  return {bundle, paths->public_path};
}

// A scene whose first step asks a question.
std::string quiz_script(const TempDir& dir) {
  return dir.write("quiz.txs",
                   "scene quiz\n"
                   "  title \"Quiz\" #line:title\n"
                   "  study S-1\n"
                   "  version 1.0.0\n"
                   "  languages en\n"
                   "box card\n"
                   "  size 0.2 0.02 0.1\n"
                   "  at 0 0.9 -0.8\n"
                   "step ask\n"
                   "  quiz q\n"
                   "    ask \"Is the card on the table?\" #line:q\n"
                   "    option \"Yes\" correct #line:a\n"
                   "    option \"No\" #line:b\n"
                   "  end\n");
}

// The head orientation (in LOCAL, origin at the eyes) looking at option `index` of the
// quiz as the patient first sees it.
glm::quat look_at_option(const std::string& bundle_path, std::uint32_t index) {
  auto b = bundle::Bundle::open(bundle_path, {bundle::TrustPolicy::allow_unsigned, {}});
  EXPECT_TRUE(b);
  scene::Player player(*b);
  const scene::FrameState& f = player.tick(0.0);
  EXPECT_TRUE(f.quiz.visible);
  stage::UiFrame ui;
  stage::build_ui(*b, f, {}, ui);
  EXPECT_GT(ui.buttons.size(), index);
  const glm::vec3 dir = glm::normalize(ui.buttons[index].center - glm::vec3(0.0f, 1.2f, 0.0f));
  return glm::rotation(glm::vec3(0, 0, -1), dir);
}

class XrPlay : public ::testing::Test {
 protected:
  void SetUp() override {
    // The loader finds the test runtime, and every call passes the core validation layer.
    setenv("XR_RUNTIME_JSON", TRIALXR_TEST_RUNTIME_MANIFEST, 1);
    setenv("XR_ENABLE_API_LAYERS", "XR_APILAYER_LUNARG_core_validation", 1);
    setenv("XR_API_LAYER_PATH", "/usr/share/openxr/1/api_layers/explicit.d", 1);
    // The layer opens this file once per process, with its first message, and appends.
    setenv("XR_CORE_VALIDATION_EXPORT_TYPE", "text", 1);
    setenv("XR_CORE_VALIDATION_FILE_NAME", validation_file().c_str(), 1);
    validation_seen_ = read_file(validation_file()).value_or(std::string()).size();
    ASSERT_NE(runtime().lib, nullptr) << dlerror();
    runtime().reset();
  }
  void TearDown() override {
    // Any message of the OpenXR core validation layer during the test fails it.
    const std::string text = read_file(validation_file()).value_or(std::string());
    if (text.size() > validation_seen_) {
      ADD_FAILURE() << "the OpenXR core validation layer reported:\n"
                    << text.substr(validation_seen_);
    }
  }
  static const std::string& validation_file() {
    static const std::string path =
        (std::filesystem::temp_directory_path() /
         ("trialxr-xr-play-core-validation-" + std::to_string(getpid()) + ".txt"))
            .string();
    return path;
  }
  std::size_t validation_seen_ = 0;
};

// A panel straight ahead of the seated eyes, its front face 1 m away, and nothing else.
std::string panel_script(const TempDir& dir) {
  return dir.write("panel.txs",
                   "scene panel\n"
                   "  title \"Panel\" #line:title\n"
                   "  study S-1\n"
                   "  version 1.0.0\n"
                   "  languages en\n"
                   "box panel\n"
                   "  size 0.4 0.4 0.02\n"
                   "  at 0 1.2 -1.01\n"
                   "step look\n"
                   "  wait 10s\n");
}

// The depth a 0..1 projection with these planes gives a point `distance` in front of the
// eye (near_z < far_z: 0 at the near plane, not reversed).
float depth_at(float distance, float near_z, float far_z) {
  return far_z * (distance - near_z) / ((far_z - near_z) * distance);
}

TEST_F(XrPlay, ASignedBundlePlaysAndBothEyesAreSubmitted) {
  TempDir dir;
  auto [bundle, pub] = signed_bundle(dir, (source_dir() / "scenes/blood-draw.txs").string());
  PlayRun r = play({"play", bundle, "--trust", pub, "--no-mirror", "--validate", "--frames", "45"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("playing on TrialXR test runtime (opaque)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("step welcome"), std::string::npos) << r.out;
  EXPECT_GE(runtime().get<PFN_trialxr_test_frames_ended>("trialxr_test_frames_ended")(), 45u);
  const TrialxrTestFrame frame = runtime().last_frame();
  EXPECT_EQ(frame.projection_views, 2u);
  EXPECT_EQ(frame.blend_mode, XR_ENVIRONMENT_BLEND_MODE_OPAQUE);
  EXPECT_TRUE(frame.depth_submitted);  // the runtime offers XR_KHR_composition_layer_depth
  const headless::RgbaImage left = runtime().view(0);
  std::string failure = check_golden("xr-left-eye-welcome", left);
  EXPECT_TRUE(failure.empty()) << failure;
  // The left eye's depth: the sky behind the subtitle at the centre (the interface writes
  // no depth) keeps the clear value; the table below it is between the planes.
  std::uint32_t width = 0, height = 0;
  const std::vector<float> depth = runtime().depth(0, width, height);
  ASSERT_EQ(width, left.width);
  ASSERT_EQ(height, left.height);
  EXPECT_EQ(depth[std::size_t{height / 2} * width + width / 2], 1.0f);
  const float table = depth[std::size_t{height * 5 / 6} * width + width / 2];
  EXPECT_GT(table, 0.0f);
  EXPECT_LT(table, 1.0f);
}

TEST_F(XrPlay, EachEyeSubmitsItsDepthWhenTheRuntimeOffersIt) {
  TempDir dir;
  auto [bundle, pub] = signed_bundle(dir, panel_script(dir));
  const std::vector<std::string> args = {"play",        bundle,       "--trust",  pub,
                                         "--no-mirror", "--validate", "--frames", "5"};
  PlayRun r = play(args);
  ASSERT_EQ(r.code, 0) << r.err;
  const TrialxrTestFrame submitted = runtime().last_frame();
  EXPECT_TRUE(submitted.depth_submitted);
  EXPECT_EQ(submitted.depth_min, 0.0f);
  EXPECT_EQ(submitted.depth_max, 1.0f);
  EXPECT_EQ(submitted.depth_near_z, 0.05f);  // the host's clip planes, near below far
  EXPECT_EQ(submitted.depth_far_z, 50.0f);
  for (std::uint32_t eye = 0; eye < 2; ++eye) {
    std::uint32_t width = 0, height = 0;
    const std::vector<float> depth = runtime().depth(eye, width, height);
    ASSERT_EQ(depth.size(), std::size_t{640} * 360) << "eye " << eye;
    // The panel faces both eyes 1 m away, at the depth the submitted planes describe; the
    // corner of the view shows nothing.
    EXPECT_NEAR(depth[std::size_t{height / 2} * width + width / 2],
                depth_at(1.0f, submitted.depth_near_z, submitted.depth_far_z), 1e-4f)
        << "eye " << eye;
    EXPECT_EQ(depth[std::size_t{2} * width + 2], 1.0f) << "eye " << eye;
  }
  const headless::RgbaImage with_depth = runtime().view(0);

  // A runtime without the extension gets no depth, and the same picture.
  runtime().reset();
  runtime().get<PFN_trialxr_test_set_depth_extension_offered>(
      "trialxr_test_set_depth_extension_offered")(XR_FALSE);
  r = play(args);
  ASSERT_EQ(r.code, 0) << r.err;
  const TrialxrTestFrame frame = runtime().last_frame();
  EXPECT_EQ(frame.projection_views, 2u);
  EXPECT_FALSE(frame.depth_submitted);
  std::uint32_t width = 0, height = 0;
  EXPECT_TRUE(runtime().depth(0, width, height).empty());
  const CompareResult same = compare_images(runtime().view(0), with_depth, 2);
  EXPECT_TRUE(same.matches({.channel_threshold = 2})) << same.describe();
}

TEST_F(XrPlay, AQuizIsAnsweredWithTheControllerAndATick) {
  TempDir dir;
  auto [bundle, pub] = signed_bundle(dir, quiz_script(dir));
  // The right controller at the eye, aiming at "No", select held from the start.
  const glm::quat aim = look_at_option(bundle, 1);
  runtime().get<PFN_trialxr_test_set_aim_pose>("trialxr_test_set_aim_pose")(
      TRIALXR_TEST_HAND_RIGHT, XrPosef{{aim.x, aim.y, aim.z, aim.w}, {0, 0, 0}});
  runtime().get<PFN_trialxr_test_set_select>("trialxr_test_set_select")(TRIALXR_TEST_HAND_RIGHT,
                                                                        XR_TRUE);
  PlayRun r = play({"play", bundle, "--trust", pub, "--no-mirror", "--validate", "--frames", "20"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("answer q: b (needs discussion)"), std::string::npos) << r.out;
  EXPECT_GE(runtime().get<PFN_trialxr_test_haptics>("trialxr_test_haptics")().pulses, 1u);
}

TEST_F(XrPlay, AQuizIsAnsweredByGazeAlone) {
  TempDir dir;
  auto [bundle, pub] = signed_bundle(dir, quiz_script(dir));
  runtime().get<PFN_trialxr_test_set_controller_connected>("trialxr_test_set_controller_connected")(
      TRIALXR_TEST_HAND_RIGHT, XR_FALSE);
  runtime().head(look_at_option(bundle, 0));
  // 1.5 s of dwell at 90 Hz, and some frames to settle.
  PlayRun r =
      play({"play", bundle, "--trust", pub, "--no-mirror", "--validate", "--frames", "170"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("answer q: a (correct)"), std::string::npos) << r.out;
}

TEST_F(XrPlay, LosingFocusPausesAndRegainingItResumes) {
  TempDir dir;
  auto [bundle, pub] = signed_bundle(dir, (source_dir() / "scenes/blood-draw.txs").string());
  auto frames = runtime().get<PFN_trialxr_test_frames_ended>("trialxr_test_frames_ended");
  auto focus = runtime().get<PFN_trialxr_test_set_focus>("trialxr_test_set_focus");
  std::atomic<bool> done{false};
  std::thread driver([&] {
    auto wait_for = [&](std::uint64_t n) {
      while (!done && frames() < n) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    };
    wait_for(20);
    focus(XR_FALSE);
    wait_for(40);
    focus(XR_TRUE);
  });
  PlayRun r = play({"play", bundle, "--trust", pub, "--no-mirror", "--frames", "70"});
  done = true;
  driver.join();
  ASSERT_EQ(r.code, 0) << r.err;
  const auto paused = r.out.find("paused");
  ASSERT_NE(paused, std::string::npos) << r.out;
  EXPECT_NE(r.out.find("resumed", paused), std::string::npos) << r.out;
}

// Yaw of a head pose in degrees (positive: turned left), from where it looks.
float yaw_of(const glm::quat& q) {
  const glm::vec3 forward = q * glm::vec3(0, 0, -1);
  return glm::degrees(std::atan2(-forward.x, -forward.z));
}

TEST_F(XrPlay, RecentreMakesWhereThePatientLooksStraightAhead) {
  // The patient sits turned 60 degrees left and 30 cm to the side of where the session
  // began; after a recentre the scene is straight ahead of them again.
  runtime().get<PFN_trialxr_test_set_head_pose>("trialxr_test_set_head_pose")(
      XrPosef{{0.0f, std::sin(glm::radians(30.0f)), 0.0f, std::cos(glm::radians(30.0f))},
              {0.3f, 0.0f, 0.0f}});
  auto host = xr::XrHost::create({});
  ASSERT_TRUE(host) << host.error().message;
  xr::XrHost& xr = **host;
  std::optional<xr::Pose> head;
  auto run_frames = [&](int n) {
    for (int i = 0; i < n && xr.running(); ++i) {
      ASSERT_TRUE(xr.poll());
      ASSERT_TRUE(xr.frame([&](const xr::XrFrame& f, render::FrameInput&) { head = f.head; }));
    }
  };
  run_frames(10);
  ASSERT_TRUE(xr.focused());
  ASSERT_TRUE(head);
  EXPECT_NEAR(yaw_of(head->orientation), 60.0f, 0.5f);
  const glm::vec3 before = head->position;
  EXPECT_NEAR(before.x, 0.3f, 1e-3f);
  xr.recenter();
  run_frames(3);
  EXPECT_NEAR(yaw_of(head->orientation), 0.0f, 0.5f);
  EXPECT_NEAR(head->position.x, 0.0f, 1e-3f);
  EXPECT_NEAR(head->position.z, 0.0f, 1e-3f);
  EXPECT_NEAR(head->position.y, before.y, 1e-3f);  // the eye height stays
  xr.request_exit();
  for (int i = 0; i < 20 && xr.running(); ++i) {
    ASSERT_TRUE(xr.poll());
    ASSERT_TRUE(xr.frame([](const xr::XrFrame&, render::FrameInput&) {}));
  }
}

TEST_F(XrPlay, ALostSessionEndsWithAMessage) {
  TempDir dir;
  auto [bundle, pub] = signed_bundle(dir, quiz_script(dir));
  auto frames = runtime().get<PFN_trialxr_test_frames_ended>("trialxr_test_frames_ended");
  std::atomic<bool> done{false};
  std::thread driver([&] {
    while (!done && frames() < 10) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    runtime().get<PFN_trialxr_test_lose_session>("trialxr_test_lose_session")();
  });
  PlayRun r = play({"play", bundle, "--trust", pub, "--no-mirror", "--frames", "100000"});
  done = true;
  driver.join();
  EXPECT_EQ(r.code, app::kExitUsage);
  EXPECT_NE(r.err.find("session was lost"), std::string::npos) << r.err;
}

TEST_F(XrPlay, PassthroughBlendModeClearsToTransparent) {
  TempDir dir;
  auto [bundle, pub] = signed_bundle(dir, quiz_script(dir));
  const XrEnvironmentBlendMode modes[] = {XR_ENVIRONMENT_BLEND_MODE_OPAQUE,
                                          XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND};
  ASSERT_TRUE(
      runtime().get<PFN_trialxr_test_set_blend_modes>("trialxr_test_set_blend_modes")(modes, 2));
  PlayRun r =
      play({"play", bundle, "--trust", pub, "--no-mirror", "--passthrough", "--frames", "5"});
  ASSERT_EQ(r.code, 0) << r.err;
  TrialxrTestFrame frame{};
  ASSERT_TRUE(runtime().get<PFN_trialxr_test_last_frame>("trialxr_test_last_frame")(&frame));
  EXPECT_EQ(frame.blend_mode, XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND);
  auto read = runtime().get<PFN_trialxr_test_read_view>("trialxr_test_read_view");
  std::uint32_t w = 0, h = 0;
  ASSERT_TRUE(read(0, &w, &h, nullptr, 0));
  std::vector<std::uint8_t> rgba(std::size_t{w} * h * 4);
  ASSERT_TRUE(read(0, &w, &h, rgba.data(), rgba.size()));
  EXPECT_EQ(rgba[3], 0u);  // the top-left corner: no scene there, the world shows through
  // Without the preference the runtime's first mode wins.
  runtime().reset();
  ASSERT_TRUE(
      runtime().get<PFN_trialxr_test_set_blend_modes>("trialxr_test_set_blend_modes")(modes, 2));
  ASSERT_EQ(play({"play", bundle, "--trust", pub, "--no-mirror", "--frames", "3"}).code, 0);
  ASSERT_TRUE(runtime().get<PFN_trialxr_test_last_frame>("trialxr_test_last_frame")(&frame));
  EXPECT_EQ(frame.blend_mode, XR_ENVIRONMENT_BLEND_MODE_OPAQUE);
}

TEST_F(XrPlay, TheScriptsDisplayAndSpacePreferencesAreFollowed) {
  TempDir dir;
  std::string script = read_file(quiz_script(dir)).value();
  script.replace(script.find("  languages"), 0, "  display ar\n  space standing\n");
  auto [bundle, pub] = signed_bundle(dir, dir.write("ar.txs", script));
  const XrEnvironmentBlendMode modes[] = {XR_ENVIRONMENT_BLEND_MODE_OPAQUE,
                                          XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND};
  ASSERT_TRUE(
      runtime().get<PFN_trialxr_test_set_blend_modes>("trialxr_test_set_blend_modes")(modes, 2));
  runtime().get<PFN_trialxr_test_set_stage>("trialxr_test_set_stage")(XR_TRUE, 3.0f, 3.0f);
  ASSERT_EQ(play({"play", bundle, "--trust", pub, "--no-mirror", "--frames", "3"}).code, 0);
  TrialxrTestFrame frame{};
  ASSERT_TRUE(runtime().get<PFN_trialxr_test_last_frame>("trialxr_test_last_frame")(&frame));
  EXPECT_EQ(frame.blend_mode, XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND);
  EXPECT_EQ(frame.projection_space, XR_REFERENCE_SPACE_TYPE_STAGE);
  // A headset without passthrough or a stage: the scene still plays, opaque and seated.
  runtime().reset();
  ASSERT_EQ(play({"play", bundle, "--trust", pub, "--no-mirror", "--frames", "3"}).code, 0);
  ASSERT_TRUE(runtime().get<PFN_trialxr_test_last_frame>("trialxr_test_last_frame")(&frame));
  EXPECT_EQ(frame.blend_mode, XR_ENVIRONMENT_BLEND_MODE_OPAQUE);
  EXPECT_EQ(frame.projection_space, XR_REFERENCE_SPACE_TYPE_LOCAL);
}

TEST_F(XrPlay, AnUnsignedBundleShowsANeutralViewAndSaysWhy) {
  TempDir dir;
  auto compiled = compiler::compile_scene(quiz_script(dir));
  ASSERT_TRUE(compiled && compiled->ok());
  const std::string bundle = dir.file("unsigned.trxb");
  ASSERT_TRUE(compiler::write_bundle_file(bundle, compiled->content));
  PlayRun r = play({"play", bundle, "--no-mirror", "--validate", "--frames", "5"});
  EXPECT_EQ(r.code, app::kExitRefused);
  EXPECT_NE(r.err.find("refused"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unsigned"), std::string::npos) << r.err;
  TrialxrTestFrame frame{};
  ASSERT_TRUE(runtime().get<PFN_trialxr_test_last_frame>("trialxr_test_last_frame")(&frame));
  EXPECT_EQ(frame.projection_views, 2u);  // the patient still sees a calm, empty view
}

TEST_F(XrPlay, TheSessionIsSealedIntoTheRecordsFile) {
  TempDir dir;
  auto [bundle, pub] = signed_bundle(dir, quiz_script(dir));
  const records::StudyKeyPair study = records::StudyKeyPair::generate();
  auto study_paths = records::save_study_key_pair(study, dir.file("records-key"));
  ASSERT_TRUE(study_paths) << study_paths.error().message;
  const std::string file = dir.file("sessions.txrr");
  const glm::quat aim = look_at_option(bundle, 1);
  runtime().get<PFN_trialxr_test_set_aim_pose>("trialxr_test_set_aim_pose")(
      TRIALXR_TEST_HAND_RIGHT, XrPosef{{aim.x, aim.y, aim.z, aim.w}, {0, 0, 0}});
  runtime().get<PFN_trialxr_test_set_select>("trialxr_test_set_select")(TRIALXR_TEST_HAND_RIGHT,
                                                                        XR_TRUE);
  PlayRun r = play({"play", bundle, "--trust", pub, "--no-mirror", "--frames", "20",
                    "--participant", "p-0042", "--site", "SITE-1", "--records", file, "--study-key",
                    study_paths->public_path});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("session record 1 sealed"), std::string::npos) << r.out;
  auto read = records::read_records(file, study);
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->records.size(), 1u);
  const records::SessionRecord& rec = read->records[0].record;
  EXPECT_EQ(rec.participant_code, "P-0042");
  EXPECT_EQ(rec.site_id, "SITE-1");
  ASSERT_EQ(rec.answers.size(), 1u);
  EXPECT_EQ(rec.answers[0].quiz, "q");
  EXPECT_FALSE(rec.answers[0].correct);
  EXPECT_EQ(rec.needs_discussion.size(), 1u);

  // Anything that looks like a person's identity is refused before the session starts.
  r = play({"play", bundle, "--trust", pub, "--no-mirror", "--frames", "2", "--participant",
            "Maria Lopez", "--site", "SITE-1", "--records", file, "--study-key",
            study_paths->public_path});
  EXPECT_EQ(r.code, app::kExitUsage);
  EXPECT_NE(r.err.find("--participant"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace trialxr::testing
