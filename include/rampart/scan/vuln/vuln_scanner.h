// SPDX-License-Identifier: Apache-2.0
//
// The "vuln" scanner for `rampart scan`: collects the inventory of every
// lockfile and OS package database the walk meets (through
// parse_inventory(), rampart/scan/vuln/lockfile.h), then in finish() opens
// the vulnerability store read-only and reports one Finding per affected
// package and advisory:
//   rule_id      the advisory id (GHSA-..., PYSEC-..., GO-..., RUSTSEC-...)
//   title        the advisory summary
//   severity     from CVSS v3.x, else the advisory's label, else UNKNOWN
//   target/line  the lockfile and the package's entry in it
//   properties   package, installed_version, fixed_version, aliases,
//                ecosystem, dependency_path, direct, cvss_score, cvss_vector
// Files that do not parse become ScanNotes naming the file; so do a missing
// store, GIT ranges ignored and unpinned packages (counted, once each).
//
// Thread-safety: wants() is const; scan_file() may run on several threads
// (packages are collected under a mutex); finish() runs alone.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/findings/finding.h"
#include "rampart/scan/scanner.h"
#include "rampart/scan/vuln/matcher.h"
#include "rampart/scan/vuln/package.h"

namespace rampart::scan::vuln {

struct VulnScannerOptions {
  std::string db_path;  // empty: default_store_path()
};

class VulnScanner : public Scanner {
 public:
  explicit VulnScanner(VulnScannerOptions options);

  std::string_view name() const override { return kScannerVuln; }
  bool wants(const FileEntry& file) const override;
  void scan_file(const FileEntry& file, std::string_view content,
                 FindingSink& sink) override;
  void finish(FindingSink& sink) override;

  // The packages collected so far, for the CycloneDX reporter (after the
  // walk; finish() does not consume them).
  std::vector<Package> packages() const;

 private:
  VulnScannerOptions options_;
  mutable std::mutex mutex_;
  std::vector<Package> packages_;
};

// The Finding for one match, as VulnScanner reports it; shared with the
// reporters and tests.
Finding finding_for_match(const VulnMatch& match);

}  // namespace rampart::scan::vuln
