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
// OS packages are looked up the way their advisories are written: OSV's
// Debian, Ubuntu and Alpine records name the SOURCE package ("openssl",
// "glibc"), while dpkg and apk list binary packages ("libssl3", "libc6").
// Such a package is matched by its source name and source version (see
// advisory_key()); the match still names the installed binary package,
// and its Package carries the source it was looked up by. An OS package
// whose ecosystem names no release ("Debian" rather than "Debian:12")
// meets the advisories of every release of that distribution: it matches
// when any release's entry affects its version, and the lowest fix among
// them is reported; MatchReport counts such packages so the caller can
// say the result is approximate.
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
  std::string severity_from;  // alias whose severity was borrowed, if any
  std::string fixed_version;  // lowest fix above installed; empty if none
  std::vector<std::string> references;
};

struct MatchReport {
  std::vector<VulnMatch> matches;
  std::size_t packages = 0;  // packages looked up
  std::size_t unpinned = 0;  // packages without a version, not matched
  std::size_t os_without_release = 0;  // OS packages of an unknown release
  std::size_t git_ranges = 0;          // GIT ranges ignored
  std::size_t unordered_ranges = 0;    // ranges of an ecosystem without order
};

struct AffectedVerdict {
  bool affected = false;
  std::string fixed_version;  // lowest `fixed` event above the version
  std::size_t git_ranges = 0;
  std::size_t unordered_ranges = 0;
};

// The name and version advisories know a package by. For Debian and
// Ubuntu packages with a source package: the source name, and the version
// in `Source: name (version)` when dpkg gives one (binNMU rebuilds and
// epochs make the binary version differ), else the binary version. For
// Alpine packages with an origin: the origin and the package version
// (subpackages share their origin's version). Otherwise the package's own
// name and version. `from_source` says whether the source was used.
struct AdvisoryKey {
  std::string_view name;
  std::string_view version;
  bool from_source = false;
};
AdvisoryKey advisory_key(const Package& package);

// True for distributions whose advisories are keyed by source package and
// whose OSV ecosystem carries a release: Debian, Ubuntu, Alpine.
bool is_os_ecosystem(std::string_view ecosystem);

// Whether `version` of the package named by `affected` is affected.
AffectedVerdict evaluate_affected(const OsvAffected& affected,
                                  std::string_view version);

// Looks every package up in `store` and evaluates its advisories. Matches
// come out in inventory order, then by advisory id.
Result<MatchReport> match_packages(VulnStore& store,
                                   const std::vector<Package>& packages);

}  // namespace rampart::scan::vuln
