// SPDX-License-Identifier: Apache-2.0
//
// A throw-away folder for tests that need real files: created under
// $TMPDIR (or /tmp) by mkdtemp, removed with everything in it on destruction.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rampart::testing {

class TempTree {
 public:
  TempTree() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp != nullptr ? tmp : "/tmp") + "/rampart-test-XXXXXX";
    char* made = mkdtemp(pattern.data());
    root_ = made != nullptr ? made : "";
  }
  ~TempTree() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const std::string& root() const { return root_; }
  std::string path(const std::string& relative) const {
    return root_ + "/" + relative;
  }

  // Writes `content` to root/relative, creating folders on the way.
  void write(const std::string& relative, const std::string& content) const {
    std::filesystem::path target = path(relative);
    std::filesystem::create_directories(target.parent_path());
    std::ofstream(target, std::ios::binary) << content;
  }
  void mkdir(const std::string& relative) const {
    std::filesystem::create_directories(path(relative));
  }
  void symlink(const std::string& target, const std::string& relative) const {
    std::filesystem::create_symlink(target, path(relative));
  }

 private:
  std::string root_;
};

}  // namespace rampart::testing
