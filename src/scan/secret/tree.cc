// SPDX-License-Identifier: Apache-2.0
//
// scan_tree(): a standalone parallel walk for the secret scanner (contract in
// rampart/scan/secret/secret_scanner.h). The walk is iterative, never follows
// symbolic links, and turns every unreadable entry into a note; files are
// memory-mapped one at a time per worker thread, so memory stays near the
// size of the files in flight.
#include <atomic>
#include <filesystem>
#include <thread>

#include <git2.h>

#include "rampart/base/file.h"
#include "rampart/scan/secret/secret_scanner.h"

namespace rampart::scan::secret {
namespace {

namespace fs = std::filesystem;

// The enclosing repository's ignore rules, when there is one.
class GitIgnore {
 public:
  explicit GitIgnore(const std::string& root) {
    git_libgit2_init();
    if (git_repository_open_ext(&repository_, root.c_str(), 0, nullptr) != 0) {
      repository_ = nullptr;
    }
    if (repository_ != nullptr && git_repository_workdir(repository_)) {
      workdir_ = fs::weakly_canonical(git_repository_workdir(repository_));
    }
  }
  ~GitIgnore() {
    if (repository_ != nullptr) git_repository_free(repository_);
    git_libgit2_shutdown();
  }
  GitIgnore(const GitIgnore&) = delete;
  GitIgnore& operator=(const GitIgnore&) = delete;

  bool ignored(const fs::path& path, bool directory) const {
    if (repository_ == nullptr || workdir_.empty()) return false;
    std::error_code error;
    fs::path relative =
        fs::relative(fs::absolute(path, error), workdir_, error);
    if (error || relative.empty() || *relative.begin() == "..") return false;
    std::string text = relative.generic_string();
    if (text == ".git" || text.rfind(".git/", 0) == 0) return true;
    if (directory) text += "/";
    int ignored = 0;
    git_ignore_path_is_ignored(&ignored, repository_, text.c_str());
    return ignored == 1;
  }

 private:
  git_repository* repository_ = nullptr;
  fs::path workdir_;
};

struct Walk {
  const SecretScanner& scanner;
  FindingSink& sink;
  const GitIgnore* ignore = nullptr;
  fs::path root;
  std::vector<FileEntry> files;

  void warn(const std::string& target, const std::string& message) {
    sink.note({ScanNote::Level::kWarning, "secret", target, 0, message});
  }

  std::string relative(const fs::path& path) const {
    return path.lexically_relative(root).generic_string();
  }

  void visit(const fs::directory_entry& entry, std::vector<fs::path>& folders) {
    std::error_code error;
    auto status = entry.symlink_status(error);
    std::string name = relative(entry.path());
    if (error) {
      scanner.count_skip(SkipReason::kUnreadable);
      return warn(name, "cannot stat: " + error.message());
    }
    if (fs::is_symlink(status)) return scanner.count_skip(SkipReason::kSymlink);
    bool folder = fs::is_directory(status);
    if (ignore != nullptr && ignore->ignored(entry.path(), folder)) {
      return scanner.count_skip(SkipReason::kGitIgnored);
    }
    if (folder) return folders.push_back(entry.path());
    if (!fs::is_regular_file(status)) {
      return scanner.count_skip(SkipReason::kNotRegular);
    }
    FileEntry file{entry.path().string(), name,
                   static_cast<std::uint64_t>(entry.file_size(error))};
    if (scanner.wants(file)) files.push_back(std::move(file));
  }

  void collect() {
    std::vector<fs::path> folders{root};
    while (!folders.empty()) {
      fs::path folder = std::move(folders.back());
      folders.pop_back();
      std::error_code error;
      fs::directory_iterator it(folder, error);
      if (error) {
        scanner.count_skip(SkipReason::kUnreadable);
        warn(relative(folder), "cannot list folder: " + error.message());
        continue;
      }
      for (; it != fs::directory_iterator(); it.increment(error)) {
        visit(*it, folders);
      }
      if (error) warn(relative(folder), "listing stopped: " + error.message());
    }
  }
};

void scan_one(SecretScanner& scanner, const FileEntry& file,
              FindingSink& sink) {
  auto mapped =
      MappedFile::open(file.path, scanner.engine().options().max_file_bytes);
  if (!mapped) {
    bool too_large = mapped.status().code() == StatusCode::kLimitExceeded;
    scanner.count_skip(too_large ? SkipReason::kTooLarge
                                 : SkipReason::kUnreadable);
    if (!too_large) {
      sink.note({ScanNote::Level::kWarning, "secret", file.relative_path, 0,
                 mapped.status().message()});
    }
    return;
  }
  scanner.scan_file(file, mapped->view(), sink);
}

}  // namespace

Status scan_tree(const std::string& root, SecretScanner& scanner,
                 FindingSink& sink, const TreeOptions& options) {
  std::error_code error;
  if (!fs::is_directory(root, error)) {
    return Status(StatusCode::kNotFound, "not a folder", SourceLocation{root});
  }
  std::unique_ptr<GitIgnore> ignore;
  if (options.respect_gitignore) ignore = std::make_unique<GitIgnore>(root);
  Walk walk{scanner, sink, ignore.get(), fs::path(root), {}};
  walk.collect();

  unsigned threads = options.threads != 0
                         ? options.threads
                         : std::max(1u, std::thread::hardware_concurrency());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < walk.files.size(); i = next++) {
      scan_one(scanner, walk.files[i], sink);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  return Status::ok();
}

}  // namespace rampart::scan::secret
