// SPDX-License-Identifier: Apache-2.0
//
// Runs the git command line in a test's scratch repository.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace rampart::testing {

// Runs `git <arguments>` in `repo` (the arguments may chain further git
// commands with &&) with a fixed identity and date and no user or system
// configuration, so commits and their ids are the same on every machine.
// Returns the shell's status: 0 when every command succeeded.
inline int run_git(const std::filesystem::path& repo,
                   const std::string& arguments,
                   const std::string& date = "2024-05-01T12:00:00Z") {
  std::string command =
      "cd '" + repo.string() + "' && export GIT_AUTHOR_DATE=" + date +
      " GIT_COMMITTER_DATE=" + date +
      " GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org"
      " GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org"
      " GIT_CONFIG_NOSYSTEM=1 HOME=/nonexistent && git " +
      arguments + " >/dev/null 2>&1";
  return std::system(command.c_str());
}

}  // namespace rampart::testing
