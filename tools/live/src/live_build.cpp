#include "trialxr/live/live_build.h"

#include <fmt/format.h>

#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>
#include <utility>

#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/live/file_watcher.h"
#include "watch_list.h"

namespace trialxr::live {

namespace {

using Clock = std::chrono::steady_clock;

// A save is often several events (a temporary file, a rename, a chmod): wait until the
// files have been quiet this long before building.
constexpr auto kQuiet = std::chrono::milliseconds(40);
// How often an idle build thread retries a watch that failed (an inotify limit).
constexpr auto kRetryWatch = std::chrono::seconds(1);

std::vector<std::string> merged(const std::vector<std::string>& a,
                                const std::vector<std::string>& b) {
  std::set<std::string> all(a.begin(), a.end());
  all.insert(b.begin(), b.end());
  return {all.begin(), all.end()};
}

// One build with the preview rules, the bundle unsigned and in memory. `watched` becomes
// the files to watch until the next build: after a failure, the files watched before as
// well, so whatever broke the build is still watched when it is put right.
BuildOutcome build_once(const std::string& script, std::vector<std::string>& watched) {
  BuildOutcome out;
  auto compiled = compiler::compile_scene(script, compiler::CompileOptions{});
  if (!compiled) {  // the script cannot be read (deleted mid-save, say): watch for it
    out.diagnostics = compiled.error().message + "\n";
    out.errors = 1;
    return out;
  }
  out.diagnostics = compiled->rendered();
  out.errors = compiled->diags.error_count();
  out.warnings = compiled->diags.warning_count();
  if (compiled->ok()) {
    auto bytes = compiler::write_bundle(compiled->content, nullptr, script);
    if (bytes) {
      out.bundle = std::move(*bytes);
      out.ok = true;
    } else {
      out.diagnostics += bytes.error().message + "\n";
      out.errors += 1;
    }
  }
  std::vector<std::string> files = files_to_watch(script, *compiled);
  watched = out.ok ? std::move(files) : merged(watched, files);
  return out;
}

BuildOutcome build_safely(const std::string& script, std::vector<std::string>& watched) {
  try {
    return build_once(script, watched);
  } catch (const std::exception& e) {  // never let the build thread die
    BuildOutcome out;
    out.diagnostics = fmt::format("{}: the build failed: {}\n", script, e.what());
    out.errors = 1;
    return out;
  }
}

}  // namespace

struct LiveBuild::Impl {
  Impl(std::string path, FileWatcher w) : script(std::move(path)), watcher(std::move(w)) {}

  // The build thread: build, watch, wait for a change and for it to settle, again.
  void run() noexcept {
    try {
      Clock::time_point seen = Clock::now();
      // Watched from before the first build, so a save during any build is queued and
      // starts the next one.
      watching = watcher.watch(watched);
      do {
        BuildOutcome out = build_safely(script, watched);
        out.change_seen = seen;
        watching = watcher.watch(watched);
        if (!watching) {
          out.diagnostics += fmt::format("warning: {}; saves are not seen until that works\n",
                                         watching.error().message);
          out.warnings += 1;
        }
        out.finished = Clock::now();
        publish(std::move(out));
      } while (wait_for_settled_change(seen));
    } catch (const std::exception& e) {  // out of memory outside a build: stop, saying so
      BuildOutcome out;
      out.diagnostics = fmt::format("{}: live rebuilds stopped: {}\n", script, e.what());
      out.errors = 1;
      out.change_seen = out.finished = Clock::now();
      publish(std::move(out));
    }
  }

  // Waits for a change to a watched file, then until the files have been quiet for
  // kQuiet; `seen` becomes the moment the change was noticed. False when stopping.
  bool wait_for_settled_change(Clock::time_point& seen) {
    for (;;) {
      if (stopping) return false;
      if (watcher.wait_for_change(kRetryWatch)) break;
      if (!watching) {
        watching = watcher.watch(watched);
        if (watching) break;  // changes may have been missed meanwhile: build
      }
    }
    seen = Clock::now();
    while (!stopping && watcher.wait_for_change(kQuiet)) {
    }
    return !stopping;
  }

  void publish(BuildOutcome out) {
    {
      std::lock_guard lock(mutex);
      out.generation = ++generation;
      newest = std::move(out);
    }
    ready.notify_all();
  }

  const std::string script;
  FileWatcher watcher;
  std::vector<std::string> watched = {script};  // the build thread's
  Status watching;                              // the build thread's: the last watch()
  std::atomic<bool> stopping{false};
  std::mutex mutex;  // guards newest and generation
  std::condition_variable ready;
  std::optional<BuildOutcome> newest;
  std::uint64_t generation = 0;
  std::thread thread;
};

Result<std::unique_ptr<LiveBuild>> LiveBuild::start(std::string script_path) {
  auto watcher = FileWatcher::create();
  if (!watcher) return tl::unexpected(std::move(watcher.error()));
  std::unique_ptr<LiveBuild> live(new LiveBuild());
  live->impl_ = std::make_unique<Impl>(std::move(script_path), std::move(*watcher));
  Impl* impl = live->impl_.get();
  try {
    impl->thread = std::thread([impl] { impl->run(); });
  } catch (const std::system_error& e) {
    return fail(fmt::format("cannot start the live build of {}: {}", impl->script, e.what()));
  }
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
