// FileWatcher: tells when any of a set of files changes, with Linux inotify. It watches
// the files' folders, so editors that save by writing a new file and renaming it over the
// old one (vim, VS Code, gedit) are seen as well as those that write in place; events for
// other files in those folders are ignored. A write counts when the file is closed (a
// file half written is not a change yet); touch(1) counts, a change of the modification
// time alone (touch -m) does not.
//
//   auto watcher = live::FileWatcher::create();
//   watcher->watch({"scenes/blood-draw.txs", "assets/models/arm.glb"});
//   while (running) {
//     if (watcher->wait_for_change(500ms)) rebuild();
//   }
//   // another thread: watcher->interrupt() to wake the wait for shutdown
//
// A file that does not exist yet is fine: its folder (or, when the folder is missing too,
// the nearest folder that exists) is watched for it to appear. A watched folder that is
// deleted or renamed counts as a change, and the watches follow the paths again.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "trialxr/core/result.h"

namespace trialxr::live {

class FileWatcher {
 public:
  // Errors: the inotify instance or the wake-up eventfd cannot be made (a per-user limit).
  static Result<FileWatcher> create();
  FileWatcher(FileWatcher&& other) noexcept;
  FileWatcher& operator=(FileWatcher&& other) noexcept;
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;
  ~FileWatcher();

  // Replaces the watched set (absolute or relative paths, made absolute against the
  // current folder now; a symbolic link is watched under its name and its target's).
  // Folders watched before and still needed keep their watch, so no event is lost while
  // the set changes. Errors: inotify's limit on watches, a folder that cannot be read.
  Status watch(const std::vector<std::string>& files);
  // Waits up to `timeout` for a change to a watched file; true when one came. False on
  // a timeout or after interrupt().
  bool wait_for_change(std::chrono::milliseconds timeout);
  // Makes the current wait_for_change, or the next one if none is waiting, return false
  // at once. Thread-safe; the one call that may come from another thread.
  void interrupt();

 private:
  FileWatcher(int inotify, int wake) : inotify_(inotify), wake_(wake) {}
  void close_all();
  Status arm();        // works out names_ from files_ and watches the folders they need
  bool read_events();  // drains the inotify queue; true when a watched path changed
  bool concerns_watched(int wd, std::uint32_t mask, const char* name);

  int inotify_ = -1;
  int wake_ = -1;                   // eventfd written by interrupt()
  std::vector<std::string> files_;  // as given to watch(), to re-arm after folder changes
  // Paths whose events count: each file (under both its names), or for a file whose
  // folder is missing, the first missing folder on its path.
  std::set<std::string> names_;
  // Watch descriptor -> the folder's paths (two when a symbolic link leads to it).
  std::map<int, std::set<std::string>> folders_;
};

}  // namespace trialxr::live
