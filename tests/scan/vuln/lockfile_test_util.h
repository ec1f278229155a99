// SPDX-License-Identifier: Apache-2.0
//
// Small helpers shared by the lockfile parser tests: parse a literal,
// look a package up by name and version.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "rampart/scan/vuln/lockfile.h"

namespace rampart::scan::vuln::testing {

// Parses `text` as the file `path`; siblings come from `files`.
inline Result<std::vector<Package>> parse(
    std::string_view path, std::string_view text,
    std::map<std::string, std::string> files = {}) {
  SiblingReader reader =
      [files](const std::string& relative) -> Result<std::string> {
    auto found = files.find(relative);
    if (found == files.end()) {
      return Status(StatusCode::kNotFound, "no " + relative);
    }
    return found->second;
  };
  return parse_inventory(path, text, reader);
}

// The package called `name` (and `version`, when given); fails the test and
// returns an empty Package when there is none.
inline Package find(const std::vector<Package>& packages, std::string_view name,
                    std::string_view version = {}) {
  for (const Package& package : packages) {
    if (package.name == name &&
        (version.empty() || package.version == version)) {
      return package;
    }
  }
  ADD_FAILURE() << "no package " << name << " " << version;
  return Package();
}

inline bool has(const std::vector<Package>& packages, std::string_view name) {
  for (const Package& package : packages) {
    if (package.name == name) return true;
  }
  return false;
}

}  // namespace rampart::scan::vuln::testing
