// SPDX-License-Identifier: Apache-2.0
//
// Git history mode (contract in rampart/scan/secret/history.h): a libgit2
// revision walk, oldest first, scanning each blob once and reporting each
// secret at its first appearance.
#include "rampart/scan/secret/history.h"

#include <ctime>
#include <memory>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "rampart/scan/snippets.h"

#include "git2_api.h"

namespace rampart::scan::secret {
namespace {

// libgit2's functions: scan_git_history() loads them before anything below
// runs, so the helpers can take the table as loaded.
const Git2Api& lib() { return *git2_api().value(); }

// Frees with the table's `Free` member (git_commit_free and the like).
template <typename T, void (*Git2Api::*Free)(T*)>
struct GitDeleter {
  void operator()(T* object) const {
    if (object != nullptr) (lib().*Free)(object);
  }
};
template <typename T, void (*Git2Api::*Free)(T*)>
using GitPtr = std::unique_ptr<T, GitDeleter<T, Free>>;

using Repository = GitPtr<git_repository, &Git2Api::git_repository_free>;
using RevWalk = GitPtr<git_revwalk, &Git2Api::git_revwalk_free>;
using Commit = GitPtr<git_commit, &Git2Api::git_commit_free>;
using Tree = GitPtr<git_tree, &Git2Api::git_tree_free>;
using Diff = GitPtr<git_diff, &Git2Api::git_diff_free>;
using Blob = GitPtr<git_blob, &Git2Api::git_blob_free>;

// libgit2 needs init/shutdown around use; counted, so nesting is fine.
class LibGit2 {
 public:
  LibGit2() { lib().git_libgit2_init(); }
  ~LibGit2() { lib().git_libgit2_shutdown(); }
  LibGit2(const LibGit2&) = delete;
  LibGit2& operator=(const LibGit2&) = delete;
};

Status git_failure(const std::string& repository, const char* what) {
  const git_error* error = lib().git_error_last();
  std::string detail = error != nullptr && error->message != nullptr
                           ? error->message
                           : "unknown libgit2 error";
  return Status(StatusCode::kIoError, std::string(what) + ": " + detail,
                SourceLocation{repository});
}

std::string oid_hex(const git_oid* oid) {
  char text[GIT_OID_HEXSZ + 1];
  lib().git_oid_tostr(text, sizeof text, oid);
  return text;
}

std::string iso_date(git_time_t seconds) {
  std::time_t time = static_cast<std::time_t>(seconds);
  std::tm parts{};
  gmtime_r(&time, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

struct OidHash {
  std::size_t operator()(const git_oid& oid) const {
    std::size_t hash = 0;
    for (int i = 0; i < 8; ++i) hash = (hash << 8) | oid.id[i];
    return hash;
  }
};
struct OidEqual {
  bool operator()(const git_oid& a, const git_oid& b) const {
    return lib().git_oid_equal(&a, &b) != 0;
  }
};

class HistoryScan {
 public:
  HistoryScan(const std::string& path, const SecretScanner& scanner,
              FindingSink& sink, const HistoryOptions& options)
      : path_(path), scanner_(scanner), sink_(sink), options_(options) {}

  Status run();
  const HistoryStats& stats() const { return stats_; }

 private:
  Status open_walk(RevWalk& walk);
  void scan_commit(git_commit* commit);
  void scan_delta(const git_diff_delta& delta, git_commit* commit);
  void warn(const std::string& target, const std::string& message) {
    sink_.note({ScanNote::Level::kWarning, "secret", target, 0, message});
  }

  std::string path_;
  const SecretScanner& scanner_;
  FindingSink& sink_;
  HistoryOptions options_;
  HistoryStats stats_;
  Repository repository_;
  std::unordered_set<git_oid, OidHash, OidEqual> blobs_seen_;
  std::unordered_set<std::string> secrets_seen_;
};

Status HistoryScan::open_walk(RevWalk& walk) {
  git_repository* repository = nullptr;
  if (lib().git_repository_open_ext(&repository, path_.c_str(),
                                    GIT_REPOSITORY_OPEN_NO_SEARCH,
                                    nullptr) != 0) {
    return git_failure(path_, "not a git repository");
  }
  repository_.reset(repository);
  git_revwalk* raw = nullptr;
  if (lib().git_revwalk_new(&raw, repository) != 0) {
    return git_failure(path_, "cannot walk history");
  }
  walk.reset(raw);
  // Parents before children, so the first sighting of a secret is the
  // commit that introduced it.
  lib().git_revwalk_sorting(raw, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
  // Every reference, plus HEAD for a detached checkout. Either may fail
  // alone (no references yet, a tag naming a tree); both failing is an error.
  int refs = lib().git_revwalk_push_glob(raw, "refs/*");
  int head = lib().git_revwalk_push_head(raw);
  if (refs != 0 && head != 0) {
    return git_failure(path_, "cannot read references");
  }
  return Status::ok();
}

Status HistoryScan::run() {
  RevWalk walk;
  RAMPART_RETURN_IF_ERROR(open_walk(walk));
  git_oid oid;
  while (lib().git_revwalk_next(&oid, walk.get()) == 0) {
    if (stats_.commits >= options_.max_commits) {
      warn("", "history walk stopped after " +
                   std::to_string(options_.max_commits) + " commits");
      break;
    }
    ++stats_.commits;
    git_commit* raw = nullptr;
    if (lib().git_commit_lookup(&raw, repository_.get(), &oid) != 0) {
      warn(oid_hex(&oid), "cannot read commit");
      continue;
    }
    Commit commit(raw);
    scan_commit(commit.get());
  }
  return Status::ok();
}

void HistoryScan::scan_commit(git_commit* commit) {
  git_tree* raw_tree = nullptr;
  git_tree* raw_parent_tree = nullptr;
  if (lib().git_commit_tree(&raw_tree, commit) != 0) {
    return warn(oid_hex(lib().git_commit_id(commit)), "cannot read tree");
  }
  Tree tree(raw_tree);
  Tree parent_tree;
  if (lib().git_commit_parentcount(commit) > 0) {
    git_commit* raw_parent = nullptr;
    if (lib().git_commit_parent(&raw_parent, commit, 0) == 0) {
      Commit parent(raw_parent);
      if (lib().git_commit_tree(&raw_parent_tree, parent.get()) == 0) {
        parent_tree.reset(raw_parent_tree);
      }
    }
  }
  git_diff* raw_diff = nullptr;
  if (lib().git_diff_tree_to_tree(&raw_diff, repository_.get(),
                                  parent_tree.get(), tree.get(),
                                  nullptr) != 0) {
    return warn(oid_hex(lib().git_commit_id(commit)), "cannot diff commit");
  }
  Diff diff(raw_diff);
  std::size_t deltas = lib().git_diff_num_deltas(diff.get());
  for (std::size_t i = 0; i < deltas; ++i) {
    scan_delta(*lib().git_diff_get_delta(diff.get(), i), commit);
  }
}

void HistoryScan::scan_delta(const git_diff_delta& delta, git_commit* commit) {
  if (delta.status != GIT_DELTA_ADDED && delta.status != GIT_DELTA_MODIFIED &&
      delta.status != GIT_DELTA_RENAMED && delta.status != GIT_DELTA_COPIED) {
    return;
  }
  if (delta.new_file.mode == GIT_FILEMODE_COMMIT) return;  // submodule
  if (!blobs_seen_.insert(delta.new_file.id).second) return;

  const SecretEngine& engine = scanner_.engine();
  std::string path = delta.new_file.path != nullptr ? delta.new_file.path : "";
  SkipReason reason = engine.skip_by_name(path, delta.new_file.size);
  if (reason != SkipReason::kNone) {
    scanner_.count_skip(reason);
    ++stats_.blobs_skipped;
    return;
  }
  git_blob* raw = nullptr;
  if (lib().git_blob_lookup(&raw, repository_.get(), &delta.new_file.id) != 0) {
    scanner_.count_skip(SkipReason::kUnreadable);
    return warn(path, "cannot read blob " + oid_hex(&delta.new_file.id));
  }
  Blob blob(raw);
  std::string_view content(
      static_cast<const char*>(lib().git_blob_rawcontent(raw)),
      static_cast<std::size_t>(lib().git_blob_rawsize(raw)));
  ScanResult result = engine.scan(path, content);
  if (result.skipped != SkipReason::kNone) {
    scanner_.count_skip(result.skipped);
    ++stats_.blobs_skipped;
    return;
  }
  ++stats_.blobs_scanned;
  scanner_.count_scanned(content.size());

  for (const auto& match : result.matches) {
    if (!secrets_seen_.insert(match.fingerprint).second) continue;
    ++stats_.secrets;
    Finding finding = make_secret_finding(match, path);
    finding.properties["commit"] = oid_hex(lib().git_commit_id(commit));
    finding.properties["author_date"] =
        iso_date(lib().git_commit_author(commit)->when.time);
    // Code lines come from the blob here: the orchestrator would take them
    // from the working-tree file of the same name, which may differ.
    std::vector<Finding*> of_blob{&finding};
    attach_snippets(content, of_blob);
    sink_.add(std::move(finding));
  }
}

}  // namespace

void drop_secrets_in_working_tree(const std::vector<Finding>& working_tree,
                                  std::vector<Finding>& history_findings) {
  std::unordered_set<std::string> present;
  for (const Finding& finding : working_tree) {
    if (finding.scanner == kScannerSecret) present.insert(finding.fingerprint);
  }
  std::erase_if(history_findings, [&present](const Finding& finding) {
    return present.count(finding.fingerprint) != 0;
  });
}

Status scan_git_history(const std::string& repository_path,
                        const SecretScanner& scanner, FindingSink& sink,
                        const HistoryOptions& options, HistoryStats* stats) {
  Result<const Git2Api*> loaded = git2_api();
  if (!loaded) return loaded.status().with_location({repository_path});
  LibGit2 library;
  HistoryScan scan(repository_path, scanner, sink, options);
  Status status = scan.run();
  if (stats != nullptr) *stats = scan.stats();
  return status;
}

}  // namespace rampart::scan::secret
