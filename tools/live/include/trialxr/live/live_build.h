// LiveBuild: a scene script compiled in the background and rebuilt whenever the script
// or any file it used (models, images, translations, fonts) changes. Builds use the
// preview rules (a missing translation is a warning) and are unsigned, in memory. A save
// is often several file events, so a build starts once the files have been quiet for
// 40 ms. A build that fails (a script error, a missing asset, the script deleted
// mid-save) is an outcome too, and its files stay watched for the fix.
//
//   auto live = live::LiveBuild::start("scenes/blood-draw.txs");
//   ...each frame:
//   if (auto outcome = (*live)->take()) { if (outcome->ok) swap_in(outcome->bundle); }
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trialxr/core/result.h"

namespace trialxr::live {

struct BuildOutcome {
  std::uint64_t generation = 0;   // 1, 2, 3, … one per finished build
  bool ok = false;                // the bundle was built
  std::vector<std::byte> bundle;  // when ok: open with TrustPolicy::allow_unsigned
  // Errors and warnings as file:line:col: … with source lines; empty when none. Also the
  // message when the script cannot be read, and a warning when a watch failed.
  std::string diagnostics;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  // When the change that started this build was noticed (for the first build: the start).
  std::chrono::steady_clock::time_point change_seen;
  std::chrono::steady_clock::time_point finished;
};

class LiveBuild {
 public:
  // Starts the first build at once. Errors: inotify is unavailable (a per-user limit),
  // the build thread cannot start.
  static Result<std::unique_ptr<LiveBuild>> start(std::string script_path);
  ~LiveBuild();  // stops the thread (at once when idle, else after its build) and joins it
  LiveBuild(const LiveBuild&) = delete;
  LiveBuild& operator=(const LiveBuild&) = delete;

  // The newest finished outcome not yet taken (older ones not taken are dropped); never
  // blocks, for a render loop.
  std::optional<BuildOutcome> take();
  // Blocks until an outcome is waiting or `timeout` passes; true when one is.
  bool wait(std::chrono::milliseconds timeout);

 private:
  LiveBuild() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace trialxr::live
