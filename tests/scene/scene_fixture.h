// Helpers for the player tests: bundles from scripts (through the real compiler) or from
// hand-built tables, and lookups into frames.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "temp_dir.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/bundle_content.h"
#include "trialxr/scene/frame_state.h"
#include "trialxr/scene/player.h"

namespace trialxr::testing {

// "scene t" with title, study, version and `languages` ("en zh" by default).
std::string script_header(std::string_view languages = "en zh");

// Compiles header + body (written to dir/scene.txs) and opens the bundle; reports a
// test failure (and returns nullopt) on any compile error.
std::optional<bundle::Bundle> bundle_from_script(const TempDir& dir, std::string_view body,
                                                 std::string_view languages = "en zh");
std::optional<bundle::Bundle> bundle_from_file(const std::string& path);
std::optional<bundle::Bundle> bundle_from_content(const compiler::BundleContent& content);

// A recorded narration of exactly `seconds` (a quiet tone, 48 kHz WAV) at dir/name, for
// scripts that need lines of a known length: `say "…" audio "NAME"`.
std::string narration_wav(const TempDir& dir, const std::string& name, double seconds);

std::uint32_t node_named(const bundle::Bundle& b, std::string_view name);
std::uint32_t step_named(const bundle::Bundle& b, std::string_view name);
std::uint32_t line_named(const bundle::Bundle& b, std::string_view id);
const scene::DrawItem* item_for(const scene::FrameState& f, std::uint32_t node);
// Events of one kind in a list.
std::vector<scene::Event> events_of(const scene::EventList& list, scene::EventKind kind);

// Every field of a frame as bytes (floats by their bits), for bit-exact comparisons;
// the per-tick events are left out unless `with_events`.
std::string frame_bytes(const scene::FrameState& f, bool with_events);

// The sample scene, compiled.
std::optional<bundle::Bundle> sample_bundle();

inline constexpr scene::Micros kSecond = scene::kMicrosPerSecond;
inline scene::Micros ms(std::int64_t n) {
  return n * 1000;
}

}  // namespace trialxr::testing
