// SPDX-License-Identifier: Apache-2.0
#include "rampart/base/file.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

namespace rampart {
namespace {

std::string temp_path(const char* name) {
  return (std::filesystem::temp_directory_path() / name).string();
}

TEST(ReadFile, ReadsWhatWriteFileAtomicWrote) {
  std::string path = temp_path("rampart_file_test.txt");
  ASSERT_TRUE(write_file_atomic(path, "hello\n").is_ok());
  auto content = read_file(path);
  ASSERT_TRUE(content.is_ok()) << content.status().to_string();
  EXPECT_EQ(*content, "hello\n");
  std::remove(path.c_str());
}

TEST(ReadFile, RefusesFilesOverTheLimit) {
  std::string path = temp_path("rampart_file_big.txt");
  ASSERT_TRUE(write_file_atomic(path, std::string(100, 'x')).is_ok());
  auto content = read_file(path, 10);
  ASSERT_FALSE(content.is_ok());
  EXPECT_EQ(content.status().code(), StatusCode::kLimitExceeded);
  EXPECT_NE(content.status().to_string().find(path), std::string::npos);
  std::remove(path.c_str());
}

TEST(ReadFile, RefusesDirectories) {
  auto content = read_file(std::filesystem::temp_directory_path().string());
  ASSERT_FALSE(content.is_ok());
  EXPECT_NE(content.status().message().find("not a regular file"),
            std::string::npos);
}

TEST(ReadFile, NamesTheMissingFile) {
  auto content = read_file("/nonexistent/rampart.yaml");
  ASSERT_FALSE(content.is_ok());
  EXPECT_EQ(content.status().to_string(),
            "/nonexistent/rampart.yaml: cannot open: No such file or directory");
}

TEST(MappedFile, MapsContentAndEmptyFiles) {
  std::string path = temp_path("rampart_map.txt");
  ASSERT_TRUE(write_file_atomic(path, "abc").is_ok());
  auto mapped = MappedFile::open(path, 1024);
  ASSERT_TRUE(mapped.is_ok());
  EXPECT_EQ(mapped->view(), "abc");

  ASSERT_TRUE(write_file_atomic(path, "").is_ok());
  auto empty = MappedFile::open(path, 1024);
  ASSERT_TRUE(empty.is_ok());
  EXPECT_TRUE(empty->view().empty());
  std::remove(path.c_str());
}

}  // namespace
}  // namespace rampart
