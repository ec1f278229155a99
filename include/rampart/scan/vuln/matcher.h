// SPDX-License-Identifier: Apache-2.0
//
// Matches an inventory of Packages against the vulnerability store, the
// OSV way (https://ossf.github.io/osv-schema/#evaluation):
//   - an affected entry's `versions` list names affected versions exactly;
//   - each SEMVER or ECOSYSTEM range is a sequence of events, evaluated in
//     version order: `introduced` opens an affected span ("0" = from the
//     start), `fixed` closes it at that version, `last_affected` closes it
//     after that version, and `limit` bounds the whole range above;
//   - GIT ranges name commits, not versions; they are ignored and counted;
//   - ECOSYSTEM ranges of an ecosystem with no known ordering (see
//     scheme_for_ecosystem) are ignored and counted; explicit `versions`
//     lists still match there.
// Withdrawn advisories never match. Packages without a version (unpinned)
// are counted, not matched. For each match the lowest `fixed` version above
// the installed one is reported as the fix.
//
// Inputs are the store's decoded records and the parsers' packages;
// nothing is trusted beyond that, and version comparison accepts any text.
// match_packages() uses the store, so it shares its thread rules;
// evaluate_affected() is pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/findings/finding.h"
#include "rampart/scan/vuln/osv.h"
#include "rampart/scan/vuln/package.h"
#include "rampart/scan/vuln/store.h"

namespace rampart::scan::vuln {

struct VulnMatch {
  Package package;
  std::string advisory_id;
  std::vector<std::string> aliases;
  std::string summary;
  Severity severity = Severity::kUnknown;
  double score = 0.0;         // CVSS base score, 0 when unknown
  std::string cvss_vector;    // the vector the score came from
  std::string fixed_version;  // lowest fix above installed; empty if none
  std::vector<std::string> references;
};

struct MatchReport {
  std::vector<VulnMatch> matches;
  std::size_t packages = 0;          // packages looked up
  std::size_t unpinned = 0;          // packages without a version, not matched
  std::size_t git_ranges = 0;        // GIT ranges ignored
  std::size_t unordered_ranges = 0;  // ranges of an ecosystem without order
};

struct AffectedVerdict {
  bool affected = false;
  std::string fixed_version;  // lowest `fixed` event above the version
  std::size_t git_ranges = 0;
  std::size_t unordered_ranges = 0;
};

// Whether `version` of the package named by `affected` is affected.
AffectedVerdict evaluate_affected(const OsvAffected& affected,
                                  std::string_view version);

// Looks every package up in `store` and evaluates its advisories. Matches
// come out in inventory order, then by advisory id.
Result<MatchReport> match_packages(VulnStore& store,
                                   const std::vector<Package>& packages);

}  // namespace rampart::scan::vuln
