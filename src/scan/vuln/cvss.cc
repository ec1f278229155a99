// SPDX-License-Identifier: Apache-2.0
//
// CVSS v3.0/v3.1 base score: parses the vector's base metrics, then applies
// the specification's equations. The only difference between the two
// versions in the base score is the rounding function (v3.1 defines
// Roundup on integers to avoid floating-point artefacts). See cvss.h.
#include "rampart/scan/vuln/cvss.h"

#include <cmath>
#include <string>

namespace rampart::scan::vuln {

namespace {

struct BaseMetrics {
  double attack_vector = -1;
  double attack_complexity = -1;
  char privileges = 0;  // 'N', 'L', 'H'
  double user_interaction = -1;
  char scope = 0;  // 'U', 'C'
  double confidentiality = -1;
  double integrity = -1;
  double availability = -1;
};

// Metric weights, section 7.4 of the specification.
double attack_vector_weight(char value) {
  switch (value) {
    case 'N':
      return 0.85;
    case 'A':
      return 0.62;
    case 'L':
      return 0.55;
    case 'P':
      return 0.2;
  }
  return -1;
}

double complexity_weight(char value) {
  return value == 'L' ? 0.77 : (value == 'H' ? 0.44 : -1);
}

double interaction_weight(char value) {
  return value == 'N' ? 0.85 : (value == 'R' ? 0.62 : -1);
}

double impact_weight(char value) {
  switch (value) {
    case 'H':
      return 0.56;
    case 'L':
      return 0.22;
    case 'N':
      return 0;
  }
  return -1;
}

// Privileges Required weighs more when the scope changes.
double privileges_weight(char value, bool scope_changed) {
  switch (value) {
    case 'N':
      return 0.85;
    case 'L':
      return scope_changed ? 0.68 : 0.62;
    case 'H':
      return scope_changed ? 0.5 : 0.27;
  }
  return -1;
}

Status parse_error(std::string_view vector, const std::string& why) {
  return Status(
      StatusCode::kParseError,
      "CVSS vector '" + std::string(vector.substr(0, 120)) + "': " + why);
}

// Stores one "Name:Value" pair; false if the name is a base metric given
// twice or with an undefined value. Other metrics are skipped.
bool set_metric(BaseMetrics& m, std::string_view name, std::string_view value,
                int& seen) {
  static constexpr std::string_view kBase[] = {"AV", "AC", "PR", "UI",
                                               "S",  "C",  "I",  "A"};
  int index = -1;
  for (int i = 0; i < 8; ++i) {
    if (name == kBase[i]) index = i;
  }
  if (index < 0) return true;  // temporal or environmental metric
  if (value.size() != 1 || (seen & (1 << index)) != 0) return false;
  seen |= 1 << index;

  char v = value[0];
  switch (index) {
    case 0:
      return (m.attack_vector = attack_vector_weight(v)) >= 0;
    case 1:
      return (m.attack_complexity = complexity_weight(v)) >= 0;
    case 2:
      m.privileges = v;
      return privileges_weight(v, false) >= 0;
    case 3:
      return (m.user_interaction = interaction_weight(v)) >= 0;
    case 4:
      m.scope = v;
      return v == 'U' || v == 'C';
    case 5:
      return (m.confidentiality = impact_weight(v)) >= 0;
    case 6:
      return (m.integrity = impact_weight(v)) >= 0;
    default:
      return (m.availability = impact_weight(v)) >= 0;
  }
}

// v3.1 Appendix A: the smallest number with one decimal that is >= x,
// computed on integers so that 4.000000001 does not become 4.1.
double roundup_31(double x) {
  long long scaled = std::llround(x * 100000.0);
  if (scaled % 10000 == 0) return static_cast<double>(scaled) / 100000.0;
  return (std::floor(static_cast<double>(scaled) / 10000.0) + 1.0) / 10.0;
}

double roundup_30(double x) { return std::ceil(x * 10.0) / 10.0; }

double base_score(const BaseMetrics& m, bool v31) {
  bool changed = m.scope == 'C';
  double iss = 1.0 - (1.0 - m.confidentiality) * (1.0 - m.integrity) *
                         (1.0 - m.availability);
  double impact = changed
                      ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15.0)
                      : 6.42 * iss;
  double exploitability = 8.22 * m.attack_vector * m.attack_complexity *
                          privileges_weight(m.privileges, changed) *
                          m.user_interaction;
  if (impact <= 0) return 0.0;

  double raw = impact + exploitability;
  if (changed) raw *= 1.08;
  if (raw > 10.0) raw = 10.0;
  return v31 ? roundup_31(raw) : roundup_30(raw);
}

}  // namespace

Severity cvss_rating(double score) {
  if (score >= 9.0) return Severity::kCritical;
  if (score >= 7.0) return Severity::kHigh;
  if (score >= 4.0) return Severity::kMedium;
  if (score >= 0.1) return Severity::kLow;
  return Severity::kUnknown;
}

Result<CvssScore> cvss3_base_score(std::string_view vector) {
  CvssScore score;
  if (vector.rfind("CVSS:3.1/", 0) == 0) {
    score.version = "3.1";
  } else if (vector.rfind("CVSS:3.0/", 0) == 0) {
    score.version = "3.0";
  } else if (vector.rfind("CVSS:4.0/", 0) == 0 || vector.rfind("AV:", 0) == 0) {
    return Status(StatusCode::kUnsupported,
                  "CVSS vector '" + std::string(vector.substr(0, 120)) +
                      "': only CVSS v3.0 and v3.1 base scores are computed");
  } else {
    return parse_error(vector, "does not start with CVSS:3.0/ or CVSS:3.1/");
  }

  BaseMetrics metrics;
  int seen = 0;
  std::string_view rest = vector.substr(9);
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view pair = rest.substr(0, slash);
    rest.remove_prefix(slash == std::string_view::npos ? rest.size()
                                                       : slash + 1);
    size_t colon = pair.find(':');
    if (colon == std::string_view::npos) {
      return parse_error(vector,
                         "'" + std::string(pair) + "' is not Name:Value");
    }
    if (!set_metric(metrics, pair.substr(0, colon), pair.substr(colon + 1),
                    seen)) {
      return parse_error(vector,
                         "bad or repeated metric '" + std::string(pair) + "'");
    }
  }
  if (seen != 255) return parse_error(vector, "a base metric is missing");

  score.base_score = base_score(metrics, score.version == "3.1");
  score.rating = cvss_rating(score.base_score);
  return score;
}

}  // namespace rampart::scan::vuln
