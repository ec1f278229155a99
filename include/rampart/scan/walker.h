// SPDX-License-Identifier: Apache-2.0
//
// The one walk of the scanned tree that `rampart scan` makes: it lists every
// regular file under the root that no filter excludes, in a stable order
// (names sorted byte-wise, folder by folder), with its size.
//
// What is skipped, and why:
// - folders named in `skip_dir_names` (by default version-control metadata
//   and vendored or generated dependency folders: .git, node_modules,
//   vendor, ...), unless `use_default_skips` is false and the caller's list
//   is empty;
// - paths excluded by .gitignore files met on the way (each scoped to its
//   folder, as git does) and by the root's .git/info/exclude (below every
//   .gitignore in precedence, as in git; never read through a link) when
//   `use_gitignore` is set, and by `skip_paths` (gitignore syntax, relative
//   to the root);
// - symbolic links, unless `follow_symlinks` is set; even then a folder is
//   entered at most once (by device and inode), so link loops end;
// - anything that is not a regular file or a folder (FIFOs, sockets,
//   devices), files larger than `max_file_bytes`, and everything past
//   `max_depth` or `max_files`; each of these leaves an info or warning note.
//
// The tree is untrusted; errors on single entries (permission denied, a file
// vanishing mid-walk) become notes and the walk goes on. Only an unreadable
// root fails the whole walk. Not thread-safe; one walk per call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "rampart/base/file.h"
#include "rampart/base/status.h"
#include "rampart/findings/finding.h"
#include "rampart/scan/scanner.h"

namespace rampart::scan {

// Folders skipped by default: version-control metadata, and dependency or
// build-output folders that hold other people's code.
std::vector<std::string> default_skip_dir_names();

struct WalkOptions {
  bool use_default_skips = true;
  std::vector<std::string> skip_dir_names;  // added to the defaults
  std::vector<std::string> skip_paths;      // gitignore-syntax patterns
  bool use_gitignore = true;
  bool follow_symlinks = false;
  std::uint64_t max_file_bytes = kDefaultMaxFileBytes;
  std::size_t max_files = 1000000;
  int max_depth = 128;
};

struct WalkResult {
  std::vector<FileEntry> files;
  std::vector<ScanNote> notes;
};

// Walks `root` (a folder, or a single file which is then the only entry).
Result<WalkResult> walk_tree(const std::string& root,
                             const WalkOptions& options);

}  // namespace rampart::scan
