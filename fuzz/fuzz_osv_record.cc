// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes the OSV record parser and everything that reads a parsed record:
// the severity (CVSS v3 and v4.0 vectors from the record), range
// evaluation of every affected entry against a version taken from the
// record itself, and the store's compact range encoding (a round trip, and
// a walk over the raw input as if it were encoded text, which must never
// read out of bounds).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "rampart/scan/vuln/cvss.h"
#include "rampart/scan/vuln/matcher.h"
#include "rampart/scan/vuln/osv.h"

#include "scan/vuln/range_codec.h"

using namespace rampart::scan::vuln;

namespace {

// Encodes and decodes the ranges; the events must come back unchanged
// when no version holds a separator (the store refuses those).
void check_round_trip(const OsvAffected& affected) {
  for (const OsvRange& range : affected.ranges) {
    for (const OsvEvent& event : range.events) {
      if (event.version.find_first_of("\x1e\x1f") != std::string::npos) {
        return;
      }
    }
  }
  std::vector<OsvRange> decoded =
      codec::decode_ranges(codec::encode_ranges(affected.ranges));
  std::size_t expected = 0;
  for (const OsvRange& range : affected.ranges) expected += range.events.size();
  std::size_t got = 0;
  for (const OsvRange& range : decoded) got += range.events.size();
  // Empty versions are kept; an event is never lost or invented.
  if (got != expected) std::abort();
}

void walk_raw(std::string_view text) {
  std::vector<codec::EventView> events;
  OsvRange::Type type = OsvRange::Type::kEcosystem;
  while (codec::next_range(text, type, events)) {
  }
  (void)codec::versions_contain(text, "1.0");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  walk_raw(text);
  rampart::Result<OsvRecord> record = parse_osv_record(text);
  if (!record.is_ok()) return 0;

  (void)record_severity(*record);
  for (const OsvSeverity& severity : record->severity) {
    (void)cvss3_base_score(severity.score);
    (void)cvss4_base_score(severity.score);
  }
  for (const OsvAffected& affected : record->affected) {
    (void)normalize_package_name(affected.ecosystem, affected.name);
    check_round_trip(affected);
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
