// SPDX-License-Identifier: Apache-2.0
//
// Noticing that files on disk changed, by polling.
//
// A Snapshot records, for every regular file under a set of paths (folders
// are walked recursively, symlinks followed as Kubernetes' projected volumes
// need: a Secret or ConfigMap update swaps a `..data` symlink), its device,
// inode, size and modification time. Two snapshots that differ mean that
// something was added, removed, replaced or rewritten. Polling was chosen
// over inotify because inotify misses the symlink swap of projected volumes
// unless every level is watched; a poll every few seconds costs a few stat
// calls per file.
//
// The walk is bounded (kMaxFiles files, kMaxDepth levels), so a huge or
// looping tree cannot stall the watcher. Missing paths are recorded as
// missing, not reported as errors: the caller's load step names the problem.
//
// Watcher runs its checks on one background thread and calls the callbacks
// there; callbacks must be thread-safe with respect to the rest of the
// program. start()/stop() are called from one controlling thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace rampart::server {

struct FileStamp {
  std::string path;
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;

  bool operator==(const FileStamp&) const = default;
};

using Snapshot = std::vector<FileStamp>;

inline constexpr std::size_t kMaxWatchedFiles = 10000;
inline constexpr int kMaxWatchDepth = 32;

// Stamps every regular file under `paths`, sorted by path.
Snapshot take_snapshot(const std::vector<std::filesystem::path>& paths);

class Watcher {
 public:
  using Callback = std::function<void()>;

  explicit Watcher(std::chrono::milliseconds interval);
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // Calls `on_change` on the watcher thread whenever the snapshot of
  // `paths` differs from the previous one. Add every watch before start().
  void watch(std::vector<std::filesystem::path> paths, Callback on_change);

  void start();
  void stop();  // waits for a running callback to return

 private:
  struct Watch {
    std::vector<std::filesystem::path> paths;
    Callback on_change;
    Snapshot last;
  };

  void run();

  std::chrono::milliseconds interval_;
  std::vector<Watch> watches_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace rampart::server
