#include "trialxr/app/play_session.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <imgui.h>

#include <chrono>
#include <cmath>
#include <optional>
#include <ostream>

#include "session_audio.h"
#include "trialxr/app/preview_session.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/signing_key.h"
#include "trialxr/desktop/desktop_host.h"
#include "trialxr/records/participant_code.h"
#include "trialxr/records/record_file.h"
#include "trialxr/records/session_record.h"
#include "trialxr/records/study_key.h"
#include "trialxr/scene/player.h"
#include "trialxr/scene/storyboard.h"
#include "trialxr/stage/frame_input.h"
#include "trialxr/stage/panel_follower.h"
#include "trialxr/stage/pointer.h"
#include "trialxr/stage/ui_layout.h"
#include "trialxr/xr/xr_host.h"

namespace trialxr::app {

namespace {

constexpr glm::vec4 kNeutral{0.55f, 0.62f, 0.70f, 1.0f};  // a calm, empty view

double seconds_of(scene::Micros t) {
  return static_cast<double>(t) / 1e6;
}

float yaw_degrees(const glm::quat& q) {
  const glm::vec3 f = q * glm::vec3(0, 0, -1);
  return glm::degrees(std::atan2(-f.x, -f.z));
}

// The coordinator's window: the patient's left eye and the session controls.
class Mirror {
 public:
  static std::unique_ptr<Mirror> open(const std::string& title, bool validate, std::ostream& err) {
    desktop::DesktopDesc desc;
    desc.title = title;
    desc.width = 960;
    desc.height = 540;
    desc.renderer.device.validation = validate;
    auto host = desktop::DesktopHost::create(desc);
    if (!host) {
      err << "trialxr: no coordinator mirror: " << host.error().message << "\n";
      return nullptr;
    }
    auto m = std::unique_ptr<Mirror>(new Mirror());
    m->host = std::move(*host);
    return m;
  }
  std::unique_ptr<desktop::DesktopHost> host;
  bool loaded = false;
};

}  // namespace

int run_play(const PlayOptions& o, std::ostream& out, std::ostream& err) {
  // The bundle: patient mode accepts only a valid signature by a trusted key.
  bundle::OpenOptions open;
  open.policy = bundle::TrustPolicy::require_trusted;
  for (const std::string& t : o.trust) {
    auto key = compiler::load_public_key(t);
    if (!key) {
      err << "trialxr: " << key.error().message << "\n";
      return 2;
    }
    open.trusted_keys.push_back(*key);
  }
  // The record's writer first: an identifying code or a missing key stops here, before
  // the patient puts the headset on.
  std::optional<records::RecordWriter> writer;
  std::string participant;
  if (!o.records.empty() || !o.participant.empty()) {
    if (o.records.empty() || o.participant.empty() || o.study_key.empty() || o.site.empty()) {
      err << "trialxr: records need --participant, --site, --records and --study-key together\n";
      return 2;
    }
    auto code = records::validate_participant_code(o.participant);
    if (!code) {
      err << "trialxr: --participant: " << code.error().message << "\n";
      return 2;
    }
    participant = *code;
    auto key = records::load_study_public_key(o.study_key);
    if (!key) {
      err << "trialxr: " << key.error().message << "\n";
      return 2;
    }
    auto w = records::RecordWriter::open(o.records, *key);
    if (!w) {
      err << "trialxr: " << w.error().message << "\n";
      return 2;
    }
    writer.emplace(std::move(*w));
  }
  const auto started = std::chrono::system_clock::now();
  auto bundle = bundle::Bundle::open(o.bundle, open);
  std::string refusal;
  if (!bundle) {
    refusal = bundle.error().message;
    if (o.trust.empty()) refusal += " (give the study's public key with --trust KEY.pub)";
  }

  xr::XrDesc desc;
  // The script's preferences, or the coordinator's flags.
  const bundle::PresentationRecord wants =
      bundle ? bundle->presentation() : bundle::PresentationRecord{};
  desc.prefer_stage = o.prefer_stage || wants.space == bundle::SpacePreference::standing;
  desc.prefer_passthrough = o.prefer_passthrough || wants.display == bundle::DisplayPreference::ar;
  desc.renderer.device.validation = o.validate;
  auto xr_host = xr::XrHost::create(desc);
  if (!xr_host) {
    err << "trialxr: " << xr_host.error().message << "\n";
    if (!o.fallback) return 2;
    if (!bundle) {
      err << "trialxr: " << refusal << "\n";
      return 1;
    }
    err << "trialxr: opening the desktop preview instead (--no-fallback refuses this)\n";
    PreviewOptions preview;
    preview.file = o.bundle;
    preview.language = o.language;
    preview.validate = o.validate;
    preview.audio = o.audio;
    preview.audio_device = o.audio_device;
    preview.volume = o.volume;
    preview.mute = o.mute;
    preview.mono_audio = o.mono_audio;
    return run_preview(preview, o.max_frames, {}, out, err);
  }
  xr::XrHost& xr = **xr_host;
  out << fmt::format("trialxr: playing on {} ({})\n", xr.runtime_name(),
                     xr::blend_mode_name(xr.blend_mode()));

  std::unique_ptr<Mirror> mirror;
  if (o.mirror) mirror = Mirror::open("TrialXR - coordinator mirror", o.validate, err);

  std::optional<scene::Player> player;
  if (bundle) {
    if (auto s = xr.renderer().load(*bundle); !s) {
      err << "trialxr: " << o.bundle << ": " << s.error().message << "\n";
      return 2;
    }
    if (mirror) mirror->loaded = static_cast<bool>(mirror->host->renderer().load(*bundle));
    std::uint32_t language = 0;
    for (std::uint32_t l = 0; l < bundle->languages().size(); ++l)
      if (bundle->string(bundle->languages()[l]) == o.language) language = l;
    player.emplace(*bundle, scene::PlayerOptions{language});
  } else {
    err << "trialxr: refused: " << refusal << "\n";
  }

  SessionAudio sound({o.audio_device, {o.volume, o.mute, o.mono_audio}, o.audio});
  if (player) sound.set_bundle(&*bundle);

  stage::PanelFollower follower;
  stage::GazeDwell dwell;
  stage::UiFrame ui;
  bool was_focused = false;
  bool paused_by_focus = false;
  std::uint32_t frames = 0;
  render::FrameInput mirrored;
  int status = bundle ? 0 : 1;

  auto press = [&](const stage::UiButton& b) {
    scene::Player& p = *player;
    if (b.kind == stage::UiButtonKind::option) p.choose(b.option);
    if (b.kind == stage::UiButtonKind::continue_scene) p.press_continue();
    if (b.kind == stage::UiButtonKind::ask_coordinator) p.ask_coordinator();
  };

  while (xr.running()) {
    if (auto s = xr.poll(); !s) {
      err << "trialxr: " << s.error().message << "\n";
      status = 2;
      break;
    }
    // Focus: losing it pauses narration and the timeline; regaining it resumes.
    if (player) {
      if (was_focused && !xr.focused() && !player->frame().paused) {
        player->pause();
        paused_by_focus = true;
      } else if (!was_focused && xr.focused() && paused_by_focus) {
        player->resume();
        paused_by_focus = false;
      }
    }
    was_focused = xr.focused();
    if (xr.state() == xr::SessionState::loss_pending) {
      err << "trialxr: the headset session was lost (headset disconnected or the runtime "
             "stopped); the session ends here\n";
      status = 2;
    }
    auto drawn = xr.frame([&](const xr::XrFrame& f, render::FrameInput& input) {
      if (!player) {  // refused: a neutral view for the patient
        input.clear_color = kNeutral;
        mirrored = input;
        return;
      }
      scene::Player& p = *player;
      if (xr.focused()) p.tick(f.delta_seconds);  // without focus the scene waits
      const float yaw =
          follower.update(yaw_degrees(f.head.orientation), static_cast<float>(f.delta_seconds));
      stage::build_frame_input(p.frame(), f.views, *bundle, {f.head.position, yaw}, ui, input);
      if (f.aim_valid && f.select_pressed) {
        const stage::Ray ray{f.aim.position, f.aim.orientation * glm::vec3(0, 0, -1)};
        if (auto hit = stage::hit_button(ui.buttons, ray)) {
          press(ui.buttons[hit->button]);
          xr.haptic_tick();
        }
      }
      if (f.menu_pressed) {
        if (p.frame().paused) {
          p.resume();
        } else {
          p.pause();
        }
      }
      const stage::Ray gaze{f.head.position, f.head.orientation * glm::vec3(0, 0, -1)};
      if (auto fired = dwell.update(ui.buttons, gaze, static_cast<float>(f.delta_seconds)))
        press(*fired);
      dwell.draw(ui, f.head.position);
      input.ui.assign(ui.quads.begin(), ui.quads.end());
      if (p.frame().ended) xr.request_exit();
      sound.update(p.frame(), f.head.position, f.head.orientation);
      if (std::string problem = sound.take_new_problem(); !problem.empty())
        err << "trialxr: warning: " << problem << "\n";
      mirrored = input;
    });
    if (!drawn) {
      err << "trialxr: " << drawn.error().message << "\n";
      status = 2;
      break;
    }
    if (xr.state() == xr::SessionState::loss_pending && status != 2) {
      err << "trialxr: the headset session was lost (headset disconnected or the runtime "
             "stopped); the session ends here\n";
      status = 2;
    }
    if (mirror && mirror->host->begin_frame()) {
      ImGui::Begin("Session");
      ImGui::Text("%s: %s", xr.runtime_name().c_str(),
                  std::string(xr::session_state_name(xr.state())).c_str());
      if (!player) {
        ImGui::TextWrapped("Refused: %s", refusal.c_str());
      } else {
        scene::Player& p = *player;
        if (ImGui::Button(p.frame().paused ? "Resume" : "Pause")) {
          if (p.frame().paused) {
            p.resume();
          } else {
            p.pause();
          }
        }
        ImGui::SameLine();
        if (ImGui::Button("Back")) p.back();
        ImGui::SameLine();
        if (ImGui::Button("Skip")) p.press_continue();
        ImGui::SameLine();
        if (ImGui::Button("Recentre")) xr.recenter();
        const auto languages = bundle->languages();
        for (std::uint32_t l = 0; l < languages.size(); ++l) {
          if (l > 0) ImGui::SameLine();
          std::string tag(bundle->string(languages[l]));
          if (ImGui::RadioButton(tag.c_str(), p.frame().language == l)) p.set_language(l);
        }
        if (p.frame().coordinator_requested) {
          ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(200, 30, 30, 255));
          if (ImGui::Button("THE PATIENT ASKS FOR YOU - acknowledge")) p.dismiss_coordinator();
          ImGui::PopStyleColor();
        }
      }
      if (sound.available()) {
        audio::AudioSettings a = sound.settings();
        bool changed = ImGui::Checkbox("Mute", &a.muted);
        ImGui::SameLine();
        changed |= ImGui::Checkbox("Mono audio", &a.mono);
        changed |= ImGui::SliderFloat("Volume", &a.volume, 0.0f, 1.0f, "%.2f");
        if (changed) sound.apply(a);
      } else {
        ImGui::TextWrapped("No sound: %s", sound.problem().c_str());
      }
      if (ImGui::Button("End session")) xr.request_exit();
      ImGui::End();
      render::FrameInput left = mirrored;
      if (left.views.size() == 2) left.views.resize(1);
      if (!mirror->loaded) left.items.clear();
      if (auto s = mirror->host->end_frame(left); !s)
        err << "trialxr: mirror: " << s.error().message << "\n";
      if (mirror->host->window().should_close()) xr.request_exit();
    }
    if (o.max_frames > 0 && ++frames >= o.max_frames) xr.request_exit();
  }
  // What happened, for the coordinator (the sealed records come from the same log).
  if (player) {
    const scene::EventList& log = player->event_log();
    for (const scene::Event& e : log.events) {
      switch (e.kind) {
        case scene::EventKind::step_entered:
          out << fmt::format("{:8.2f} s  step {}\n", seconds_of(e.time),
                             bundle->string(bundle->steps()[e.step].name));
          break;
        case scene::EventKind::answer_given: {
          const bundle::QuizRecord& q = bundle->quizzes()[e.quiz];
          std::vector<std::string> chosen;
          for (std::uint32_t i = 0; i < e.option_count; ++i)
            chosen.emplace_back(bundle->string(
                bundle->options()[q.first_option + log.options[e.first_option + i]].name));
          out << fmt::format("{:8.2f} s  answer {}: {} ({})\n", seconds_of(e.time),
                             bundle->string(q.name), fmt::join(chosen, ", "),
                             e.correct ? "correct" : "needs discussion");
          break;
        }
        case scene::EventKind::explored: {
          const bundle::QuizRecord& q = bundle->quizzes()[e.quiz];
          out << fmt::format("{:8.2f} s  looked at {}\n", seconds_of(e.time),
                             bundle->string(bundle->options()[q.first_option + e.value].name));
          break;
        }
        case scene::EventKind::paused:
        case scene::EventKind::resumed:
        case scene::EventKind::coordinator_requested:
        case scene::EventKind::scene_ended:
          out << fmt::format("{:8.2f} s  {}\n", seconds_of(e.time), scene::event_kind_name(e.kind));
          break;
        default:
          break;
      }
    }
  }
  if (player && writer) {
    records::SessionInfo info;
    info.participant_code = participant;
    info.site_id = o.site;
    info.language = player->frame().language;
    info.started = started;
    info.ended = std::chrono::system_clock::now();
    info.end_scene_us = player->frame().scene_time;
    auto seq = writer->append(records::build_record(*bundle, player->event_log(), info));
    if (!seq) {
      err << "trialxr: the session record was not written: " << seq.error().message << "\n";
      status = 2;
    } else {
      out << fmt::format("session record {} sealed into {}\n", *seq, o.records);
    }
  }
  if (o.validate) {
    auto log = xr.renderer().validation_log();
    if (log && log->count() > 0) {
      err << fmt::format("trialxr: the Vulkan validation layer reported {} message(s)\n",
                         log->count());
      return 2;
    }
  }
  return status;
}

}  // namespace trialxr::app
