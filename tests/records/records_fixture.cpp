#include "records_fixture.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "temp_dir.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/compiler/signing_key.h"

namespace trialxr::testing {

namespace {

bundle::Bundle compile_sample() {
  auto result = compiler::compile_scene((source_dir() / "scenes/blood-draw.txs").string());
  if (!result || !result->ok()) throw std::runtime_error("the sample scene does not compile");
  compiler::SigningKey key = compiler::SigningKey::generate();
  auto bytes = compiler::write_bundle(result->content, &key);
  if (!bytes) throw std::runtime_error(bytes.error().message);
  auto b =
      bundle::Bundle::open_bytes(*bytes, {bundle::TrustPolicy::require_trusted, {key.public_key}});
  if (!b) throw std::runtime_error(b.error().message);
  return std::move(*b);
}

}  // namespace

const bundle::Bundle& signed_sample_bundle() {
  static const bundle::Bundle bundle = compile_sample();
  return bundle;
}

scene::Player play_wrong_then_right(const bundle::Bundle& b) {
  scene::Player p(b);
  bool answered_wrong = false;
  for (int tick = 1; tick <= 10 * 600 && !p.frame().ended; ++tick) {
    p.tick(0.1);
    if (tick == 5) {
      EXPECT_TRUE(p.pause());
    }
    if (tick == 15) {
      EXPECT_TRUE(p.resume());
    }
    if (tick == 20) {
      EXPECT_TRUE(p.ask_coordinator());
    }
    if (tick == 30) {
      EXPECT_TRUE(p.dismiss_coordinator());
    }
    const scene::FrameState& f = p.frame();
    if (f.quiz.visible && !f.quiz.answered) {
      for (std::uint32_t i = 0; i < f.quiz.options.size(); ++i) {
        if (f.quiz.options[i].correct == answered_wrong) {
          EXPECT_TRUE(p.choose(i));
          break;
        }
      }
      answered_wrong = true;
    } else if (f.waiting_for_continue) {
      p.press_continue();
    }
  }
  EXPECT_TRUE(p.frame().ended);
  return p;
}

records::SessionRecord sample_record(std::string_view code) {
  const bundle::Bundle& b = signed_sample_bundle();
  scene::Player p = play_wrong_then_right(b);
  records::SessionInfo info;
  info.participant_code = std::string(code);
  info.site_id = "SITE3";
  info.started = std::chrono::system_clock::from_time_t(1772357405);  // 2026-03-01T09:30:05Z
  info.ended = info.started + std::chrono::minutes(4);
  return records::build_record(b, p.event_log(), info);
}

}  // namespace trialxr::testing
