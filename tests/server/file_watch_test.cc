// SPDX-License-Identifier: Apache-2.0
#include "rampart/server/file_watch.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <unistd.h>

namespace rampart::server {
namespace {

namespace fs = std::filesystem;

class FileWatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rampart-watch-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sub");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  }

  fs::path dir_;
};

TEST_F(FileWatchTest, SnapshotChangesWhenAFileIsRewrittenAddedOrRemoved) {
  write(dir_ / "a.rego", "package a");
  write(dir_ / "sub" / "b.rego", "package b");
  Snapshot first = take_snapshot({dir_});
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(take_snapshot({dir_}), first);

  write(dir_ / "sub" / "b.rego", "package b2");
  Snapshot rewritten = take_snapshot({dir_});
  EXPECT_NE(rewritten, first);

  write(dir_ / "c.rego", "package c");
  Snapshot added = take_snapshot({dir_});
  EXPECT_EQ(added.size(), 3u);

  fs::remove(dir_ / "a.rego");
  EXPECT_EQ(take_snapshot({dir_}).size(), 2u);
}

TEST_F(FileWatchTest, SymlinkSwapIsAChange) {
  // The shape of a Kubernetes projected volume: tls.crt -> ..data/tls.crt.
  fs::create_directories(dir_ / "v1");
  fs::create_directories(dir_ / "v2");
  write(dir_ / "v1" / "tls.crt", "one");
  write(dir_ / "v2" / "tls.crt", "two");
  fs::create_directory_symlink("v1", dir_ / "..data");
  fs::create_symlink("..data/tls.crt", dir_ / "tls.crt");
  Snapshot before = take_snapshot({dir_ / "tls.crt"});

  fs::remove(dir_ / "..data");
  fs::create_directory_symlink("v2", dir_ / "..data");
  EXPECT_NE(take_snapshot({dir_ / "tls.crt"}), before);
}

TEST_F(FileWatchTest, MissingFileIsRecordedAndItsArrivalIsAChange) {
  Snapshot missing = take_snapshot({dir_ / "later.pem"});
  ASSERT_EQ(missing.size(), 1u);
  write(dir_ / "later.pem", "x");
  EXPECT_NE(take_snapshot({dir_ / "later.pem"}), missing);
}

TEST_F(FileWatchTest, WatcherCallsBackOnChangeOnly) {
  write(dir_ / "a.rego", "package a");
  std::atomic<int> calls{0};
  Watcher watcher(std::chrono::milliseconds(20));
  watcher.watch({dir_}, [&calls] { calls.fetch_add(1); });
  watcher.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(120));
  EXPECT_EQ(calls.load(), 0);

  write(dir_ / "a.rego", "package a  # edited");
  for (int i = 0; i < 100 && calls.load() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  watcher.stop();
  EXPECT_EQ(calls.load(), 1);
}

}  // namespace
}  // namespace rampart::server
