// SPDX-License-Identifier: Apache-2.0
//
// The one shape every scanner reports in (DESIGN.md, "Shape"): a Finding
// names the rule that fired, how severe it is, where it is, and what to do.
// Reporters (table, JSON, SARIF, JUnit, CycloneDX) only format Findings, and
// the exit code is decided from them in one place.
//
// Plain values; safe to copy and to share read-only between threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rampart {

// Ordered from least to most severe, so comparisons read naturally.
enum class Severity { kUnknown, kLow, kMedium, kHigh, kCritical };

// "UNKNOWN", "LOW", "MEDIUM", "HIGH", "CRITICAL".
const char* severity_name(Severity severity);
// Case-insensitive inverse of severity_name(); nullopt for anything else.
std::optional<Severity> parse_severity(std::string_view text);

// Which scanner produced a finding.
inline constexpr std::string_view kScannerMisconfig = "misconfig";
inline constexpr std::string_view kScannerSecret = "secret";
inline constexpr std::string_view kScannerVuln = "vuln";

struct Finding {
  std::string scanner;  // one of the kScanner* names
  std::string rule_id;  // e.g. "RP-K8S-001", "aws-access-key", "GHSA-..."
  std::string title;    // one line, same for every finding of the rule
  Severity severity = Severity::kUnknown;
  std::string target;  // file path relative to the scan root, or object
  int start_line = 0;  // 1-based; 0 when the input has no lines
  int end_line = 0;
  std::string message;  // what is wrong in this instance
  std::string remediation;
  std::vector<std::string> references;  // URLs
  // Stable identity for ignore files and SARIF partialFingerprints: a hash of
  // rule, target and the offending content, never the content itself.
  std::string fingerprint;
  // Scanner-specific details shown by reporters, e.g. "package",
  // "installed_version", "fixed_version", "commit", "match" (a redacted
  // secret). Never holds a secret in clear.
  std::map<std::string, std::string> properties;

  // Added after the first release of this struct; keep new fields last so
  // aggregate initialisers written against the old layout stay valid.

  // 1-based columns of the offending text on start_line / end_line, when the
  // scanner knows them (end_column is exclusive); 0 when unknown. SARIF
  // regions and the table's redaction of secrets use them.
  int start_column = 0;
  int end_column = 0;

  // The offending lines with a little context, attached by the orchestrator
  // after scanning (scanners leave it empty). Lines of secret findings are
  // redacted before they get here; see scan/snippets.h.
  struct CodeLine {
    int number = 0;          // 1-based line number
    std::string text;        // without the line break, cut to a bound
    bool offending = false;  // inside [start_line, end_line]
  };
  std::vector<CodeLine> code;
};

// The commit a finding of `rampart scan --history` was introduced in
// (properties["commit"], 40 hex digits), or "" for a finding in the working
// tree. Reporters show it next to the path.
std::string_view finding_commit(const Finding& finding);

// The first kShortCommitDigits of a commit id, as the table and JUnit print
// it; long enough to stay unambiguous in large repositories.
inline constexpr std::size_t kShortCommitDigits = 12;
std::string_view short_commit(std::string_view commit);

// The finding's file, and for a finding from git history "PATH @ <short
// commit>": the file as it was then, which the table and JUnit keep apart
// from today's file of the same name.
std::string target_with_commit(const Finding& finding);

// A problem met while scanning that is not a finding: a file that could not
// be parsed, a skipped file and why, a policy that failed at evaluation.
struct ScanNote {
  enum class Level { kError, kWarning, kInfo };
  Level level = Level::kInfo;
  std::string scanner;
  std::string target;
  int line = 0;
  std::string message;
};

}  // namespace rampart
