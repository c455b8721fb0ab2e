#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "temp_dir.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/live/file_watcher.h"
#include "trialxr/live/live_build.h"

namespace trialxr::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string scene(const std::string& say) {
  return "scene live\n"
         "  title \"Live\" #line:title\n"
         "  study S-1\n"
         "  version 1.0.0\n"
         "  languages en\n"
         "box card\n"
         "  size 0.2 0.02 0.1\n"
         "  at 0 0.9 -0.8\n"
         "step one\n"
         "  say \"" +
         say + "\" #line:say\n";
}

void save_by_rename(const std::string& path, const std::string& text) {
  std::ofstream(path + ".tmp", std::ios::binary) << text;
  fs::rename(path + ".tmp", path);
}

std::string say_text(const live::BuildOutcome& o) {
  auto b = bundle::Bundle::open_bytes(o.bundle, {bundle::TrustPolicy::allow_unsigned, {}});
  EXPECT_TRUE(b) << (b ? "" : b.error().message);
  for (std::uint32_t i = 0; b && i < b->lines().size(); ++i)
    if (b->string(b->lines()[i].id) == "say") return std::string(b->text(i, 0));
  return {};
}

TEST(FileWatcher, SeesWritesAndRenamesOfWatchedFilesOnly) {
  TempDir dir;
  const std::string a = dir.write("a.txt", "1");
  dir.write("other.txt", "1");
  auto w = live::FileWatcher::create();
  ASSERT_TRUE(w) << w.error().message;
  ASSERT_TRUE(w->watch({a}));
  EXPECT_FALSE(w->wait_for_change(50ms));  // nothing yet
  dir.write("other.txt", "2");
  EXPECT_FALSE(w->wait_for_change(100ms));  // not watched
  std::ofstream(a, std::ios::app) << "2";   // written in place
  EXPECT_TRUE(w->wait_for_change(2s));
  save_by_rename(a, "3");  // an editor's save
  EXPECT_TRUE(w->wait_for_change(2s));
}

TEST(FileWatcher, InterruptWakesAWaitingThread) {
  TempDir dir;
  auto w = live::FileWatcher::create();
  ASSERT_TRUE(w);
  ASSERT_TRUE(w->watch({dir.write("a.txt", "1")}));
  const auto start = std::chrono::steady_clock::now();
  std::thread t([&] { w->interrupt(); });
  EXPECT_FALSE(w->wait_for_change(10s));
  t.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

TEST(LiveBuild, RebuildsOnSaveReportsErrorsAndRecovers) {
  TempDir dir;
  const std::string script = dir.write("live.txs", scene("Hello."));
  auto live = live::LiveBuild::start(script);
  ASSERT_TRUE(live) << live.error().message;
  ASSERT_TRUE((*live)->wait(30s));
  auto first = (*live)->take();
  ASSERT_TRUE(first && first->ok) << (first ? first->diagnostics : "");
  EXPECT_EQ(first->generation, 1u);
  EXPECT_EQ(say_text(*first), "Hello.");
  EXPECT_FALSE((*live)->take());  // taken

  save_by_rename(script, scene("Hello again."));
  ASSERT_TRUE((*live)->wait(30s));
  auto second = (*live)->take();
  ASSERT_TRUE(second && second->ok) << (second ? second->diagnostics : "");
  EXPECT_EQ(second->generation, 2u);
  EXPECT_EQ(say_text(*second), "Hello again.");
  EXPECT_LE(second->change_seen, second->finished);

  save_by_rename(script, scene("Broken.") + "  higlight card\n");
  ASSERT_TRUE((*live)->wait(30s));
  auto broken = (*live)->take();
  ASSERT_TRUE(broken);
  EXPECT_FALSE(broken->ok);
  EXPECT_GE(broken->errors, 1u);
  EXPECT_NE(broken->diagnostics.find("live.txs:11:3"), std::string::npos) << broken->diagnostics;

  save_by_rename(script, scene("Fixed."));
  ASSERT_TRUE((*live)->wait(30s));
  auto fixed = (*live)->take();
  ASSERT_TRUE(fixed && fixed->ok) << (fixed ? fixed->diagnostics : "");
  EXPECT_EQ(say_text(*fixed), "Fixed.");
}

TEST(LiveBuild, ABurstOfSavesIsOneRebuildAndAssetsAreWatched) {
  TempDir dir;
  fs::copy_file(source_dir() / "assets/models/syringe.glb", dir.file("syringe.glb"));
  const std::string body = "model syringe \"syringe.glb\"\n  at 0 1 -0.8\n";
  std::string text = scene("Hi.");
  text.insert(text.find("step one"), body);
  const std::string script = dir.write("live.txs", text);
  auto live = live::LiveBuild::start(script);
  ASSERT_TRUE(live);
  ASSERT_TRUE((*live)->wait(30s));
  auto first = (*live)->take();
  ASSERT_TRUE(first && first->ok) << first->diagnostics;

  for (int i = 0; i < 5; ++i) {
    std::ofstream(script, std::ios::app) << "# edit " << i << "\n";
    std::this_thread::sleep_for(5ms);
  }
  ASSERT_TRUE((*live)->wait(30s));
  std::this_thread::sleep_for(500ms);  // any further rebuild would have finished by now
  auto burst = (*live)->take();
  ASSERT_TRUE(burst && burst->ok);
  EXPECT_LE(burst->generation, 3u);  // one rebuild (two if the burst straddled a build)

  fs::last_write_time(dir.file("syringe.glb"), fs::file_time_type::clock::now());
  std::ofstream(dir.file("syringe.glb"), std::ios::app | std::ios::binary);  // touched: close-write
  ASSERT_TRUE((*live)->wait(30s));
  auto asset = (*live)->take();
  ASSERT_TRUE(asset);
  EXPECT_GT(asset->generation, burst->generation);
}

TEST(LiveBuild, StopsPromptlyWhileIdle) {
  TempDir dir;
  auto live = live::LiveBuild::start(dir.write("live.txs", scene("Hi.")));
  ASSERT_TRUE(live);
  ASSERT_TRUE((*live)->wait(30s));
  const auto start = std::chrono::steady_clock::now();
  live->reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
}

}  // namespace
}  // namespace trialxr::testing
