#include "trialxr/live/file_watcher.h"

#include <fmt/format.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

namespace trialxr::live {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ATTRIB;

std::string canonical_path(const std::string& file) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(file), ec);
  return ec ? fs::absolute(file).lexically_normal().string() : p.string();
}

}  // namespace

Result<FileWatcher> FileWatcher::create() {
  const int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return fail(fmt::format("cannot watch files: inotify: {}", std::strerror(errno)));
  const int wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake < 0) {
    ::close(fd);
    return fail(fmt::format("cannot watch files: eventfd: {}", std::strerror(errno)));
  }
  return FileWatcher(fd, wake);
}

FileWatcher::FileWatcher(FileWatcher&& o) noexcept
    : inotify_(std::exchange(o.inotify_, -1)),
      wake_(std::exchange(o.wake_, -1)),
      names_(std::move(o.names_)),
      folders_(std::move(o.folders_)) {}

FileWatcher& FileWatcher::operator=(FileWatcher&& o) noexcept {
  if (this != &o) {
    close_all();
    inotify_ = std::exchange(o.inotify_, -1);
    wake_ = std::exchange(o.wake_, -1);
    names_ = std::move(o.names_);
    folders_ = std::move(o.folders_);
  }
  return *this;
}

FileWatcher::~FileWatcher() {
  close_all();
}

void FileWatcher::close_all() {
  if (inotify_ >= 0) ::close(inotify_);
  if (wake_ >= 0) ::close(wake_);
  inotify_ = wake_ = -1;
}

Status FileWatcher::watch(const std::vector<std::string>& files) {
  // Folders already watched keep their watch, so no change is lost while the set is
  // updated (events that came meanwhile stay queued for wait_for_change).
  std::set<std::string> names;
  std::set<std::string> folders;
  for (const std::string& f : files) {
    const std::string path = canonical_path(f);
    names.insert(path);
    folders.insert(fs::path(path).parent_path().string());
  }
  std::vector<std::pair<int, std::string>> kept;
  for (const auto& [wd, folder] : folders_) {
    if (folders.count(folder) > 0) {
      kept.emplace_back(wd, folder);
      folders.erase(folder);
    } else {
      inotify_rm_watch(inotify_, wd);
    }
  }
  folders_ = std::move(kept);
  names_ = std::move(names);
  for (const std::string& folder : folders) {
    const int w = inotify_add_watch(inotify_, folder.c_str(), kMask);
    if (w < 0) {
      return fail(fmt::format("cannot watch {}: {}{}", folder, std::strerror(errno),
                              errno == ENOSPC ? " (raise fs.inotify.max_user_watches)" : ""));
    }
    folders_.emplace_back(w, folder);
  }
  return {};
}

bool FileWatcher::wait_for_change(std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        end - std::chrono::steady_clock::now());
    std::array<pollfd, 2> fds = {{{inotify_, POLLIN, 0}, {wake_, POLLIN, 0}}};
    const int n = ::poll(fds.data(), fds.size(), static_cast<int>(std::max<long>(0, left.count())));
    if (n <= 0) return false;  // timeout (or EINTR: treated as one)
    if (fds[1].revents & POLLIN) {
      std::uint64_t value = 0;
      [[maybe_unused]] ssize_t r = ::read(wake_, &value, sizeof value);
      return false;
    }
    alignas(inotify_event) std::array<char, 16 * 1024> buffer{};
    bool changed = false;
    for (;;) {
      const ssize_t len = ::read(inotify_, buffer.data(), buffer.size());
      if (len <= 0) break;
      for (ssize_t at = 0; at < len;) {
        const auto* e = reinterpret_cast<const inotify_event*>(buffer.data() + at);
        at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
        if (e->len == 0) continue;
        for (const auto& [wd, folder] : folders_) {
          if (wd == e->wd && names_.count((fs::path(folder) / e->name).string()) > 0)
            changed = true;
        }
      }
    }
    if (changed) return true;
  }
}

void FileWatcher::interrupt() {
  const std::uint64_t one = 1;
  [[maybe_unused]] ssize_t r = ::write(wake_, &one, sizeof one);
}

}  // namespace trialxr::live
