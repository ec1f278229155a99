// SPDX-License-Identifier: Apache-2.0
//
// CVSS base scores from vector strings, as the FIRST CVSS v3.0 and v3.1
// specifications define them (section 7, "CVSS v3.x Equations", and the
// qualitative rating scale of section 5), and the severity an OSV record
// gets from its `severity` entries.
//
// Input is untrusted advisory text. A vector is accepted only when it
// starts with "CVSS:3.0/" or "CVSS:3.1/" and names each of the eight base
// metrics exactly once with a defined value; temporal and environmental
// metrics may follow and are ignored (a base score is what OSV records
// carry). Anything else is kParseError, or kUnsupported for CVSS v2 and
// v4.0 vectors. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "rampart/base/status.h"
#include "rampart/findings/finding.h"

namespace rampart::scan::vuln {

struct CvssScore {
  double base_score = 0.0;               // 0.0 to 10.0, one decimal
  Severity rating = Severity::kUnknown;  // kUnknown stands for "None"
  std::string version;                   // "3.0" or "3.1"
};

// Computes the base score of a CVSS v3.0 or v3.1 vector.
Result<CvssScore> cvss3_base_score(std::string_view vector);

// The qualitative rating of a base score: 0.0 None (kUnknown), 0.1-3.9 Low,
// 4.0-6.9 Medium, 7.0-8.9 High, 9.0-10.0 Critical.
Severity cvss_rating(double base_score);

}  // namespace rampart::scan::vuln
