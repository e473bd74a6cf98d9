#include "harness/core/file_io.h"

#include <cerrno>
#include <cstring>
#include <algorithm>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness/core/config_error.h"

namespace kinship {

std::string ReadFileOrThrow(const std::filesystem::path& path) {
  // One read(2) into a string sized from fstat: an ifstream copied through an ostringstream
  // touched three buffers the size of the file, and large suites and runs are read whole.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw ConfigError(path.string() + ": cannot read: " + std::strerror(errno));
  auto fail = [&](int error) {
    ::close(fd);
    throw ConfigError(path.string() + ": cannot read: " + std::strerror(error));
  };
  struct stat st {};
  if (::fstat(fd, &st) != 0) fail(errno);
  if (S_ISDIR(st.st_mode)) fail(EISDIR);
  std::string contents;
  // Regular files report their size; pipes and /proc files report 0 and are read in steps.
  contents.resize(st.st_size > 0 ? static_cast<std::size_t>(st.st_size) : 0);
  std::size_t used = 0;
  for (;;) {
    if (used == contents.size()) contents.resize(std::max<std::size_t>(4096, used * 2));
    ssize_t n = ::read(fd, contents.data() + used, contents.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(errno);
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  ::close(fd);
  contents.resize(used);
  return contents;
}

void WriteFileAtomically(const std::filesystem::path& path, std::string_view contents,
                         Durability durability) {
  std::filesystem::path temp = path;
  temp += ".tmp." + std::to_string(::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error(temp.string() + ": cannot create: " + std::strerror(errno));
  std::size_t written = 0;
  while (written < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      int saved = errno;
      ::close(fd);
      throw std::runtime_error(temp.string() + ": write failed: " + std::strerror(saved));
    }
    written += static_cast<std::size_t>(n);
  }
  if (durability == Durability::kSynced) ::fsync(fd);
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    throw std::runtime_error(path.string() + ": rename failed: " + std::strerror(errno));
  }
}

void SyncPath(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(path.string() + ": cannot open to sync: " + std::strerror(errno));
  if (::fsync(fd) != 0) {
    int saved = errno;
    ::close(fd);
    throw std::runtime_error(path.string() + ": fsync failed: " + std::strerror(saved));
  }
  ::close(fd);
}

}  // namespace kinship
