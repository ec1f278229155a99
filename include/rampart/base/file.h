// SPDX-License-Identifier: Apache-2.0
//
// Reading files safely. Every read has a size bound: rampart scans trees the
// user does not control, where a file may be huge, a FIFO or a device.
// Errors name the path and the operating system's reason.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "rampart/base/status.h"

namespace rampart {

inline constexpr std::size_t kDefaultMaxFileBytes = 64u << 20;  // 64 MiB

// Reads a regular file whole. Fails with kLimitExceeded when it is larger
// than `max_bytes`, and with kIoError when it is not a regular file.
Result<std::string> read_file(const std::string& path,
                              std::size_t max_bytes = kDefaultMaxFileBytes);

// Reads all of standard input, up to `max_bytes`.
Result<std::string> read_stdin(std::size_t max_bytes = kDefaultMaxFileBytes);

// A read-only memory mapping of a whole file; empty files map to an empty
// view. Movable, not copyable; unmaps on destruction.
class MappedFile {
 public:
  static Result<MappedFile> open(const std::string& path,
                                 std::size_t max_bytes);
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view view() const {
    return {static_cast<const char*>(data_), size_};
  }

 private:
  MappedFile() = default;
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

// Writes `content` to `path` atomically: a temporary file in the same folder
// is written, flushed and renamed over the target, so a reader never sees a
// half-written file.
Status write_file_atomic(const std::string& path, std::string_view content);

}  // namespace rampart
