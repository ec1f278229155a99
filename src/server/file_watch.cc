// SPDX-License-Identifier: Apache-2.0
//
// Polling file watcher (see server/file_watch.h). Uses stat(2) directly so
// that device, inode and nanosecond mtime are all available; filesystem
// errors while walking are skipped, never thrown.
#include "rampart/server/file_watch.h"

#include <algorithm>
#include <system_error>

#include <sys/stat.h>

namespace rampart::server {

namespace {

namespace fs = std::filesystem;

bool stamp_file(const fs::path& path, Snapshot& out) {
  struct stat info {};
  // stat, not lstat: a swapped symlink shows up as a new inode.
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return false;
  FileStamp stamp;
  stamp.path = path.string();
  stamp.device = static_cast<std::uint64_t>(info.st_dev);
  stamp.inode = static_cast<std::uint64_t>(info.st_ino);
  stamp.size = static_cast<std::uint64_t>(info.st_size);
  stamp.mtime_ns =
      static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 +
      info.st_mtim.tv_nsec;
  out.push_back(std::move(stamp));
  return true;
}

void stamp_tree(const fs::path& root, Snapshot& out) {
  std::error_code error;
  auto options = fs::directory_options::follow_directory_symlink |
                 fs::directory_options::skip_permission_denied;
  fs::recursive_directory_iterator it(root, options, error);
  for (; !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    if (out.size() >= kMaxWatchedFiles) return;
    if (it.depth() >= kMaxWatchDepth) {
      it.disable_recursion_pending();
      continue;
    }
    stamp_file(it->path(), out);
  }
}

}  // namespace

Snapshot take_snapshot(const std::vector<std::filesystem::path>& paths) {
  Snapshot snapshot;
  for (const auto& path : paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      stamp_tree(path, snapshot);
    } else if (!stamp_file(path, snapshot)) {
      // Recorded so that a file appearing later counts as a change.
      snapshot.push_back(FileStamp{path.string() + " (missing)"});
    }
  }
  std::sort(
      snapshot.begin(), snapshot.end(),
      [](const FileStamp& a, const FileStamp& b) { return a.path < b.path; });
  return snapshot;
}

Watcher::Watcher(std::chrono::milliseconds interval) : interval_(interval) {}

Watcher::~Watcher() { stop(); }

void Watcher::watch(std::vector<std::filesystem::path> paths,
                    Callback on_change) {
  Snapshot first = take_snapshot(paths);
  watches_.push_back(
      Watch{std::move(paths), std::move(on_change), std::move(first)});
}

void Watcher::start() {
  if (watches_.empty() || thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void Watcher::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Watcher::run() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    for (Watch& watch : watches_) {
      Snapshot now = take_snapshot(watch.paths);
      if (now == watch.last) continue;
      watch.last = std::move(now);
      watch.on_change();
    }
    lock.lock();
  }
}

}  // namespace rampart::server
