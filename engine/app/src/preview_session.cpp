#include "trialxr/app/preview_session.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <optional>
#include <ostream>

#include "session_audio.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/core/check.h"
#include "trialxr/desktop/desktop_host.h"
#include "trialxr/headless/rgba_image.h"
#include "trialxr/live/live_build.h"
#include "trialxr/scene/player.h"
#include "trialxr/scene/storyboard.h"
#include "trialxr/stage/camera.h"
#include "trialxr/stage/frame_input.h"
#include "trialxr/stage/panel_follower.h"
#include "trialxr/stage/pointer.h"
#include "trialxr/stage/ui_layout.h"
#include "trialxr/text/font_set.h"

namespace trialxr::app {

namespace {

using Clock = std::chrono::steady_clock;

// One loaded bundle and what the tools derive from it once.
struct LoadedScene {
  std::vector<std::byte> bytes;  // the bundle, when it came from a build
  std::optional<bundle::Bundle> bundle;
  std::unique_ptr<scene::Player> player;
  std::vector<scene::StepMoment> moments;  // the scripted run's settled moment of each step
  scene::Micros end_time = 0;              // where the scripted run ends
};

std::string_view cue_name(bundle::CueOp op) {
  static constexpr std::string_view kNames[] = {
      "say",      "show",          "hide",        "move",  "rotate",  "scale",   "play",
      "stop",     "highlight",     "unhighlight", "label", "unlabel", "look at", "wait",
      "wait say", "wait continue", "together",    "quiz",  "goto",    "end"};
  const auto i = static_cast<std::size_t>(op);
  return i < std::size(kNames) ? kNames[i] : "?";
}

std::vector<std::string> interface_fonts() {
  std::vector<std::string> files;
  for (const char* language : {"en", "zh"}) {
    if (auto fonts = text::FontSet::open(language, {})) files.push_back(fonts->info(0).file);
  }
  return files;
}

double seconds(scene::Micros t) {
  return static_cast<double>(t) / 1e6;
}

}  // namespace

struct PreviewSession::Impl {
  PreviewOptions options;
  std::unique_ptr<desktop::DesktopHost> host;
  std::unique_ptr<live::LiveBuild> live;
  std::unique_ptr<LoadedScene> scene;
  std::unique_ptr<SessionAudio> sound;
  std::string diagnostics;
  std::size_t warnings = 0;
  bool errors = false;
  std::uint64_t generation = 0;
  bool playing = true;
  bool step_once = false;
  stage::SeatedCamera camera;
  stage::PanelFollower follower;
  stage::UiFrame ui;
  render::FrameInput input;
  std::vector<render::View> views;
  std::string status;
  int screenshots = 0;
  std::optional<Clock::time_point> change_seen;  // a rebuild is waiting for its first frame
  double reload_ms = -1.0;                       // save -> first frame with the change

  // Makes `next` the scene; keeps the time, inputs and language of the one it replaces.
  Status install(std::unique_ptr<LoadedScene> next) {
    if (auto s = host->renderer().load(*next->bundle); !s) return s;
    std::uint32_t language = 0;
    const auto languages = next->bundle->languages();
    for (std::uint32_t l = 0; l < languages.size(); ++l)
      if (next->bundle->string(languages[l]) == options.language) language = l;
    if (scene) language = scene->player->frame().language;
    next->player = std::make_unique<scene::Player>(*next->bundle, scene::PlayerOptions{language});
    scene::GuidedRun run = scene::guided_run(*next->bundle, {language});
    next->end_time = run.end_time;
    next->moments = scene::storyboard_moments(*next->bundle, {language});
    if (scene) {
      next->player->load_inputs(scene->player->inputs());
      next->player->seek(scene->player->time());
      if (language < languages.size()) next->player->set_language(language);
    }
    scene = std::move(next);
    if (sound) sound->set_bundle(&*scene->bundle);  // the old scene's voice goes with it
    return {};
  }

  void take_build() {
    if (!live) return;
    std::optional<live::BuildOutcome> outcome = live->take();
    if (!outcome) return;
    generation = outcome->generation;
    diagnostics = outcome->diagnostics;
    warnings = outcome->warnings;
    errors = !outcome->ok;
    if (!outcome->ok) return;
    auto next = std::make_unique<LoadedScene>();
    next->bytes = std::move(outcome->bundle);
    auto opened = bundle::Bundle::open_bytes(next->bytes, {bundle::TrustPolicy::allow_unsigned, {}},
                                             options.file);
    if (!opened) {
      errors = true;
      diagnostics = opened.error().message;
      return;
    }
    next->bundle.emplace(std::move(*opened));
    if (auto s = install(std::move(next)); !s) {
      errors = true;
      diagnostics = s.error().message;
      return;
    }
    change_seen = outcome->change_seen;
  }

  void camera_controls(double dt) {
    ImGuiIO& io = ImGui::GetIO();
    if (!io.WantCaptureMouse && ImGui::IsMouseDown(ImGuiMouseButton_Right)) {
      camera.yaw_degrees -= io.MouseDelta.x * 0.15f;
      camera.pitch_degrees =
          std::clamp(camera.pitch_degrees - io.MouseDelta.y * 0.15f, -80.0f, 80.0f);
    }
    if (io.WantCaptureKeyboard) return;
    GLFWwindow* w = host->window().handle();
    const float step = static_cast<float>(dt) * 0.5f;  // 0.5 m/s
    const float yaw = glm::radians(camera.yaw_degrees);
    const glm::vec3 forward(-std::sin(yaw), 0.0f, -std::cos(yaw));
    const glm::vec3 right(std::cos(yaw), 0.0f, -std::sin(yaw));
    glm::vec3 move(0.0f);
    if (glfwGetKey(w, GLFW_KEY_W) == GLFW_PRESS) move += forward;
    if (glfwGetKey(w, GLFW_KEY_S) == GLFW_PRESS) move -= forward;
    if (glfwGetKey(w, GLFW_KEY_D) == GLFW_PRESS) move += right;
    if (glfwGetKey(w, GLFW_KEY_A) == GLFW_PRESS) move -= right;
    // Small moves only: the patient sits; the preview may lean, not walk.
    const glm::vec3 home = stage::SeatedCamera{}.eye;
    camera.eye =
        home + glm::clamp(camera.eye + move * step - home, glm::vec3(-0.5f), glm::vec3(0.5f));
    if (glfwGetKey(w, GLFW_KEY_R) == GLFW_PRESS) camera = stage::SeatedCamera{};
  }

  // A left click on one of the interface's buttons in the scene (mono view only).
  void click_world_buttons() {
    if (!scene || options.stereo || views.empty()) return;
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantCaptureMouse || !ImGui::IsMouseClicked(ImGuiMouseButton_Left)) return;
    const VkExtent2D e = host->view_extent(false);
    const glm::vec2 ndc(
        2.0f * io.MousePos.x * io.DisplayFramebufferScale.x / static_cast<float>(e.width) - 1.0f,
        2.0f * io.MousePos.y * io.DisplayFramebufferScale.y / static_cast<float>(e.height) - 1.0f);
    const glm::mat4 inv = glm::inverse(views[0].projection * views[0].view);
    glm::vec4 a = inv * glm::vec4(ndc, 0.0f, 1.0f);
    glm::vec4 b = inv * glm::vec4(ndc, 1.0f, 1.0f);
    const glm::vec3 origin = glm::vec3(a) / a.w;
    const glm::vec3 dir = glm::normalize(glm::vec3(b) / b.w - origin);
    if (auto hit = stage::hit_button(ui.buttons, {origin, dir})) press(ui.buttons[hit->button]);
  }

  void press(const stage::UiButton& button) {
    scene::Player& p = *scene->player;
    switch (button.kind) {
      case stage::UiButtonKind::option:
        p.choose(button.option);
        break;
      case stage::UiButtonKind::continue_scene:
        p.press_continue();
        break;
      case stage::UiButtonKind::ask_coordinator:
        if (p.frame().coordinator_requested) {
          p.dismiss_coordinator();
        } else {
          p.ask_coordinator();
        }
        break;
    }
  }

  void tools();
  void overlays();
};

// [SECTION] the review tools

void PreviewSession::Impl::tools() {
  ImGui::SetNextWindowPos(ImVec2(10, 10), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(380, 560), ImGuiCond_FirstUseEver);
  ImGui::Begin("Review");
  ImGui::TextUnformatted(std::filesystem::path(options.file).filename().string().c_str());
  if (live)
    ImGui::Text("build %llu%s", static_cast<unsigned long long>(generation),
                errors ? " (failed: showing the last good scene)" : "");
  if (!scene) {
    ImGui::TextUnformatted("No scene yet: the first build has errors.");
    ImGui::End();
    return;
  }
  scene::Player& p = *scene->player;
  const bundle::Bundle& b = *scene->bundle;
  const scene::FrameState& f = p.frame();

  if (ImGui::Button(playing ? "Pause" : "Play")) playing = !playing;
  ImGui::SameLine();
  if (ImGui::Button("Step")) {
    playing = false;
    step_once = true;
  }
  ImGui::SameLine();
  if (ImGui::Button("Restart")) p.seek(0);
  ImGui::SameLine();
  if (ImGui::Button("Scripted run")) {  // answer as the storyboard does from here on
    scene::GuidedRun run = scene::guided_run(b, {f.language});
    const scene::Micros now = p.time();
    p.load_inputs(run.inputs);
    p.seek(now);
  }

  // Timeline with a marker at each step's settled moment.
  float t = static_cast<float>(seconds(p.time()));
  const float end = static_cast<float>(std::max(seconds(scene->end_time), seconds(p.time())));
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderFloat("##time", &t, 0.0f, std::max(end, 0.001f), "%.2f s"))
    p.seek(static_cast<scene::Micros>(static_cast<double>(t) * 1e6));
  const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (const scene::StepMoment& m : scene->moments) {
    const float x =
        lo.x + (hi.x - lo.x) * static_cast<float>(seconds(m.time)) / std::max(end, 0.001f);
    draw->AddLine(ImVec2(x, lo.y), ImVec2(x, lo.y + 5), IM_COL32(255, 180, 40, 255), 2.0f);
  }

  // Language.
  const auto languages = b.languages();
  std::string current(b.string(languages[f.language]));
  if (ImGui::BeginCombo("language", current.c_str())) {
    for (std::uint32_t l = 0; l < languages.size(); ++l) {
      std::string tag(b.string(languages[l]));
      if (ImGui::Selectable(tag.c_str(), l == f.language)) p.set_language(l);
    }
    ImGui::EndCombo();
  }
  ImGui::Text("audience: %s", b.meta().audience == bundle::Audience::adult ? "adult" : "child");
  bool vsync = host->vsync();
  if (ImGui::Checkbox("vsync", &vsync)) host->set_vsync(vsync);
  if (sound->available()) {
    audio::AudioSettings a = sound->settings();
    bool changed = ImGui::Checkbox("mute", &a.muted);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("mono audio", &a.mono);
    ImGui::SetNextItemWidth(160);
    changed |= ImGui::SliderFloat("volume", &a.volume, 0.0f, 1.0f, "%.2f");
    if (changed) sound->apply(a);
  }
  if (!sound->problem().empty()) ImGui::TextWrapped("sound: %s", sound->problem().c_str());
  if (f.subtitle_line != bundle::kNone) {
    if (const bundle::NarrationRecord* n = b.narration(f.subtitle_line, f.language)) {
      ImGui::Text("narration: %s%s", std::string(b.string(n->source)).c_str(),
                  (n->flags & bundle::kNarrationSynthesised) ? " (draft)" : "");
    }
  }
  ImGui::SameLine();
  ImGui::Checkbox("stereo", &options.stereo);

  // Steps: jump to any, as the scripted run reaches it.
  if (ImGui::CollapsingHeader("Steps", ImGuiTreeNodeFlags_DefaultOpen)) {
    for (const scene::StepMoment& m : scene->moments) {
      std::string label = fmt::format("{}##{}", b.string(b.steps()[m.step].name), m.time);
      if (ImGui::Selectable(label.c_str(), f.step == m.step)) {
        p.load_inputs(m.inputs);
        p.seek(m.time);
      }
    }
  }

  // The patient's choices: quiz answers (every branch), Continue, the coordinator.
  if (ImGui::CollapsingHeader("Patient", ImGuiTreeNodeFlags_DefaultOpen)) {
    if (f.quiz.visible && !f.quiz.answered) {
      ImGui::TextWrapped("%s", std::string(b.text(f.quiz.question_line, f.language)).c_str());
      for (std::uint32_t i = 0; i < f.quiz.options.size(); ++i) {
        const scene::QuizOptionView& o = f.quiz.options[i];
        const bool explore = f.quiz.kind == bundle::QuizKind::explore;
        std::string label = fmt::format("{} {}##option{}",
                                        explore     ? (o.chosen ? "(shown)" : "(visit)")
                                        : o.correct ? "(correct)"
                                                    : "(wrong)",
                                        b.text(o.line, f.language), i);
        if (ImGui::Button(label.c_str())) p.choose(i);
      }
    }
    if (f.waiting_for_continue && ImGui::Button("Continue")) p.press_continue();
    bool asked = f.coordinator_requested;
    if (ImGui::Checkbox("asked for the coordinator", &asked)) {
      if (asked) {
        p.ask_coordinator();
      } else {
        p.dismiss_coordinator();
      }
    }
  }

  // The current step's cues.
  if (f.step != bundle::kNone && ImGui::CollapsingHeader("Cues", ImGuiTreeNodeFlags_DefaultOpen)) {
    const bundle::StepRecord& s = b.steps()[f.step];
    for (std::uint32_t i = 0; i < s.cue_count; ++i) {
      const bundle::CueRecord& c = b.cues()[s.first_cue + i];
      std::string line = fmt::format("{:>3}  {}", c.source_line, cue_name(c.op));
      if (c.line != bundle::kNone) line += fmt::format(" \"{}\"", b.text(c.line, f.language));
      ImGui::TextUnformatted(line.c_str());
    }
  }

  if (!diagnostics.empty() &&
      ImGui::CollapsingHeader(
          fmt::format("Compiler messages ({} warnings)###messages", warnings).c_str())) {
    ImGui::TextUnformatted(diagnostics.c_str());
  }

  if (ImGui::Button("Screenshot")) {
    auto image = host->capture(input);
    std::string path = fmt::format("trialxr-screenshot-{:03}.png", ++screenshots);
    if (!image) {
      status = image.error().message;
    } else if (auto w = headless::write_png(path, *image); !w) {
      status = w.error().message;
    } else {
      status = "wrote " + std::filesystem::absolute(path).string();
    }
  }
  if (!status.empty()) ImGui::TextWrapped("%s", status.c_str());
  ImGui::End();
}

void PreviewSession::Impl::overlays() {
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  // A bundle no trusted key signed is never shown to patients: say so on every frame.
  const bool unsigned_scene =
      scene && scene->bundle->signature_status() != bundle::SignatureStatus::trusted;
  if (unsigned_scene) {
    const char* mark = "NOT FOR PATIENTS - unsigned preview";
    const ImVec2 text = ImGui::CalcTextSize(mark);
    const ImVec2 at((size.x - text.x) * 0.5f, 8.0f);
    fg->AddRectFilled(ImVec2(at.x - 8, at.y - 4), ImVec2(at.x + text.x + 8, at.y + text.y + 4),
                      IM_COL32(150, 0, 0, 220), 4.0f);
    fg->AddText(at, IM_COL32(255, 255, 255, 255), mark);
  }
  // The patient asked for the coordinator: nobody may miss it.
  if (scene && scene->player->frame().coordinator_requested) {
    const char* flag = "The patient asks for the coordinator";
    const ImVec2 text = ImGui::CalcTextSize(flag);
    const ImVec2 at((size.x - text.x) * 0.5f, 40.0f);
    fg->AddRectFilled(ImVec2(at.x - 12, at.y - 8), ImVec2(at.x + text.x + 12, at.y + text.y + 8),
                      IM_COL32(200, 120, 0, 240), 6.0f);
    fg->AddText(at, IM_COL32(0, 0, 0, 255), flag);
  }
  // Frame times.
  std::string times = fmt::format("frame {:.1f} ms  cpu {:.2f} ms",
                                  host->last_frame_seconds() * 1e3, host->last_cpu_seconds() * 1e3);
  if (reload_ms >= 0.0) times += fmt::format("  reload {:.0f} ms", reload_ms);
  const ImVec2 text = ImGui::CalcTextSize(times.c_str());
  fg->AddText(ImVec2(size.x - text.x - 10, size.y - text.y - 8), IM_COL32(20, 20, 20, 255),
              times.c_str());
  // A failed build: its messages over the last good scene until the next good build.
  if (errors) {
    ImGui::SetNextWindowPos(ImVec2(size.x * 0.5f, size.y - 10), ImGuiCond_Always,
                            ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(size.x * 0.9f, 0), ImGuiCond_Always);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(90, 10, 10, 235));
    ImGui::Begin("Build failed", nullptr,
                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::TextUnformatted(
        scene ? "The scene below is the last good build. Fix the script and save."
              : "Fix the script and save; the scene appears with the first good build.");
    ImGui::Separator();
    ImGui::TextUnformatted(diagnostics.c_str());
    ImGui::End();
    ImGui::PopStyleColor();
  }
}

// [SECTION] the session

PreviewSession::PreviewSession() : impl_(std::make_unique<Impl>()) {}
PreviewSession::~PreviewSession() = default;

Result<std::unique_ptr<PreviewSession>> PreviewSession::open(const PreviewOptions& options) {
  std::unique_ptr<PreviewSession> session(new PreviewSession());
  Impl& m = *session->impl_;
  m.options = options;
  if (!std::filesystem::exists(options.file))
    return fail(fmt::format("{}: no such file", options.file));
  const bool script = std::filesystem::path(options.file).extension() != ".trxb";

  desktop::DesktopDesc desc;
  desc.title =
      fmt::format("TrialXR preview - {}", std::filesystem::path(options.file).filename().string());
  desc.width = options.width;
  desc.height = options.height;
  desc.vsync = options.vsync;
  desc.ui_fonts = interface_fonts();
  desc.renderer.device.validation = options.validate;
  auto host = desktop::DesktopHost::create(desc);
  if (!host) return tl::unexpected(std::move(host.error()));
  m.host = std::move(*host);
  m.sound = std::make_unique<SessionAudio>(AudioChoice{
      options.audio_device, {options.volume, options.mute, options.mono_audio}, options.audio});

  if (script) {
    auto live = live::LiveBuild::start(options.file);
    if (!live) return tl::unexpected(std::move(live.error()));
    m.live = std::move(*live);
    m.live->wait(std::chrono::seconds(60));  // the first build, before the first frame
    m.take_build();
  } else {
    auto next = std::make_unique<LoadedScene>();
    auto opened = bundle::Bundle::open(options.file, {bundle::TrustPolicy::allow_unsigned, {}});
    if (!opened) return tl::unexpected(std::move(opened.error()));
    next->bundle.emplace(std::move(*opened));
    if (auto s = m.install(std::move(next)); !s) return tl::unexpected(s.error());
  }
  if (m.scene && !options.language.empty()) {
    bool found = false;
    for (bundle::StrRef l : m.scene->bundle->languages())
      found |= m.scene->bundle->string(l) == options.language;
    if (!found) return fail(fmt::format("{} has no language '{}'", options.file, options.language));
  }
  return session;
}

bool PreviewSession::frame() {
  Impl& m = *impl_;
  if (m.host->window().should_close()) return false;
  if (!m.host->begin_frame()) return !m.host->window().should_close();
  m.take_build();
  const double dt = m.options.fixed_step > 0.0 ? m.options.fixed_step
                                               : std::clamp(m.host->last_frame_seconds(), 0.0, 0.1);
  m.camera_controls(dt);
  if (m.scene && (m.playing || m.step_once)) {
    m.scene->player->tick(m.step_once ? 1.0 / 30.0 : dt);
    m.step_once = false;
  }
  m.tools();
  m.overlays();

  const VkExtent2D e = m.host->view_extent(m.options.stereo);
  m.views = stage::camera_views(m.camera, e.width, e.height, m.options.stereo);
  const float yaw = m.follower.update(m.camera.yaw_degrees, static_cast<float>(dt));
  if (m.scene) {
    stage::build_frame_input(m.scene->player->frame(), m.views, *m.scene->bundle,
                             {m.camera.eye, yaw}, m.ui, m.input);
  } else {
    m.input = {};
    m.input.views = m.views;
  }
  m.click_world_buttons();
  if (m.scene) {
    // The review tools' pause stops the player's clock without pausing the player.
    scene::FrameState heard = m.scene->player->frame();
    heard.paused |= !m.playing;
    const glm::quat head = glm::angleAxis(glm::radians(m.camera.yaw_degrees), glm::vec3(0, 1, 0)) *
                           glm::angleAxis(glm::radians(m.camera.pitch_degrees), glm::vec3(1, 0, 0));
    m.sound->update(heard, m.camera.eye, head);
  }
  if (auto s = m.host->end_frame(m.input); !s) {
    m.status = s.error().message;
    m.host->window().request_close();
  }
  if (m.change_seen) {
    m.reload_ms = std::chrono::duration<double, std::milli>(Clock::now() - *m.change_seen).count();
    m.change_seen.reset();
  }
  return !m.host->window().should_close();
}

bool PreviewSession::has_scene() const {
  return impl_->scene != nullptr;
}
const scene::FrameState& PreviewSession::state() const {
  TRIALXR_CHECK(impl_->scene != nullptr);
  return impl_->scene->player->frame();
}
std::uint64_t PreviewSession::build_generation() const {
  return impl_->generation;
}
bool PreviewSession::showing_errors() const {
  return impl_->errors;
}
const std::string& PreviewSession::diagnostics() const {
  return impl_->diagnostics;
}
std::string PreviewSession::text(std::uint32_t line) const {
  if (!impl_->scene || line >= impl_->scene->bundle->lines().size()) return {};
  return std::string(impl_->scene->bundle->text(line, state().language));
}
std::uint32_t PreviewSession::validation_messages() const {
  auto log = impl_->host->renderer().validation_log();
  return log ? log->count() : 0;
}
Result<headless::RgbaImage> PreviewSession::screenshot() {
  return impl_->host->capture(impl_->input);
}
bool PreviewSession::play(bool playing) {
  return std::exchange(impl_->playing, playing);
}

int run_preview(const PreviewOptions& options, std::uint32_t frames, const std::string& screenshot,
                std::ostream& out, std::ostream& err) {
  auto session = PreviewSession::open(options);
  if (!session) {
    err << "trialxr: " << session.error().message << "\n";
    return 2;
  }
  std::uint32_t n = 0;
  while ((*session)->frame()) {
    if (frames > 0 && ++n >= frames) break;
  }
  if (!screenshot.empty()) {
    auto image = (*session)->screenshot();
    if (!image) {
      err << "trialxr: " << image.error().message << "\n";
      return 2;
    }
    if (auto w = headless::write_png(screenshot, *image); !w) {
      err << "trialxr: " << w.error().message << "\n";
      return 2;
    }
    out << "wrote " << screenshot << "\n";
  }
  if ((*session)->showing_errors()) err << (*session)->diagnostics();
  if (options.validate && (*session)->validation_messages() > 0) {
    err << fmt::format("trialxr: the Vulkan validation layer reported {} message(s)\n",
                       (*session)->validation_messages());
    return 2;
  }
  return 0;
}

}  // namespace trialxr::app
