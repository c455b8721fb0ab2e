// FileWatcher: tells when any of a set of files changes, with Linux inotify. It watches
// the files' folders, so editors that save by writing a new file and renaming it over the
// old one (vim, VS Code, gedit) are seen as well as those that write in place.
#pragma once
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "trialxr/core/result.h"

namespace trialxr::live {

class FileWatcher {
 public:
  static Result<FileWatcher> create();
  FileWatcher(FileWatcher&& other) noexcept;
  FileWatcher& operator=(FileWatcher&& other) noexcept;
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;
  ~FileWatcher();

  // Replaces the watched set (absolute or relative paths; missing files are fine: their
  // folder is watched for them to appear). Errors: inotify limits, a missing folder.
  Status watch(const std::vector<std::string>& files);
  // Waits up to `timeout` for a change to a watched file; true when one came.
  bool wait_for_change(std::chrono::milliseconds timeout);
  // Wakes a wait_for_change in another thread (it returns false). Thread-safe.
  void interrupt();

 private:
  FileWatcher(int inotify, int wake) : inotify_(inotify), wake_(wake) {}
  void close_all();

  int inotify_ = -1;
  int wake_ = -1;                                     // eventfd
  std::set<std::string> names_;                       // canonical paths of the watched files
  std::vector<std::pair<int, std::string>> folders_;  // watch descriptor -> folder
};

}  // namespace trialxr::live
