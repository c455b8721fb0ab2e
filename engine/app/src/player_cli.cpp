// [SECTION] arguments
// [SECTION] render: one frame
// [SECTION] render: storyboard
#include "trialxr/app/player_cli.h"
#include "trialxr/app/play_session.h"
#include "trialxr/app/preview_session.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <ostream>

#include "trialxr/app/storyboard_index.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/core/file_io.h"
#include "trialxr/core/hash.h"
#include "trialxr/headless/headless_host.h"
#include "trialxr/scene/player.h"
#include "trialxr/scene/storyboard.h"
#include "trialxr/stage/camera.h"
#include "trialxr/stage/frame_input.h"

namespace trialxr::app {

namespace {

namespace fs = std::filesystem;

// [SECTION] arguments

struct RenderArgs {
  std::string bundle;
  std::optional<double> at;
  std::string storyboard;
  std::string output;
  std::string size = "1280x720";
  bool stereo = false;
  float fov = 60.0f;  // vertical, degrees
  std::string language;
  bool validate = false;
  std::uint32_t width = 0, height = 0;
};

bool parse_size(const std::string& text, std::uint32_t& w, std::uint32_t& h) {
  unsigned long pw = 0, ph = 0;
  char x = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%lu%c%lu%c", &pw, &x, &ph, &extra) != 3 || x != 'x') return false;
  if (pw < 16 || ph < 16 || pw > 8192 || ph > 8192) return false;
  w = static_cast<std::uint32_t>(pw);
  h = static_cast<std::uint32_t>(ph);
  return true;
}

// Everything a render needs once the arguments are checked.
struct Session {
  std::unique_ptr<bundle::Bundle> bundle;
  scene::PlayerOptions options;
  std::unique_ptr<headless::HeadlessHost> host;
};

int usage_error(std::ostream& err, const std::string& message) {
  err << "trialxr: " << message << "\n";
  return kExitUsage;
}

// Opens the bundle and the offscreen renderer; returns an exit code on failure.
std::optional<int> open_session(const RenderArgs& a, Session& s, std::ostream& out,
                                std::ostream& err) {
  std::error_code ec;
  if (!fs::is_regular_file(a.bundle, ec)) {
    return usage_error(err, fmt::format("{}: {}", a.bundle,
                                        fs::exists(a.bundle, ec) ? "not a file" : "no such file"));
  }
  // Rendering is for review and tests: unsigned bundles open, and say so.
  auto opened = bundle::Bundle::open(a.bundle, {bundle::TrustPolicy::allow_unsigned, {}});
  if (!opened) {
    err << "trialxr: refused: " << opened.error().message << "\n";
    return kExitRefused;
  }
  s.bundle = std::make_unique<bundle::Bundle>(std::move(*opened));
  if (s.bundle->signature_status() == bundle::SignatureStatus::unsigned_bundle) {
    out << a.bundle << ": unsigned bundle (preview only, not for patients)\n";
  }
  if (!a.language.empty()) {
    std::vector<std::string> tags;
    for (bundle::StrRef l : s.bundle->languages()) tags.emplace_back(s.bundle->string(l));
    auto it = std::find(tags.begin(), tags.end(), a.language);
    if (it == tags.end()) {
      return usage_error(err, fmt::format("{} has no language '{}'; it has: {}", a.bundle,
                                          a.language, fmt::join(tags, ", ")));
    }
    s.options.language = static_cast<std::uint32_t>(it - tags.begin());
  }
  headless::HeadlessDesc desc;
  desc.width = a.width;
  desc.height = a.height;
  desc.views = a.stereo ? 2 : 1;
  desc.renderer.device.validation = a.validate;
  auto host = headless::HeadlessHost::create(desc);
  if (!host) return usage_error(err, host.error().message);
  s.host = std::move(*host);
  if (auto loaded = s.host->renderer().load(*s.bundle); !loaded) {
    return usage_error(err, fmt::format("{}: {}", a.bundle, loaded.error().message));
  }
  return std::nullopt;
}

Status render_to_png(Session& s, const scene::FrameState& frame, const RenderArgs& a,
                     const std::string& path) {
  render::FrameInput input;
  stage::UiFrame ui;
  stage::SeatedCamera camera;
  camera.vertical_fov_degrees = a.fov;
  stage::build_frame_input(frame, stage::camera_views(camera, a.width, a.height, a.stereo),
                           *s.bundle, {camera.eye, camera.yaw_degrees}, ui, input);
  auto image = s.host->render(input);
  if (!image) return tl::unexpected(image.error());
  return headless::write_png(path, *image);
}

int validation_verdict(const Session& s, std::ostream& err) {
  auto log = s.host ? s.host->renderer().validation_log() : nullptr;
  if (log && log->count() > 0) {
    err << fmt::format("trialxr: the Vulkan validation layer reported {} message(s)\n",
                       log->count());
    return kExitUsage;
  }
  return kExitOk;
}

std::string seconds_text(scene::Micros t) {
  return fmt::format("{:.3f}", static_cast<double>(t) / 1e6);
}

// [SECTION] render: one frame

int render_frame(const RenderArgs& a, std::ostream& out, std::ostream& err) {
  if (*a.at < 0) return usage_error(err, fmt::format("--at {} is before the scene starts", *a.at));
  Session s;
  if (auto code = open_session(a, s, out, err)) return *code;
  scene::GuidedRun run = scene::guided_run(*s.bundle, s.options);
  scene::Micros t = scene::to_micros(*a.at);
  if (t > run.end_time) {
    return usage_error(
        err,
        fmt::format(
            "--at {} is after the scene's end at {} s (played with Continue pressed and quizzes "
            "answered correctly)",
            *a.at, seconds_text(run.end_time)));
  }
  scene::Player player(*s.bundle, s.options);
  player.load_inputs(run.inputs);
  const scene::FrameState& frame = player.seek(t);
  std::string path = a.output.empty() ? "frame.png" : a.output;
  if (auto ok = render_to_png(s, frame, a, path); !ok) return usage_error(err, ok.error().message);
  std::string step = frame.step == bundle::kNone
                         ? "(none)"
                         : std::string(s.bundle->string(s.bundle->steps()[frame.step].name));
  out << fmt::format("wrote {} ({}x{}{}, t = {} s, step {})\n", path, a.width, a.height,
                     a.stereo ? " per eye, stereo" : "", seconds_text(t), step);
  int verdict = validation_verdict(s, err);
  s.host.reset();
  return verdict;
}

// [SECTION] render: storyboard

int render_storyboard(const RenderArgs& a, std::ostream& out, std::ostream& err) {
  Session s;
  if (auto code = open_session(a, s, out, err)) return *code;
  std::error_code ec;
  fs::create_directories(a.storyboard, ec);
  if (ec)
    return usage_error(err,
                       fmt::format("{}: cannot create the folder: {}", a.storyboard, ec.message()));
  StoryboardIndex index;
  index.bundle = fs::path(a.bundle).filename().string();
  index.bundle_hash = to_hex(s.bundle->file_hash());
  index.scene_id = std::string(s.bundle->string(s.bundle->meta().scene_id));
  index.title = std::string(s.bundle->text(s.bundle->meta().title_line, s.options.language));
  index.language = std::string(s.bundle->string(s.bundle->languages()[s.options.language]));
  index.signature = std::string(bundle::signature_status_name(s.bundle->signature_status()));
  auto moments = scene::storyboard_moments(*s.bundle, s.options);
  for (std::size_t i = 0; i < moments.size(); ++i) {
    const scene::StepMoment& m = moments[i];
    scene::Player player(*s.bundle, s.options);
    player.load_inputs(m.inputs);
    const scene::FrameState& frame = player.seek(m.time);
    StoryboardEntry e;
    e.step = std::string(s.bundle->string(s.bundle->steps()[m.step].name));
    e.time_seconds = static_cast<double>(m.time) / 1e6;
    e.moment = std::string(scene::moment_kind_name(m.kind));
    e.image = fmt::format("{:02}-{}.png", i + 1, e.step);
    if (frame.subtitle_line != bundle::kNone)
      e.subtitle = std::string(s.bundle->text(frame.subtitle_line, s.options.language));
    if (frame.quiz.visible) {
      e.question = std::string(s.bundle->text(frame.quiz.question_line, s.options.language));
      for (const auto& o : frame.quiz.options)
        e.options.emplace_back(s.bundle->text(o.line, s.options.language));
    }
    for (const auto& l : frame.labels)
      e.labels.emplace_back(s.bundle->text(l.line, s.options.language));
    std::string path = (fs::path(a.storyboard) / e.image).string();
    if (auto ok = render_to_png(s, frame, a, path); !ok)
      return usage_error(err, ok.error().message);
    out << fmt::format("  {:>7} s  {:<14} {}\n", fmt::format("{:.2f}", e.time_seconds), e.step,
                       path);
    index.entries.push_back(std::move(e));
  }
  for (const auto& [name, text] :
       {std::pair{"index.json", index_json(index)}, std::pair{"index.html", index_html(index)}}) {
    std::string path = (fs::path(a.storyboard) / name).string();
    if (auto ok = write_file_atomic(path, text); !ok) return usage_error(err, ok.error().message);
  }
  int verdict = validation_verdict(s, err);
  out << fmt::format("storyboard: {} steps in {} (open {}/index.html)\n", index.entries.size(),
                     a.storyboard, a.storyboard);
  s.host.reset();
  return verdict;
}

}  // namespace

int run_player_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"trialxr: the TrialXR player", "trialxr"};
  app.require_subcommand(1);
  app.footer("Exit codes: 0 ok, 1 the bundle is refused, 2 usage, file or device problems.");
  RenderArgs a;
  double at = 0;
  auto* render =
      app.add_subcommand("render", "Render a moment of a scene, or its storyboard, to PNG");
  render->add_option("bundle", a.bundle, "The bundle (.trxb)")->required();
  auto* at_opt = render->add_option("--at", at, "The moment to render, in seconds from the start");
  auto* sb_opt = render->add_option("--storyboard", a.storyboard,
                                    "Render every step at its settled moment into this folder, "
                                    "with index.json and index.html");
  at_opt->excludes(sb_opt);
  render->add_option("-o,--output", a.output, "The PNG to write with --at (default frame.png)");
  render->add_option("--size", a.size, "Image size per eye, WxH (default 1280x720)");
  render->add_flag("--stereo", a.stereo, "Both eyes, side by side");
  render
      ->add_option("--fov", a.fov,
                   "Vertical field of view in degrees (default 60; 30 at 1280x720 gives about "
                   "a headset's 24 pixels per degree, to judge text as a patient sees it)")
      ->check(CLI::Range(10.0f, 120.0f));
  render->add_option("--lang", a.language,
                     "Language tag, e.g. en or zh (default: the base language)");
  render->add_flag("--validate", a.validate,
                   "Run with the Vulkan validation layer; any message fails the command");
  PreviewOptions preview;
  std::string preview_size = "1280x720";
  std::uint32_t preview_frames = 0;
  std::string preview_shot;
  bool no_vsync = false;
  auto* pv = app.add_subcommand(
      "preview", "Open a scene script or bundle in the desktop preview (rebuilds scripts on save)");
  pv->add_option("file", preview.file, "The scene script (.txs) or bundle (.trxb)")->required();
  pv->add_option("--lang", preview.language,
                 "Language tag to start in (default: the base language)");
  pv->add_flag("--stereo", preview.stereo, "Both eyes side by side");
  pv->add_flag("--no-vsync", no_vsync, "Present as fast as possible");
  pv->add_option("--size", preview_size, "Window size, WxH (default 1280x720)");
  pv->add_flag("--validate", preview.validate,
               "Run with the Vulkan validation layer; any message fails the command");
  pv->add_option("--frames", preview_frames,
                 "Close after this many frames, each 1/30 s of scene time (automation)");
  pv->add_option("--screenshot", preview_shot, "With --frames: write the last frame to this PNG");
  PlayOptions play;
  bool no_fallback = false, no_mirror = false;
  auto* pl = app.add_subcommand("play", "Play a signed bundle in a headset (patient mode)");
  pl->add_option("bundle", play.bundle, "The bundle (.trxb)")->required();
  pl->add_option("--trust", play.trust, "The study's public key file(s) (.pub)");
  pl->add_option("--lang", play.language, "Language tag to start in");
  pl->add_flag("--no-fallback", no_fallback,
               "Without a headset, fail instead of opening the desktop preview");
  pl->add_flag("--no-mirror", no_mirror, "No coordinator window");
  pl->add_flag("--stage", play.prefer_stage, "Use the STAGE space when the runtime has one");
  pl->add_flag("--passthrough", play.prefer_passthrough,
               "On AR headsets, prefer a passthrough blend mode");
  pl->add_flag("--validate", play.validate, "Run with the Vulkan validation layer");
  pl->add_option("--frames", play.max_frames,
                 "End the session after this many frames (automation)");
  pl->add_option("--participant", play.participant,
                 "Pseudonymous participant code (never a name, date or record number)");
  pl->add_option("--site", play.site, "Site id for the session record");
  pl->add_option("--records", play.records, "Append the sealed session record to this file");
  pl->add_option("--study-key", play.study_key, "The study's public key (.pub) to seal records to");
  bool preview_no_audio = false, play_no_audio = false;
  const auto audio_options = [](CLI::App* cmd, bool& no_audio, std::string& device, float& volume,
                                bool& mute, bool& mono) {
    cmd->add_flag("--no-audio", no_audio, "Open no sound device (subtitles only)");
    cmd->add_option("--audio-device", device, "The sound output, as OpenAL names it")
        ->default_str("the default");
    cmd->add_option("--volume", volume, "Master volume, 0 to 1 (default 1)")
        ->check(CLI::Range(0.0f, 1.0f));
    cmd->add_flag("--mute", mute, "Start muted");
    cmd->add_flag("--mono-audio", mono,
                  "Mono audio: every sound heard in both ears, nothing panned (for hearing in "
                  "one ear)");
  };
  audio_options(pv, preview_no_audio, preview.audio_device, preview.volume, preview.mute,
                preview.mono_audio);
  audio_options(pl, play_no_audio, play.audio_device, play.volume, play.mute, play.mono_audio);
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    if (e.get_name() == "CallForHelp") {
      for (auto* sub : app.get_subcommands()) out << sub->help();
      return kExitOk;
    }
    err << "trialxr: " << e.what() << "\nrun 'trialxr --help' for usage\n";
    return kExitUsage;
  }
  if (pl->parsed()) {
    play.fallback = !no_fallback;
    play.audio = !play_no_audio;
    play.mirror = !no_mirror;
    return run_play(play, out, err);
  }
  if (pv->parsed()) {
    if (!parse_size(preview_size, preview.width, preview.height)) {
      return usage_error(err,
                         fmt::format("--size '{}' is not WxH between 16 and 8192", preview_size));
    }
    preview.vsync = !no_vsync;
    preview.audio = !preview_no_audio;
    if (preview_frames > 0) preview.fixed_step = 1.0 / 30.0;
    return run_preview(preview, preview_frames, preview_shot, out, err);
  }
  if (!parse_size(a.size, a.width, a.height)) {
    return usage_error(
        err, fmt::format("--size '{}' is not WxH between 16 and 8192, e.g. 1280x720", a.size));
  }
  if (at_opt->count() > 0) {
    a.at = at;
    return render_frame(a, out, err);
  }
  if (sb_opt->count() > 0) return render_storyboard(a, out, err);
  return usage_error(err, "render needs --at SECONDS -o FILE.png, or --storyboard DIR");
}

}  // namespace trialxr::app
