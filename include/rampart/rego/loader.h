// SPDX-License-Identifier: Apache-2.0
//
// Loading policies and data from disk, as OPA's -d/--data flag does:
// a path is a .rego module, a .json or .yaml/.yml data file (merged at the
// root of `data`), or a directory walked recursively, where each data file
// is placed under the path of its directory relative to the root given
// (dir/a/b/data.json becomes data.a.b). Hidden files and folders are
// skipped. Files over kDefaultMaxFileBytes are refused.
//
// Errors name the file; a data file that is not an object at its place is
// an error. Pure function; no shared state.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/document/value.h"

namespace rampart::rego {

struct LoadedPolicy {
  std::vector<std::pair<std::string, std::string>> modules;  // path, source
  Value data = Value::object({});
};

Result<LoadedPolicy> load_policy_paths(const std::vector<std::string>& paths);

// Reads one data document (JSON, or YAML for .yaml/.yml files).
Result<Value> load_document(const std::string& path);

}  // namespace rampart::rego
