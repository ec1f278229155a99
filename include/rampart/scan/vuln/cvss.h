// SPDX-License-Identifier: Apache-2.0
//
// CVSS base scores from vector strings, as the FIRST specifications define
// them: CVSS v3.0 and v3.1 (section 7, "CVSS v3.x Equations", and the
// qualitative rating scale of section 5) and CVSS v4.0 (section 8, the
// macro-vector lookup and severity-distance interpolation, giving CVSS-B).
//
// Input is untrusted advisory text. A v3 vector is accepted only when it
// starts with "CVSS:3.0/" or "CVSS:3.1/" and names each of the eight base
// metrics exactly once with a defined value; temporal and environmental
// metrics may follow and are ignored (a base score is what OSV records
// carry). Anything else is kParseError, or kUnsupported for CVSS v2 and
// v4.0 vectors. A v4.0 vector must start with "CVSS:4.0/" and name each of
// the eleven base metrics (AV AC AT PR UI VC VI VA SC SI SA) exactly once
// with a defined value; threat, environmental and supplemental metrics may
// follow, each at most once with a value the specification defines, and
// are then ignored: the score is CVSS-B, the base score, as for v3.
// Anything else is kParseError naming the offending part. Pure functions;
// thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "rampart/base/status.h"
#include "rampart/findings/finding.h"

namespace rampart::scan::vuln {

struct CvssScore {
  double base_score = 0.0;               // 0.0 to 10.0, one decimal
  Severity rating = Severity::kUnknown;  // kUnknown stands for "None"
  std::string version;                   // "3.0", "3.1" or "4.0"
};

// Computes the base score of a CVSS v3.0 or v3.1 vector.
Result<CvssScore> cvss3_base_score(std::string_view vector);

// Computes the CVSS-B score of a CVSS v4.0 vector.
Result<CvssScore> cvss4_base_score(std::string_view vector);

// The qualitative rating of a base score: 0.0 None (kUnknown), 0.1-3.9 Low,
// 4.0-6.9 Medium, 7.0-8.9 High, 9.0-10.0 Critical.
Severity cvss_rating(double base_score);

}  // namespace rampart::scan::vuln
