// SPDX-License-Identifier: Apache-2.0
//
// Reporters: turn the result of one `rampart scan` into text for a human
// (table) or a machine (JSON, SARIF 2.1.0, JUnit XML, CycloneDX 1.5).
//
// Reporters only format. They never decide the exit code and never print;
// the caller writes the returned text where it belongs (stdout or a file).
// Everything they print comes from findings that may quote hostile input:
// strings are escaped for the output format, invalid UTF-8 is replaced by
// U+FFFD, XML-forbidden control characters are dropped, and the table strips
// terminal escape sequences so a file cannot drive the user's terminal.
//
// Pure functions of their arguments; safe to call from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/findings/finding.h"
#include "rampart/findings/inventory.h"

namespace rampart {

// Version of the JSON report schema (docs/scan.md, "JSON output"). Bumped
// on any incompatible change; additions keep the number.
inline constexpr int kJsonReportSchemaVersion = 1;

// How long the scan took and how much it read.
struct ScanStats {
  std::size_t files_walked = 0;   // regular files the walk kept
  std::size_t files_scanned = 0;  // files at least one scanner wanted
  std::uint64_t bytes_scanned = 0;
  double seconds = 0;
};

// Everything one scan produced, as reporters see it.
struct ScanReport {
  std::string tool_version;           // e.g. "0.1.0"
  std::string target;                 // what was scanned, as the user said
  std::vector<std::string> scanners;  // the scanners that ran
  Severity threshold = Severity::kHigh;
  std::vector<Finding> findings;  // sorted, after suppression
  std::size_t suppressed = 0;     // findings hidden by the ignore file
  std::vector<ScanNote> notes;
  std::vector<Component> components;  // the inventory, when collected
  ScanStats stats;
};

// Number of findings whose severity is `threshold` or worse.
std::size_t count_at_or_above(const std::vector<Finding>& findings,
                              Severity threshold);

enum class ReportFormat { kTable, kJson, kSarif, kJunit, kCycloneDx };

// "table", "json", "sarif", "junit", "cyclonedx"; nullopt for others.
std::optional<ReportFormat> parse_report_format(std::string_view text);

struct ReportOptions {
  bool color = false;  // ANSI colours in the table (a terminal only)
  // RFC 3339 UTC time of the scan, e.g. "2026-12-04T16:00:00Z"; reports
  // that carry a time use it, so tests can fix it. Empty leaves it out.
  std::string timestamp;
  // "urn:uuid:..." serial number for CycloneDX; empty leaves it out.
  std::string serial_number;
};

std::string render_table(const ScanReport& report,
                         const ReportOptions& options);
std::string render_json(const ScanReport& report, const ReportOptions& options);
std::string render_sarif(const ScanReport& report,
                         const ReportOptions& options);
std::string render_junit(const ScanReport& report,
                         const ReportOptions& options);
std::string render_cyclonedx(const ScanReport& report,
                             const ReportOptions& options);

// Dispatches to one of the functions above.
std::string render_report(const ScanReport& report, ReportFormat format,
                          const ReportOptions& options);

}  // namespace rampart
