#include "trialxr/live/live_build.h"

#include <fmt/format.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>

#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/live/file_watcher.h"

namespace trialxr::live {

namespace {

using Clock = std::chrono::steady_clock;

// A save is often several writes (a temporary file, a rename, a chmod): wait until the
// files have been quiet this long before building.
constexpr auto kQuiet = std::chrono::milliseconds(40);

}  // namespace

struct LiveBuild::Impl {
  std::string script;
  FileWatcher watcher;
  std::thread thread;
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::condition_variable ready;
  std::optional<BuildOutcome> newest;
  std::uint64_t generation = 0;
  std::string startup_error;

  Impl(std::string path, FileWatcher w) : script(std::move(path)), watcher(std::move(w)) {}

  // One build; returns the files to watch for the next.
  std::vector<std::string> build(Clock::time_point change_seen) {
    BuildOutcome out;
    out.change_seen = change_seen;
    std::vector<std::string> inputs = {script};
    try {
      auto compiled = compiler::compile_scene(script);
      if (!compiled) {
        out.diagnostics = compiled.error().message + "\n";
        out.errors = 1;
      } else {
        out.diagnostics = compiled->rendered();
        out.errors = compiled->diags.error_count();
        out.warnings = compiled->diags.warning_count();
        for (const std::string& f : compiled->inputs)
          if (f != script) inputs.push_back(f);
        if (compiled->ok()) {
          auto bytes = compiler::write_bundle(compiled->content);
          if (bytes) {
            out.bundle = std::move(*bytes);
            out.ok = true;
          } else {
            out.diagnostics += bytes.error().message + "\n";
            out.errors += 1;
          }
        }
      }
    } catch (const std::exception& e) {  // never let the build thread die
      out.diagnostics = fmt::format("{}: the build failed: {}\n", script, e.what());
      out.errors = 1;
      out.ok = false;
    }
    out.finished = Clock::now();
    {
      std::lock_guard lock(mutex);
      out.diagnostics += std::exchange(startup_error, {});
      out.generation = ++generation;
      newest = std::move(out);
    }
    ready.notify_all();
    return inputs;
  }

  void run() {
    Clock::time_point change_seen = Clock::now();
    // Watched from before the first build, so a save during any build is queued and
    // starts the next one.
    if (auto s = watcher.watch({script}); !s) {
      std::lock_guard lock(mutex);
      startup_error = s.error().message;
    }
    while (!stopping) {
      std::vector<std::string> inputs = build(change_seen);
      if (auto s = watcher.watch(inputs); !s) {
        std::lock_guard lock(mutex);
        if (newest) newest->diagnostics += s.error().message + "\n";
      }
      // Wait for a change, then for the files to settle.
      while (!stopping && !watcher.wait_for_change(std::chrono::milliseconds(500))) {
      }
      if (stopping) return;
      change_seen = Clock::now();
      while (!stopping && watcher.wait_for_change(kQuiet)) {
      }
    }
  }
};

Result<std::unique_ptr<LiveBuild>> LiveBuild::start(std::string script_path) {
  auto watcher = FileWatcher::create();
  if (!watcher) return tl::unexpected(std::move(watcher.error()));
  std::unique_ptr<LiveBuild> live(new LiveBuild());
  live->impl_ = std::make_unique<Impl>(std::move(script_path), std::move(*watcher));
  Impl* impl = live->impl_.get();
  impl->thread = std::thread([impl] { impl->run(); });
  return live;
}

LiveBuild::~LiveBuild() {
  if (!impl_) return;
  impl_->stopping = true;
  impl_->watcher.interrupt();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::optional<BuildOutcome> LiveBuild::take() {
  std::lock_guard lock(impl_->mutex);
  return std::exchange(impl_->newest, std::nullopt);
}

bool LiveBuild::wait(std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mutex);
  return impl_->ready.wait_for(lock, timeout, [&] { return impl_->newest.has_value(); });
}

}  // namespace trialxr::live
