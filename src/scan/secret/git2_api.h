// SPDX-License-Identifier: Apache-2.0
//
// The libgit2 functions the history walk and .gitignore lookups call,
// opened on first use (rampart/base/shared_library.h says why libgit2 is
// not linked).
#pragma once

#include <git2.h>

#include "rampart/base/shared_library.h"

namespace rampart::scan::secret {

// clang-format off
#define RAMPART_GIT2_FUNCTIONS(X) \
  X(git_libgit2_init)             \
  X(git_libgit2_shutdown)         \
  X(git_error_last)               \
  X(git_repository_open_ext)      \
  X(git_repository_free)          \
  X(git_repository_workdir)       \
  X(git_ignore_path_is_ignored)   \
  X(git_revwalk_new)              \
  X(git_revwalk_free)             \
  X(git_revwalk_sorting)          \
  X(git_revwalk_push_glob)        \
  X(git_revwalk_push_head)        \
  X(git_revwalk_next)             \
  X(git_commit_lookup)            \
  X(git_commit_free)              \
  X(git_commit_id)                \
  X(git_commit_tree)              \
  X(git_commit_parentcount)       \
  X(git_commit_parent)            \
  X(git_commit_author)            \
  X(git_tree_free)                \
  X(git_diff_tree_to_tree)        \
  X(git_diff_free)                \
  X(git_diff_num_deltas)          \
  X(git_diff_get_delta)           \
  X(git_blob_lookup)              \
  X(git_blob_free)                \
  X(git_blob_rawcontent)          \
  X(git_blob_rawsize)             \
  X(git_oid_tostr)                \
  X(git_oid_equal)
// clang-format on

RAMPART_DECLARE_LIBRARY_API(Git2Api, RAMPART_GIT2_FUNCTIONS)

// libgit2's functions, or why it cannot be loaded; loaded once.
Result<const Git2Api*> git2_api();

}  // namespace rampart::scan::secret
