// SPDX-License-Identifier: Apache-2.0
//
// Gatekeeper test suites, as `gator verify` reads them, for `rampart
// verify`. Format subset accepted (apiVersion test.gatekeeper.sh/v1alpha1,
// kind Suite):
//
//   tests:
//   - name: owner-label              # optional
//     template: template.yaml        # paths relative to the suite file
//     constraint: constraint.yaml
//     skip: false                    # optional, also on cases
//     cases:
//     - name: missing-owner
//       object: disallowed.yaml      # one or more documents; every one is
//                                    # judged and violations are summed;
//                                    # an AdmissionReview is judged as a
//                                    # request
//       inventory: [namespaces.yaml] # optional: objects for data.inventory
//                                    # and namespaceSelector lookups
//       assertions:
//       - violations: 1              # a count, "yes" (>= 1) or "no" (0);
//                                    # "yes" when absent
//         message: "lacks .*owner"   # optional RE2 regex; only matching
//                                    # violations are counted
//
// Violations are the constraint's verdicts whatever its enforcementAction
// (gator counts dry-run results too). Suite files are untrusted input read
// through the bounded YAML reader (kMaxSuiteFileBytes per file); regexes
// are RE2 (linear time). Problems with a suite (unreadable file, broken
// template, bad assertion) are reported per test as errors, and the other
// tests still run. Pure functions; safe from any thread.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "rampart/base/status.h"

namespace rampart::admission {

inline constexpr std::size_t kMaxSuiteFileBytes = 4u << 20;

struct CaseOutcome {
  std::string name;     // "suite/test/case"
  bool passed = false;  // false: see `failure`
  bool skipped = false;
  std::string failure;  // why the case failed, one line
};

struct SuiteOutcome {
  std::vector<CaseOutcome> cases;
  std::vector<Status> errors;  // broken input: the suite could not run
};

// Every Suite file under `path` (a suite file or a folder read
// recursively), sorted. Files that are not suites are left out; a path
// that does not exist is an error.
Result<std::vector<std::filesystem::path>> find_suites(
    const std::filesystem::path& path);

// Runs one suite file.
SuiteOutcome run_suite(const std::filesystem::path& suite_file);

}  // namespace rampart::admission
