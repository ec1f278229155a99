// SPDX-License-Identifier: Apache-2.0
//
// The ignore file (.rampartignore by default): accepted risks that
// `rampart scan` should stop reporting, each with an optional expiry date
// and reason. Format, one entry per line:
//
//   # comments and blank lines are skipped
//   RP-K8S-001                                  every finding of a rule
//   rule:RP-K8S-001 path:deploy/legacy/**       a rule under some paths
//   path:test/fixtures/**                       everything under a path
//   fingerprint:9c1e4f0d2a7b...                 one finding
//   CVE-2022-1234 expires:2027-01-31 reason: no fix upstream yet
//
// An entry is one or more selectors, all of which must match: `rule:ID` (a
// bare word is also a rule id), `path:GLOB` (gitignore syntax, relative to
// the scan root; a folder matches everything below it) and
// `fingerprint:HEX` (Finding::fingerprint). `expires:YYYY-MM-DD` ends the
// entry after that day (UTC); `reason:` takes the rest of the line. An
// expired entry stops suppressing, and the scan says so in a warning note
// naming the file and line. An entry made only of unexpired `path:`
// selectors also keeps those paths out of the walk.
//
// The file may come with a cloned repository: it is capped at
// kMaxIgnoreFileBytes and kMaxIgnoreEntries, and every malformed line fails
// the parse with a Status naming file and line, so a typo never silently
// ignores more than meant. Plain values; thread-compatible.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/findings/finding.h"

namespace rampart::scan {

inline constexpr std::size_t kMaxIgnoreFileBytes = 4u << 20;
inline constexpr std::size_t kMaxIgnoreEntries = 100000;

struct IgnoreEntry {
  int line = 0;
  std::string rule_id;      // empty: any rule
  std::string path;         // empty: any path
  std::string fingerprint;  // empty: any finding
  std::string expires;      // "YYYY-MM-DD" or empty
  std::string reason;
};

struct IgnoreFile {
  std::string source;
  std::vector<IgnoreEntry> entries;
};

Result<IgnoreFile> parse_ignore_file(std::string_view text,
                                     std::string_view source);

// Reads `path`; a missing file is an empty IgnoreFile when `optional`.
Result<IgnoreFile> load_ignore_file(const std::string& path, bool optional);

// Whether an entry has expired on `today` ("YYYY-MM-DD").
bool ignore_entry_expired(const IgnoreEntry& entry, std::string_view today);

struct IgnoreOutcome {
  std::size_t suppressed = 0;
  std::vector<ScanNote> notes;  // one per expired entry
};

// Removes the findings that an unexpired entry matches. Findings matched
// only by expired entries stay, with the property "ignore_expired" set to
// "<source>:<line> expired <date>".
IgnoreOutcome apply_ignore_file(const IgnoreFile& file, std::string_view today,
                                std::vector<Finding>& findings);

// The unexpired path-only entries, as gitignore patterns for the walk.
std::vector<std::string> ignored_paths(const IgnoreFile& file,
                                       std::string_view today);

// Today's date in UTC as "YYYY-MM-DD".
std::string utc_today();

}  // namespace rampart::scan
