// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes the OSV record parser and everything that reads a parsed record:
// the severity (CVSS v3 vectors from the record), and range evaluation of
// every affected entry against a version taken from the record itself.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rampart/scan/vuln/cvss.h"
#include "rampart/scan/vuln/matcher.h"
#include "rampart/scan/vuln/osv.h"

using namespace rampart::scan::vuln;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  rampart::Result<OsvRecord> record = parse_osv_record(text);
  if (!record.is_ok()) return 0;

  (void)record_severity(*record);
  for (const OsvSeverity& severity : record->severity) {
    (void)cvss3_base_score(severity.score);
  }
  for (const OsvAffected& affected : record->affected) {
    (void)normalize_package_name(affected.ecosystem, affected.name);
    for (const OsvRange& range : affected.ranges) {
      for (const OsvEvent& event : range.events) {
        (void)evaluate_affected(affected, event.version);
      }
    }
    for (const std::string& version : affected.versions) {
      (void)evaluate_affected(affected, version);
    }
  }
  return 0;
}
