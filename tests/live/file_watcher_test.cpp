// FileWatcher on real files: writes in place, editors' saves by rename, files that come
// and go with their folders, other files in the same folder, timeouts and interrupts.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "temp_dir.h"
#include "trialxr/live/file_watcher.h"

namespace trialxr::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Saves as vim, VS Code and gedit do: a new file, renamed over the old one.
void save_by_rename(const std::string& path, const std::string& text) {
  std::ofstream(path + ".tmp", std::ios::binary) << text;
  fs::rename(path + ".tmp", path);
}

// As touch(1) does: both times set to now (IN_ATTRIB).
void touch(const std::string& path) {
  ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), nullptr, 0), 0);
}

live::FileWatcher watching(const std::vector<std::string>& files) {
  auto w = live::FileWatcher::create();
  EXPECT_TRUE(w) << (w ? "" : w.error().message);
  auto s = w->watch(files);
  EXPECT_TRUE(s) << (s ? "" : s.error().message);
  return std::move(*w);
}

// Reads whatever events are still queued, so that the next wait sees only new ones.
void drain(live::FileWatcher& w) {
  while (w.wait_for_change(200ms)) {
  }
}

TEST(FileWatcher, SeesAWriteInPlace) {
  TempDir dir;
  const std::string a = dir.write("a.txt", "1");
  auto w = watching({a});
  std::ofstream(a, std::ios::app) << "2";
  EXPECT_TRUE(w.wait_for_change(5s));
}

TEST(FileWatcher, SeesASaveByRename) {
  TempDir dir;
  const std::string a = dir.write("a.txt", "1");
  auto w = watching({a});
  save_by_rename(a, "2");
  EXPECT_TRUE(w.wait_for_change(5s));
}

TEST(FileWatcher, SeesATouch) {
  TempDir dir;
  const std::string a = dir.write("a.txt", "1");
  auto w = watching({a});
  touch(a);
  EXPECT_TRUE(w.wait_for_change(5s));
}

TEST(FileWatcher, IgnoresOtherFilesInTheFolder) {
  TempDir dir;
  const std::string a = dir.write("a.txt", "1");
  const std::string other = dir.write("other.txt", "1");
  auto w = watching({a});
  std::ofstream(other, std::ios::app) << "2";
  save_by_rename(other, "3");
  fs::remove(other);
  dir.write("new.txt", "1");
  EXPECT_FALSE(w.wait_for_change(300ms));
  std::ofstream(a, std::ios::app) << "2";  // and still sees the watched one
  EXPECT_TRUE(w.wait_for_change(5s));
}

TEST(FileWatcher, TimesOutWithFalseWhenNothingChanges) {
  TempDir dir;
  auto w = watching({dir.write("a.txt", "1")});
  const auto start = Clock::now();
  EXPECT_FALSE(w.wait_for_change(150ms));
  EXPECT_GE(Clock::now() - start, 150ms);
}

TEST(FileWatcher, InterruptWakesAWaitingThread) {
  TempDir dir;
  auto w = watching({dir.write("a.txt", "1")});
  const auto start = Clock::now();
  std::thread t([&] {
    std::this_thread::sleep_for(100ms);  // the wait below has begun by now
    w.interrupt();
  });
  EXPECT_FALSE(w.wait_for_change(20s));
  t.join();
  EXPECT_LT(Clock::now() - start, 5s);
}

TEST(FileWatcher, WatchReplacesTheSet) {
  TempDir dir;
  const std::string a = dir.write("a.txt", "1");
  const std::string b = dir.write("sub/b.txt", "1");
  auto w = watching({a});
  ASSERT_TRUE(w.watch({b}));
  std::ofstream(a, std::ios::app) << "2";
  EXPECT_FALSE(w.wait_for_change(300ms));
  std::ofstream(b, std::ios::app) << "2";
  EXPECT_TRUE(w.wait_for_change(5s));
}

TEST(FileWatcher, SeesAFileDeletedAndWrittenAgain) {
  TempDir dir;
  const std::string a = dir.write("a.txt", "1");
  auto w = watching({a});
  fs::remove(a);
  EXPECT_TRUE(w.wait_for_change(5s));
  drain(w);
  dir.write("a.txt", "2");
  EXPECT_TRUE(w.wait_for_change(5s));
}

TEST(FileWatcher, SeesAFileInAFolderThatIsMadeLater) {
  TempDir dir;
  const std::string a = dir.file("later/deeper/a.txt");
  auto w = watching({a});
  fs::create_directories(dir.path() / "later/deeper");
  EXPECT_TRUE(w.wait_for_change(5s));
  drain(w);
  dir.write("later/deeper/a.txt", "1");
  EXPECT_TRUE(w.wait_for_change(5s));
  drain(w);
  std::ofstream(a, std::ios::app) << "2";  // the folder is watched itself now
  EXPECT_TRUE(w.wait_for_change(5s));
}

TEST(FileWatcher, FollowsAFolderThatIsDeletedAndMadeAgain) {
  TempDir dir;
  const std::string a = dir.write("sub/a.txt", "1");
  auto w = watching({a});
  fs::remove_all(dir.path() / "sub");
  EXPECT_TRUE(w.wait_for_change(5s));
  drain(w);
  dir.write("sub/a.txt", "2");
  EXPECT_TRUE(w.wait_for_change(5s));
  drain(w);
  std::ofstream(a, std::ios::app) << "3";
  EXPECT_TRUE(w.wait_for_change(5s));
}

TEST(FileWatcher, SeesChangesToTheTargetOfASymbolicLink) {
  TempDir dir;
  const std::string target = dir.write("real/a.txt", "1");
  const std::string link = dir.file("a.txt");
  fs::create_symlink(target, link);
  auto w = watching({link});
  std::ofstream(target, std::ios::app) << "2";
  EXPECT_TRUE(w.wait_for_change(5s));
}

TEST(FileWatcher, AMovedFromWatcherOwnsTheWatches) {
  TempDir dir;
  const std::string a = dir.write("a.txt", "1");
  auto first = watching({a});
  live::FileWatcher second = std::move(first);
  std::ofstream(a, std::ios::app) << "2";
  EXPECT_TRUE(second.wait_for_change(5s));
}

}  // namespace
}  // namespace trialxr::testing
