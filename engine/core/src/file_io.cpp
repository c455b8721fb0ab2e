#include "trialxr/core/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace trialxr {

namespace {

std::string errno_text() {
  return std::strerror(errno);
}

Status write_all(int fd, const std::byte* data, std::size_t size, const std::string& path) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(path + ": cannot write: " + errno_text());
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return {};
}

}  // namespace

Result<std::string> read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return fail(path + ": is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(path + ": cannot open: " + errno_text());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return fail(path + ": cannot read: " + errno_text());
  return std::move(buffer).str();
}

Status write_file_atomic(const std::string& path, std::span<const std::byte> bytes, unsigned mode) {
  std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::string temp = (dir / ("." + target.filename().string() + ".tmpXXXXXX")).string();
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return fail(path + ": cannot create a file in " + dir.string() + ": " + errno_text());
  auto cleanup = [&](Status status) {
    ::close(fd);
    ::unlink(temp.c_str());
    return status;
  };
  if (::fchmod(fd, mode) != 0) return cleanup(fail(path + ": cannot set mode: " + errno_text()));
  if (auto ok = write_all(fd, bytes.data(), bytes.size(), path); !ok) return cleanup(ok);
  if (::fsync(fd) != 0) return cleanup(fail(path + ": cannot sync: " + errno_text()));
  if (::close(fd) != 0) {
    ::unlink(temp.c_str());
    return fail(path + ": cannot close: " + errno_text());
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    std::string reason = errno_text();
    ::unlink(temp.c_str());
    return fail(path + ": cannot replace: " + reason);
  }
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

Status write_file_atomic(const std::string& path, std::string_view text, unsigned mode) {
  return write_file_atomic(
      path,
      std::span<const std::byte>(reinterpret_cast<const std::byte*>(text.data()), text.size()),
      mode);
}

}  // namespace trialxr
