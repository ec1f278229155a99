// SPDX-License-Identifier: Apache-2.0
//
// One OSV vulnerability record (https://ossf.github.io/osv-schema/), reduced
// to what matching and reporting need, and its parser.
//
// The parser reads untrusted JSON with simdjson. It accepts a single OSV
// object and checks the parts of the schema that matching relies on: `id`
// and `modified` are strings; `affected` is a list of objects whose
// `package` (when present) names an `ecosystem` and a `name`; `ranges` have
// a `type` of SEMVER, ECOSYSTEM or GIT and `events` that are objects with
// exactly one of introduced, fixed, last_affected or limit, holding a
// string; `versions`, `aliases` and `severity` have the documented shapes.
// Unknown fields are ignored, as the schema allows. Limits: a record is at
// most kMaxOsvRecordBytes, and at most kMaxOsvListEntries entries are kept
// per list; beyond that the record is refused (kLimitExceeded). Errors are
// kParseError naming the offending field; the caller adds the file name.
// Stateless and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/findings/finding.h"

namespace rampart::scan::vuln {

inline constexpr std::size_t kMaxOsvRecordBytes = 16u << 20;
inline constexpr std::size_t kMaxOsvListEntries = 200000;

struct OsvEvent {
  enum class Kind { kIntroduced, kFixed, kLastAffected, kLimit };
  Kind kind = Kind::kIntroduced;
  std::string version;
};

struct OsvRange {
  enum class Type { kSemver, kEcosystem, kGit };
  Type type = Type::kEcosystem;
  std::vector<OsvEvent> events;
};

struct OsvAffected {
  std::string ecosystem;  // as written, e.g. "Debian:12", "PyPI"
  std::string name;       // as written; see normalize_package_name()
  std::string purl;
  std::vector<OsvRange> ranges;
  std::vector<std::string> versions;
  // affected[].database_specific.severity or ecosystem_specific.severity.
  std::string severity_label;
};

struct OsvSeverity {
  std::string type;   // "CVSS_V3", "CVSS_V4", "CVSS_V2", "Ubuntu", ...
  std::string score;  // the vector string or label
};

struct OsvRecord {
  std::string id;
  std::string modified;
  std::string published;
  std::string withdrawn;  // empty unless withdrawn
  std::vector<std::string> aliases;
  std::string summary;  // or the first line of details when absent
  std::vector<OsvSeverity> severity;
  std::string severity_label;  // top-level database_specific.severity
  std::vector<OsvAffected> affected;
  std::vector<std::string> references;  // URLs
};

// Parses one record.
Result<OsvRecord> parse_osv_record(std::string_view json);

// The severity a record is reported with: the highest CVSS v3.x base score
// among `severity` entries; failing that (no v3 vector), the highest CVSS
// v4.0 CVSS-B score; failing that, a `database_specific.severity` label
// (LOW, MODERATE/MEDIUM, HIGH, CRITICAL) on the record or its affected
// entries; else kUnknown with score 0. v3 is preferred when both exist so
// that a threshold means what it means in NVD- and Trivy-based tooling.
struct RecordSeverity {
  Severity level = Severity::kUnknown;
  double score = 0.0;  // CVSS base score, 0 when none was computed
  std::string vector;  // the CVSS vector used, if any
};
RecordSeverity record_severity(const OsvRecord& record);

// The ecosystem without its ":suffix" ("Debian:12" -> "Debian").
std::string_view base_ecosystem(std::string_view ecosystem);

// Package names as the index stores them, so that spellings the ecosystem
// treats as one package meet: PyPI per PEP 503 (lower case, runs of
// "-_." as "-"); crates.io, NuGet, Packagist and Hackage lower case;
// others as written (npm scopes, Go module paths and Maven group:artifact
// are case-sensitive), with surrounding spaces removed.
std::string normalize_package_name(std::string_view ecosystem,
                                   std::string_view name);

}  // namespace rampart::scan::vuln
