// Desktop preview figures on the sample scene, in a real window (run it under a display,
// or `xvfb-run -a build/release/bin/preview_bench`):
//   - frame time: the mean and 95th percentile of 120 frames with vsync off, 1280x720;
//   - save -> first frame with the change: the script is saved (written and renamed, as
//     editors do) and frames run until one shows the rebuilt scene; five times.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <vector>

#include "trialxr/app/preview_session.h"
#include "trialxr/core/file_io.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

int main() {
  const fs::path source(TRIALXR_SOURCE_DIR);
  const fs::path dir =
      fs::temp_directory_path() / fmt::format("trialxr-preview-bench-{}", getpid());
  fs::create_directories(dir / "scenes");
  fs::create_directories(dir / "assets/models");
  for (const char* f : {"scenes/blood-draw.txs", "scenes/blood-draw.zh.po", "assets/models/arm.glb",
                        "assets/models/syringe.glb"}) {
    fs::copy_file(source / f, dir / f, fs::copy_options::overwrite_existing);
  }
  const std::string script = (dir / "scenes/blood-draw.txs").string();
  trialxr::app::PreviewOptions options;
  options.file = script;
  options.vsync = false;
  auto session = trialxr::app::PreviewSession::open(options);
  if (!session) {
    fmt::print(stderr, "preview_bench: {}\n", session.error().message);
    return 2;
  }
  trialxr::app::PreviewSession& s = **session;
  for (int i = 0; i < 10; ++i) s.frame();  // pipelines, first uploads
  std::vector<double> ms;
  for (int i = 0; i < 120; ++i) {
    const auto t0 = Clock::now();
    s.frame();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  fmt::print("frame time (1280x720, sample scene, vsync off): mean {:.1f} ms, p95 {:.1f} ms\n",
             std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size()),
             ms[ms.size() * 95 / 100]);

  std::string text = *trialxr::read_file(script);
  std::vector<double> reload;
  for (int n = 0; n < 5; ++n) {
    const std::uint64_t generation = s.build_generation();
    const std::string from = n % 2 == 0 ? "puts a soft band" : "ties a soft band";
    const std::string to = n % 2 == 0 ? "ties a soft band" : "puts a soft band";
    text.replace(text.find(from), from.size(), to);
    const auto saved = Clock::now();
    std::ofstream(script + ".swp", std::ios::binary) << text;
    fs::rename(script + ".swp", script);
    while (s.build_generation() == generation) s.frame();
    reload.push_back(std::chrono::duration<double, std::milli>(Clock::now() - saved).count());
  }
  std::sort(reload.begin(), reload.end());
  fmt::print("save -> first frame with the change: median {:.0f} ms (min {:.0f}, max {:.0f})\n",
             reload[reload.size() / 2], reload.front(), reload.back());
  fs::remove_all(dir);
  return 0;
}
