// SPDX-License-Identifier: Apache-2.0
//
// POSIX implementation of the bounded file helpers in rampart/base/file.h.
#include "rampart/base/file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <cstdio>

namespace rampart {
namespace {

Status os_error(const std::string& path, const char* what) {
  return Status(StatusCode::kIoError,
                std::string(what) + ": " + std::strerror(errno),
                SourceLocation{path});
}

// Closes a descriptor when the scope ends.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() {
    if (fd_ >= 0) ::close(fd_);
  }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;

 private:
  int fd_;
};

Result<std::size_t> regular_file_size(int fd, const std::string& path,
                                      std::size_t max_bytes) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) return os_error(path, "cannot stat");
  if (!S_ISREG(info.st_mode)) {
    return Status(StatusCode::kIoError, "not a regular file",
                  SourceLocation{path});
  }
  auto size = static_cast<std::size_t>(info.st_size);
  if (size > max_bytes) {
    return Status(StatusCode::kLimitExceeded,
                  "file is " + std::to_string(size) + " bytes, over the " +
                      std::to_string(max_bytes) + "-byte limit",
                  SourceLocation{path});
  }
  return size;
}

// Reads from `fd` until end of file, failing once more than `max_bytes`
// arrive (the size reported by stat may be stale or absent).
Result<std::string> read_all(int fd, const std::string& path,
                             std::size_t max_bytes) {
  std::string content;
  char buffer[1 << 16];
  while (true) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      return os_error(path, "cannot read");
    }
    if (got == 0) return content;
    if (content.size() + static_cast<std::size_t>(got) > max_bytes) {
      return Status(StatusCode::kLimitExceeded,
                    "input is over the " + std::to_string(max_bytes) +
                        "-byte limit",
                    SourceLocation{path});
    }
    content.append(buffer, static_cast<std::size_t>(got));
  }
}

}  // namespace

Result<std::string> read_file(const std::string& path, std::size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return os_error(path, "cannot open");
  FdCloser closer(fd);
  auto size = regular_file_size(fd, path, max_bytes);
  if (!size) return size.status();
  return read_all(fd, path, max_bytes);
}

Result<std::string> read_stdin(std::size_t max_bytes) {
  return read_all(STDIN_FILENO, "<stdin>", max_bytes);
}

Result<MappedFile> MappedFile::open(const std::string& path,
                                    std::size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return os_error(path, "cannot open");
  FdCloser closer(fd);
  auto size = regular_file_size(fd, path, max_bytes);
  if (!size) return size.status();

  MappedFile mapped;
  if (*size == 0) return mapped;
  void* data = ::mmap(nullptr, *size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (data == MAP_FAILED) return os_error(path, "cannot map");
  mapped.data_ = data;
  mapped.size_ = *size;
  return mapped;
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(other.data_), size_(other.size_) {
  other.data_ = nullptr;
  other.size_ = 0;
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) ::munmap(data_, size_);
    data_ = other.data_;
    size_ = other.size_;
    other.data_ = nullptr;
    other.size_ = 0;
  }
  return *this;
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(data_, size_);
}

Status write_file_atomic(const std::string& path, std::string_view content) {
  std::string temp = path + ".tmp-" + std::to_string(::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return os_error(temp, "cannot create");

  const char* cursor = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t wrote = ::write(fd, cursor, left);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote < 0) {
      Status failed = os_error(temp, "cannot write");
      ::close(fd);
      ::unlink(temp.c_str());
      return failed;
    }
    cursor += wrote;
    left -= static_cast<std::size_t>(wrote);
  }

  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(temp.c_str());
    return os_error(temp, "cannot flush");
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    ::unlink(temp.c_str());
    return os_error(path, "cannot replace");
  }
  return Status::ok();
}

}  // namespace rampart
