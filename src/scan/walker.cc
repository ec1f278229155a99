// SPDX-License-Identifier: Apache-2.0
//
// The tree walk of walker.h, on POSIX directory calls: openat/fdopendir keep
// each folder pinned by descriptor, so a folder renamed mid-walk cannot
// redirect the walk, and fstatat without following links tells files from
// links from folders. The recursion depth is bounded by max_depth.
#include "rampart/scan/walker.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <set>
#include <utility>

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rampart/scan/path_filter.h"

namespace rampart::scan {

std::vector<std::string> default_skip_dir_names() {
  return {".git",         ".hg",     ".svn",
          "node_modules", "vendor",  "bower_components",
          "__pycache__",  ".venv",   ".tox",
          ".terraform",   ".gradle", ".mypy_cache",
          ".pytest_cache"};
}

namespace {

constexpr std::size_t kMaxGitignoreBytes = 1u << 20;

std::string join(const std::string& a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (a.back() == '/') return a + std::string(b);
  return a + "/" + std::string(b);
}

class Walker {
 public:
  Walker(const WalkOptions& options, WalkResult& result)
      : options_(options), result_(result) {
    if (options.use_default_skips) {
      for (std::string& name : default_skip_dir_names()) {
        skip_names_.insert(std::move(name));
      }
    }
    for (const std::string& name : options.skip_dir_names) {
      skip_names_.insert(name);
    }
    for (const std::string& pattern : options.skip_paths) {
      skip_paths_.add_pattern("", pattern);
    }
  }

  void walk_folder(int dir_fd, const std::string& path,
                   const std::string& relative, int depth);

 private:
  struct Child {
    std::string name;
    struct stat info;
  };

  void note(ScanNote::Level level, const std::string& target,
            std::string message) {
    result_.notes.push_back({level, "", target, 0, std::move(message)});
  }
  bool excluded(const std::string& relative, bool is_dir) const {
    return skip_paths_.excluded(relative, is_dir) ||
           gitignore_.excluded(relative, is_dir);
  }
  void load_gitignore(int dir_fd, const std::string& relative);
  void load_git_exclude(int root_fd);
  std::vector<Child> list_children(int dir_fd, const std::string& relative);
  void visit(int dir_fd, const std::string& path, const std::string& relative,
             const Child& child, int depth);

  const WalkOptions& options_;
  WalkResult& result_;
  std::set<std::string> skip_names_;
  PathFilter skip_paths_;
  PathFilter gitignore_;
  std::set<std::pair<dev_t, ino_t>> folders_seen_;
  bool file_limit_noted_ = false;
};

// Reads a small regular file at `name` below `dir_fd` without following a
// link at any step, so a planted link cannot make the walk read a file from
// outside the tree. Nothing when it is missing, not a file or too large.
std::optional<std::string> read_small_file(int dir_fd,
                                           const std::string& name) {
  int fd = openat(dir_fd, name.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return std::nullopt;
  struct stat info;
  if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) ||
      static_cast<std::uint64_t>(info.st_size) > kMaxGitignoreBytes) {
    close(fd);
    return std::nullopt;
  }
  std::string text(static_cast<std::size_t>(info.st_size), '\0');
  ssize_t got = read(fd, text.data(), text.size());
  close(fd);
  if (got < 0) return std::nullopt;
  text.resize(static_cast<std::size_t>(got));
  return text;
}

// Opens the folder `name` below `dir_fd`, refusing a link; -1 if it fails.
int open_folder_no_link(int dir_fd, const char* name) {
  return openat(dir_fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
}

void Walker::load_gitignore(int dir_fd, const std::string& relative) {
  if (!options_.use_gitignore) return;
  std::optional<std::string> text = read_small_file(dir_fd, ".gitignore");
  if (text) gitignore_.add_file(relative, *text);
}

// .git/info/exclude holds the repository's private ignore patterns, rooted
// at the top of the work tree like a root .gitignore. Git gives them a
// lower precedence than any .gitignore, and the filter lets the last
// matching pattern decide, so they go in before the root .gitignore.
// TODO(scan): a `.git` file (worktrees, submodules: "gitdir: PATH") and the
// global core.excludesFile are not read; files only they exclude are
// scanned. Fix: follow the gitdir line within the tree, read git's config.
void Walker::load_git_exclude(int root_fd) {
  if (!options_.use_gitignore) return;
  int git_fd = open_folder_no_link(root_fd, ".git");
  if (git_fd < 0) return;
  int info_fd = open_folder_no_link(git_fd, "info");
  close(git_fd);
  if (info_fd < 0) return;
  std::optional<std::string> text = read_small_file(info_fd, "exclude");
  close(info_fd);
  if (text) gitignore_.add_file("", *text);
}

std::vector<Walker::Child> Walker::list_children(int dir_fd,
                                                 const std::string& relative) {
  std::vector<Child> children;
  int list_fd = dup(dir_fd);
  DIR* dir = list_fd >= 0 ? fdopendir(list_fd) : nullptr;
  if (dir == nullptr) {
    if (list_fd >= 0) close(list_fd);
    note(ScanNote::Level::kWarning, relative,
         fmt::format("cannot list folder: {}", std::strerror(errno)));
    return children;
  }
  while (dirent* entry = readdir(dir)) {
    std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    Child child{std::string(name), {}};
    if (fstatat(dir_fd, entry->d_name, &child.info, AT_SYMLINK_NOFOLLOW) != 0) {
      continue;  // vanished since readdir
    }
    children.push_back(std::move(child));
  }
  closedir(dir);
  std::sort(children.begin(), children.end(),
            [](const Child& a, const Child& b) { return a.name < b.name; });
  return children;
}

void Walker::walk_folder(int dir_fd, const std::string& path,
                         const std::string& relative, int depth) {
  if (depth > options_.max_depth) {
    note(ScanNote::Level::kWarning, relative,
         fmt::format("folder nested deeper than {} levels; not scanned",
                     options_.max_depth));
    return;
  }
  if (depth == 0) load_git_exclude(dir_fd);
  load_gitignore(dir_fd, relative);
  for (const Child& child : list_children(dir_fd, relative)) {
    if (result_.files.size() >= options_.max_files) {
      if (!file_limit_noted_) {
        note(ScanNote::Level::kWarning, relative,
             fmt::format("more than {} files; the rest is not scanned",
                         options_.max_files));
        file_limit_noted_ = true;
      }
      return;
    }
    visit(dir_fd, path, relative, child, depth);
  }
}

void Walker::visit(int dir_fd, const std::string& path,
                   const std::string& relative, const Child& child, int depth) {
  std::string child_path = join(path, child.name);
  std::string child_relative = join(relative, child.name);
  struct stat info = child.info;

  // A link is taken for what it points to only when the user asked.
  if (S_ISLNK(info.st_mode)) {
    if (!options_.follow_symlinks ||
        fstatat(dir_fd, child.name.c_str(), &info, 0) != 0) {
      note(ScanNote::Level::kInfo, child_relative,
           "symbolic link not followed");
      return;
    }
  }

  if (S_ISDIR(info.st_mode)) {
    if (skip_names_.count(child.name) != 0) return;
    if (excluded(child_relative, true)) return;
    // Each folder once: ends link loops and bind-mount cycles.
    if (!folders_seen_.insert({info.st_dev, info.st_ino}).second) return;
    int fd =
        openat(dir_fd, child.name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
      note(ScanNote::Level::kWarning, child_relative,
           fmt::format("cannot open folder: {}", std::strerror(errno)));
      return;
    }
    walk_folder(fd, child_path, child_relative, depth + 1);
    close(fd);
    return;
  }

  if (!S_ISREG(info.st_mode)) return;  // FIFOs, sockets, devices
  if (excluded(child_relative, false)) return;
  auto size = static_cast<std::uint64_t>(info.st_size);
  if (size > options_.max_file_bytes) {
    note(ScanNote::Level::kInfo, child_relative,
         fmt::format("larger than {} bytes; not scanned",
                     options_.max_file_bytes));
    return;
  }
  result_.files.push_back({child_path, child_relative, size});
}

std::string base_name(const std::string& path) {
  std::size_t end = path.find_last_not_of('/');
  if (end == std::string::npos) return path;
  std::size_t slash = path.rfind('/', end);
  return path.substr(slash == std::string::npos ? 0 : slash + 1,
                     end - (slash == std::string::npos ? 0 : slash + 1) + 1);
}

}  // namespace

Result<WalkResult> walk_tree(const std::string& root,
                             const WalkOptions& options) {
  struct stat info;
  if (stat(root.c_str(), &info) != 0) {
    return Status(StatusCode::kNotFound,
                  fmt::format("cannot scan: {}", std::strerror(errno)),
                  {root, 0, 0});
  }
  WalkResult result;
  if (S_ISREG(info.st_mode)) {
    result.files.push_back(
        {root, base_name(root), static_cast<std::uint64_t>(info.st_size)});
    return result;
  }
  if (!S_ISDIR(info.st_mode)) {
    return Status(StatusCode::kInvalidArgument,
                  "cannot scan: not a folder or a regular file", {root, 0, 0});
  }
  int fd = open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return Status(StatusCode::kIoError,
                  fmt::format("cannot open: {}", std::strerror(errno)),
                  {root, 0, 0});
  }
  Walker walker(options, result);
  walker.walk_folder(fd, root, "", 0);
  close(fd);
  return result;
}

}  // namespace rampart::scan
