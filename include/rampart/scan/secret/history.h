// SPDX-License-Identifier: Apache-2.0
//
// Secret scanning of a git repository's whole history (`--history`).
//
// scan_git_history() opens the repository with libgit2 and walks every
// commit reachable from any reference (branches, tags, remotes, stash),
// parents before children. For each commit it diffs the tree against the
// first parent (the empty tree for a root commit) and scans each added or
// modified blob it has not scanned before, with the same SecretEngine as the
// working-tree scan. Each secret, identified by its fingerprint (rule id +
// secret), is reported once: in the first commit, in that order, whose blob
// contains it. The Finding's target is the file path in that commit, its
// lines are the lines in that blob, and
//   properties["commit"]      = the full commit id (40 hex digits)
//   properties["author_date"] = the author date, ISO 8601 in UTC
//                               ("2024-05-01T12:00:00Z").
// and its code lines (redacted, scan/snippets.h) come from that blob.
//
// For the orchestrator:
//   auto scanner = SecretScanner::create(options);
//   HistoryStats stats;
//   Status s = scan_git_history(repo_path, **scanner, sink, {}, &stats);
//   drop_secrets_in_working_tree(working_tree_findings, sink.findings());
//
// The repository is untrusted input: blobs over the engine's max_file_bytes,
// binary blobs, archives, lock files and minified assets are skipped and
// counted like files; at most HistoryOptions::max_commits commits are
// walked (a warning note says when the walk stopped early). Memory grows
// with the number of distinct blobs and secrets, not with blob sizes.
//
// `repository_path` must be the top folder of a working tree (or a bare
// repository / .git folder): a subfolder of a repository is refused like
// any other path, because the history's paths would not be relative to it.
//
// Errors: a path that is not a git repository, or a libgit2 failure while
// walking, returns a Status naming the repository; a single unreadable object
// becomes a warning note and the walk goes on. Runs on the calling thread;
// libgit2 is initialised and shut down per call, so it is safe to call from
// several threads with separate sinks.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/scan/scanner.h"
#include "rampart/scan/secret/secret_scanner.h"

namespace rampart::scan::secret {

struct HistoryOptions {
  std::size_t max_commits = 1000000;
};

struct HistoryStats {
  std::size_t commits = 0;
  std::size_t blobs_scanned = 0;
  std::size_t blobs_skipped = 0;
  std::size_t secrets = 0;
};

Status scan_git_history(const std::string& repository_path,
                        const SecretScanner& scanner, FindingSink& sink,
                        const HistoryOptions& options = {},
                        HistoryStats* stats = nullptr);

// Removes from `history_findings` every finding whose secret (fingerprint:
// rule id + secret) is also a secret finding of the working-tree scan in
// `working_tree`, so a secret still present is reported once, where it is
// now. Other scanners' findings in `working_tree` are not looked at.
void drop_secrets_in_working_tree(const std::vector<Finding>& working_tree,
                                  std::vector<Finding>& history_findings);

}  // namespace rampart::scan::secret
