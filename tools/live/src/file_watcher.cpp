#include "trialxr/live/file_watcher.h"

#include <fmt/format.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <utility>

namespace trialxr::live {

namespace fs = std::filesystem;

namespace {

// Writes in place end with IN_CLOSE_WRITE, saves by rename with IN_MOVED_TO; IN_CREATE,
// IN_DELETE and IN_MOVED_FROM see files come and go, IN_ATTRIB a `touch`. The _SELF
// events say that the folder itself went away.
constexpr std::uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
                                IN_DELETE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF;

// Events after which the folders to watch may be different ones.
constexpr std::uint32_t kComesOrGoes = IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE;

// The names a file is watched under: its absolute path and, when a symbolic link leads
// elsewhere, the path it resolves to.
std::vector<fs::path> names_of(const std::string& file) {
  std::error_code ec;
  fs::path absolute = fs::absolute(file, ec);
  if (ec) absolute = file;
  absolute = absolute.lexically_normal();
  std::vector<fs::path> names = {absolute};
  const fs::path resolved = fs::weakly_canonical(absolute, ec);
  if (!ec && resolved != absolute) names.push_back(resolved);
  return names;
}

// The path whose events matter for `path`: the path itself when its folder exists, else
// the first missing folder on the way to it (its parent exists and is watched).
fs::path nearest_watchable(fs::path path) {
  std::error_code ec;
  while (path.has_relative_path() && !fs::is_directory(path.parent_path(), ec))
    path = path.parent_path();
  return path;
}

std::string limit_hint(int err, std::string_view setting, std::string_view what) {
  if (err != ENOSPC && err != EMFILE) return {};
  return fmt::format(" (inotify's limit on {} is reached: raise fs.inotify.{})", what, setting);
}

}  // namespace

Result<FileWatcher> FileWatcher::create() {
  const int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    return fail(fmt::format("cannot watch files for changes: inotify: {}{}", std::strerror(err),
                            limit_hint(err, "max_user_instances", "instances")));
  }
  const int wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake < 0) {
    const int err = errno;
    ::close(fd);
    return fail(fmt::format("cannot watch files for changes: eventfd: {}", std::strerror(err)));
  }
  return FileWatcher(fd, wake);
}

FileWatcher::FileWatcher(FileWatcher&& o) noexcept
    : inotify_(std::exchange(o.inotify_, -1)),
      wake_(std::exchange(o.wake_, -1)),
      files_(std::move(o.files_)),
      names_(std::move(o.names_)),
      folders_(std::move(o.folders_)) {}

FileWatcher& FileWatcher::operator=(FileWatcher&& o) noexcept {
  if (this != &o) {
    close_all();
    inotify_ = std::exchange(o.inotify_, -1);
    wake_ = std::exchange(o.wake_, -1);
    files_ = std::move(o.files_);
    names_ = std::move(o.names_);
    folders_ = std::move(o.folders_);
  }
  return *this;
}

FileWatcher::~FileWatcher() {
  close_all();
}

void FileWatcher::close_all() {
  if (inotify_ >= 0) ::close(inotify_);  // removes every watch with it
  if (wake_ >= 0) ::close(wake_);
  inotify_ = wake_ = -1;
  folders_.clear();
}

Status FileWatcher::watch(const std::vector<std::string>& files) {
  files_ = files;
  return arm();
}

Status FileWatcher::arm() {
  std::set<std::string> names;
  std::set<std::string> needed;
  for (const std::string& file : files_) {
    for (const fs::path& name : names_of(file)) {
      const fs::path watched = nearest_watchable(name);
      names.insert(watched.string());
      needed.insert(watched.parent_path().string());
    }
  }
  names_ = std::move(names);
  // A folder reached by two paths (through a symbolic link) has one watch descriptor.
  std::map<int, std::set<std::string>> kept;
  for (const auto& [wd, folders] : folders_) {
    for (const std::string& folder : folders)
      if (needed.erase(folder) > 0) kept[wd].insert(folder);
    if (kept.count(wd) == 0) inotify_rm_watch(inotify_, wd);
  }
  folders_ = std::move(kept);
  for (const std::string& folder : needed) {
    const int wd = inotify_add_watch(inotify_, folder.c_str(), kMask);
    if (wd < 0) {
      const int err = errno;
      return fail(fmt::format("cannot watch {} for changes: {}{}", folder, std::strerror(err),
                              limit_hint(err, "max_user_watches", "watches")));
    }
    folders_[wd].insert(folder);
  }
  return {};
}

bool FileWatcher::wait_for_change(std::chrono::milliseconds timeout) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point end = Clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(end - Clock::now()).count();
    std::array<pollfd, 2> fds = {{{inotify_, POLLIN, 0}, {wake_, POLLIN, 0}}};
    const int n = ::poll(fds.data(), fds.size(),
                         static_cast<int>(std::clamp<std::int64_t>(left, 0, INT_MAX)));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    if ((fds[1].revents & POLLIN) != 0) {
      std::uint64_t count = 0;
      [[maybe_unused]] const ssize_t r = ::read(wake_, &count, sizeof count);
      return false;
    }
    if (read_events()) return true;
  }
}

bool FileWatcher::read_events() {
  alignas(inotify_event) std::array<char, 16 * 1024> buffer{};
  bool changed = false;
  bool rearm = false;
  for (;;) {
    const ssize_t len = ::read(inotify_, buffer.data(), buffer.size());
    if (len <= 0) break;  // EAGAIN: the queue is empty
    for (std::size_t at = 0; at < static_cast<std::size_t>(len);) {
      inotify_event event;
      std::memcpy(&event, buffer.data() + at, sizeof event);
      const char* name = event.len > 0 ? buffer.data() + at + sizeof event : "";
      at += sizeof event + event.len;
      if (!concerns_watched(event.wd, event.mask, name)) continue;
      changed = true;
      rearm =
          rearm || (event.mask & (kComesOrGoes | IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) != 0;
    }
  }
  // Follow folders that came or went; an error here shows again at the next watch().
  if (rearm) static_cast<void>(arm());
  return changed;
}

bool FileWatcher::concerns_watched(int wd, std::uint32_t mask, const char* name) {
  if ((mask & IN_Q_OVERFLOW) != 0) return true;  // events were lost: assume the worst
  const auto it = folders_.find(wd);
  if (it == folders_.end()) return false;  // a watch that arm() has just removed
  if ((mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) != 0) {
    // The folder is gone, or moved and its watch would follow it elsewhere.
    if ((mask & IN_MOVE_SELF) != 0) inotify_rm_watch(inotify_, wd);
    folders_.erase(it);
    return true;
  }
  return std::any_of(it->second.begin(), it->second.end(), [&](const std::string& folder) {
    return names_.count((fs::path(folder) / name).string()) > 0;
  });
}

void FileWatcher::interrupt() {
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t r = ::write(wake_, &one, sizeof one);
}

}  // namespace trialxr::live
