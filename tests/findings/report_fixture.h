// SPDX-License-Identifier: Apache-2.0
//
// A small scan report with one finding from each scanner and an inventory,
// shared by the reporter tests.
#pragma once

#include "rampart/findings/report.h"

namespace rampart::testing {

inline ScanReport sample_report() {
  ScanReport report;
  report.tool_version = "0.1.0";
  report.target = "examples/app";
  report.scanners = {"misconfig", "secret", "vuln"};
  report.threshold = Severity::kHigh;

  Finding secret;
  secret.scanner = "secret";
  secret.rule_id = "aws-access-key-id";
  secret.title = "AWS access key ID";
  secret.severity = Severity::kCritical;
  secret.target = "config/settings.env";
  secret.start_line = secret.end_line = 3;
  secret.message = "AWS access key ID found (AKI****XYZ)";
  secret.fingerprint = "00aa11bb";
  secret.code = {{2, "# aws", false}, {3, "KEY=*****", true}};

  Finding misconfig;
  misconfig.scanner = "misconfig";
  misconfig.rule_id = "RP-K8S-001";
  misconfig.title = "Container may run as root";
  misconfig.severity = Severity::kMedium;
  misconfig.target = "k8s/deploy.yaml";
  misconfig.start_line = 12;
  misconfig.end_line = 14;
  misconfig.message = "container 'web' <does> not set \"runAsNonRoot\"";
  misconfig.remediation = "Set securityContext.runAsNonRoot: true";
  misconfig.references = {"https://kubernetes.io/docs/concepts/security/"};
  misconfig.fingerprint = "22cc33dd";

  Finding vuln;
  vuln.scanner = "vuln";
  vuln.rule_id = "GHSA-aaaa-bbbb-cccc";
  vuln.title = "Prototype pollution in minimist";
  vuln.severity = Severity::kHigh;
  vuln.target = "package-lock.json";
  vuln.start_line = 40;
  vuln.end_line = 40;
  vuln.message = "minimist 1.2.0 is affected; fixed in 1.2.6";
  vuln.fingerprint = "44ee55ff";
  vuln.properties = {{"package", "minimist"},
                     {"installed_version", "1.2.0"},
                     {"fixed_version", "1.2.6"},
                     {"purl", "pkg:npm/minimist@1.2.0"}};

  report.findings = {secret, vuln, misconfig};
  report.components = {
      {"npm", "minimist", "1.2.0", "pkg:npm/minimist@1.2.0",
       "package-lock.json", 40, false, false},
      {"npm", "minimist", "1.2.0", "pkg:npm/minimist@1.2.0",
       "web/package-lock.json", 7, true, false},
      {"npm", "@babel/core", "7.1.0", "pkg:npm/%40babel/core@7.1.0",
       "package-lock.json", 12, true, true}};
  report.notes = {{ScanNote::Level::kError, "misconfig", "broken.yaml", 4,
                   "not valid YAML"}};
  report.stats = {10, 7, 4096, 0.25};
  return report;
}

// A secret that `rampart scan --history` found only in a past commit, in a
// file that still exists (so reporters must keep it apart from today's).
inline constexpr const char* kHistoryCommit =
    "0123456789abcdef0123456789abcdef01234567";

inline Finding history_finding() {
  Finding secret;
  secret.scanner = "secret";
  secret.rule_id = "github-pat";
  secret.title = "GitHub personal access token";
  secret.severity = Severity::kCritical;
  secret.target = "config/settings.env";
  secret.start_line = secret.end_line = 7;
  secret.message = "GitHub personal access token found (ghp****abc)";
  secret.fingerprint = "66aa77bb";
  secret.code = {{7, "TOKEN=*****", true}};
  secret.properties = {{"commit", kHistoryCommit},
                       {"author_date", "2024-05-01T12:00:00Z"}};
  return secret;
}

inline ScanReport report_with_history() {
  ScanReport report = sample_report();
  report.findings.push_back(history_finding());
  return report;
}

}  // namespace rampart::testing
