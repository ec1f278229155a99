// SPDX-License-Identifier: Apache-2.0
//
// A scratch folder for the admission tests: writes policy and constraint
// files under a fresh temporary directory and removes it afterwards.
// Test-only; not thread-safe.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace rampart::admission::testing {

class ScratchDir {
 public:
  ScratchDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("rampart-admission-" + std::to_string(::getpid()) + "-" +
             std::to_string(++counter));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  // Writes `text` to `name` (subfolders created) and returns its path.
  std::filesystem::path write(const std::string& name,
                              const std::string& text) const {
    std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace rampart::admission::testing
