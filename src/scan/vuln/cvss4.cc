// SPDX-License-Identifier: Apache-2.0
//
// CVSS v4.0 base score (CVSS-B), written from the FIRST CVSS v4.0
// specification, section 8 ("CVSS v4.0 Scoring"). v4.0 has no equations:
// the metrics are grouped into six equivalence classes (EQ1..EQ6) whose
// levels form a "macro vector", each macro vector has a score set by
// experts (the table below, published with the specification), and a
// vector's score is its macro vector's score lowered by how far the vector
// lies below the most severe vectors of that macro vector, in proportion
// to the score gap to the next lower macro vectors. See cvss.h for what is
// accepted.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "rampart/scan/vuln/cvss.h"

namespace rampart::scan::vuln {

namespace {

// The score of every macro vector in tenths, indexed by
// ((((eq1 * 2 + eq2) * 3 + eq3) * 3 + eq4) * 3 + eq5) * 2 + eq6. Each row
// holds one (EQ1, EQ2, EQ3) and runs through EQ4, EQ5, EQ6 in order; -1
// marks the combination that cannot occur (EQ3 2 with EQ6 0).
// clang-format off
constexpr std::array<signed char, 324> kMacroScores = {
    // EQ1 EQ2 EQ3 = 0 0 0
    100, 99, 98, 95, 95, 92, 100, 96, 93, 87, 91, 81, 93, 90, 89, 80, 81, 68,
    // EQ1 EQ2 EQ3 = 0 0 1
    98, 95, 95, 92, 90, 84, 93, 92, 89, 81, 81, 65, 88, 80, 78, 70, 69, 48,
    // EQ1 EQ2 EQ3 = 0 0 2
    -1, 92, -1, 82, -1, 72, -1, 79, -1, 69, -1, 50, -1, 69, -1, 55, -1, 27,
    // EQ1 EQ2 EQ3 = 0 1 0
    99, 97, 95, 92, 92, 85, 95, 91, 90, 83, 84, 71, 92, 81, 82, 71, 72, 53,
    // EQ1 EQ2 EQ3 = 0 1 1
    95, 93, 92, 85, 85, 73, 92, 82, 80, 72, 70, 59, 84, 70, 71, 52, 50, 30,
    // EQ1 EQ2 EQ3 = 0 1 2
    -1, 86, -1, 75, -1, 52, -1, 71, -1, 52, -1, 29, -1, 63, -1, 29, -1, 17,
    // EQ1 EQ2 EQ3 = 1 0 0
    98, 95, 94, 87, 91, 81, 94, 89, 86, 74, 77, 64, 87, 75, 74, 63, 63, 49,
    // EQ1 EQ2 EQ3 = 1 0 1
    94, 89, 88, 77, 76, 67, 86, 76, 74, 58, 59, 50, 72, 57, 57, 52, 52, 25,
    // EQ1 EQ2 EQ3 = 1 0 2
    -1, 83, -1, 70, -1, 54, -1, 65, -1, 58, -1, 26, -1, 53, -1, 21, -1, 13,
    // EQ1 EQ2 EQ3 = 1 1 0
    95, 90, 88, 76, 76, 70, 90, 77, 75, 62, 61, 53, 77, 66, 68, 59, 52, 30,
    // EQ1 EQ2 EQ3 = 1 1 1
    89, 78, 76, 67, 62, 58, 74, 59, 57, 57, 47, 23, 61, 52, 57, 29, 24, 16,
    // EQ1 EQ2 EQ3 = 1 1 2
    -1, 71, -1, 59, -1, 30, -1, 58, -1, 26, -1, 15, -1, 23, -1, 13, -1, 6,
    // EQ1 EQ2 EQ3 = 2 0 0
    93, 87, 86, 72, 75, 58, 86, 74, 74, 61, 56, 34, 70, 54, 52, 40, 40, 22,
    // EQ1 EQ2 EQ3 = 2 0 1
    85, 75, 74, 55, 62, 51, 72, 57, 55, 41, 46, 19, 53, 36, 34, 19, 19, 8,
    // EQ1 EQ2 EQ3 = 2 0 2
    -1, 64, -1, 51, -1, 20, -1, 47, -1, 21, -1, 11, -1, 24, -1, 9, -1, 4,
    // EQ1 EQ2 EQ3 = 2 1 0
    88, 75, 73, 53, 60, 50, 73, 55, 59, 40, 41, 20, 54, 43, 45, 22, 20, 11,
    // EQ1 EQ2 EQ3 = 2 1 1
    75, 55, 58, 45, 40, 21, 61, 51, 48, 18, 20, 9, 46, 18, 17, 7, 8, 2,
    // EQ1 EQ2 EQ3 = 2 1 2
    -1, 53, -1, 24, -1, 14, -1, 24, -1, 12, -1, 5, -1, 10, -1, 3, -1, 1,
};
// clang-format on

// Base metrics, in the order of the vector string.
enum Metric { kAV, kAC, kAT, kPR, kUI, kVC, kVI, kVA, kSC, kSI, kSA };
constexpr int kBaseMetrics = 11;

struct MetricSpec {
  std::string_view name;
  std::string_view values;  // allowed one-letter values
};

constexpr MetricSpec kBase[kBaseMetrics] = {
    {"AV", "NALP"}, {"AC", "LH"},  {"AT", "NP"},  {"PR", "NLH"},
    {"UI", "NPA"},  {"VC", "HLN"}, {"VI", "HLN"}, {"VA", "HLN"},
    {"SC", "HLN"},  {"SI", "HLN"}, {"SA", "HLN"},
};

// Threat, environmental and supplemental metrics: checked, then ignored,
// since the base score (CVSS-B) is computed. Values other than one letter
// only occur in U (Provider Urgency).
constexpr MetricSpec kOther[] = {
    {"E", "XAPU"},    {"CR", "XHML"},   {"IR", "XHML"},   {"AR", "XHML"},
    {"MAV", "XNALP"}, {"MAC", "XLH"},   {"MAT", "XNP"},   {"MPR", "XNLH"},
    {"MUI", "XNPA"},  {"MVC", "XHLN"},  {"MVI", "XHLN"},  {"MVA", "XHLN"},
    {"MSC", "XHLN"},  {"MSI", "XSHLN"}, {"MSA", "XSHLN"}, {"S", "XNP"},
    {"AU", "XNY"},    {"R", "XAUI"},    {"V", "XDC"},     {"RE", "XLMH"},
    {"U", ""},  // Provider Urgency: one of kUrgency
};
constexpr std::string_view kUrgency[] = {"X", "Clear", "Green", "Amber", "Red"};

// Severity levels within a metric, 0 the most severe, in the steps the
// specification's severity distances count (one step = 0.1). SC starts at
// 1 because SI and SA have a level "S" above H that SC lacks.
int level(Metric metric, char value) {
  switch (metric) {
    case kSC:
      return value == 'H' ? 1 : value == 'L' ? 2 : 3;
    case kSI:
    case kSA:
      return value == 'S' ? 0 : value == 'H' ? 1 : value == 'L' ? 2 : 3;
    default:
      return static_cast<int>(kBase[metric].values.find(value));
  }
}

struct Vector {
  std::array<char, kBaseMetrics> base{};
};

Status parse_error(std::string_view vector, const std::string& why) {
  return Status(
      StatusCode::kParseError,
      "CVSS vector '" + std::string(vector.substr(0, 120)) + "': " + why);
}

// Records one "Name:Value" pair; an error text when the name is unknown,
// repeated or the value not one the metric defines.
std::string set_metric(Vector& vector, std::string_view name,
                       std::string_view value, std::uint64_t& seen) {
  for (int i = 0; i < kBaseMetrics; ++i) {
    if (name != kBase[i].name) continue;
    if ((seen & (std::uint64_t{1} << i)) != 0) return "repeated metric";
    seen |= std::uint64_t{1} << i;
    if (value.size() != 1 ||
        kBase[i].values.find(value[0]) == std::string_view::npos) {
      return "undefined value";
    }
    vector.base[i] = value[0];
    return {};
  }
  int bit = kBaseMetrics;
  for (const MetricSpec& spec : kOther) {
    ++bit;
    if (name != spec.name) continue;
    if ((seen & (std::uint64_t{1} << bit)) != 0) return "repeated metric";
    seen |= std::uint64_t{1} << bit;
    bool ok = value.size() == 1 &&
              spec.values.find(value[0]) != std::string_view::npos;
    if (name == "U") {
      ok = false;
      for (std::string_view urgency : kUrgency) ok = ok || value == urgency;
    }
    return ok ? std::string() : "undefined value";
  }
  return "unknown metric";
}

Result<Vector> parse_vector(std::string_view text) {
  Vector vector;
  std::uint64_t seen = 0;
  std::string_view rest = text.substr(9);  // after "CVSS:4.0/"
  if (!rest.empty() && rest.back() == '/') {
    return parse_error(text, "ends with '/'");
  }
  while (!rest.empty()) {
    std::size_t slash = rest.find('/');
    std::string_view pair = rest.substr(0, slash);
    rest.remove_prefix(slash == std::string_view::npos ? rest.size()
                                                       : slash + 1);
    std::size_t colon = pair.find(':');
    if (colon == std::string_view::npos) {
      return parse_error(
          text, "'" + std::string(pair.substr(0, 40)) + "' is not Name:Value");
    }
    std::string why =
        set_metric(vector, pair.substr(0, colon), pair.substr(colon + 1), seen);
    if (!why.empty()) {
      // Untrusted text: the offending pair is cut like the vector is.
      return parse_error(text,
                         why + " '" + std::string(pair.substr(0, 40)) + "'");
    }
  }
  constexpr std::uint64_t kAllBase = (std::uint64_t{1} << kBaseMetrics) - 1;
  if ((seen & kAllBase) != kAllBase) {
    return parse_error(text, "a base metric is missing");
  }
  return vector;
}

// The macro vector: one level per equivalence class, 0 the most severe.
// With only base metrics, E counts as A (EQ5 0), CR/IR/AR as H, and no
// subsequent-system metric can be S (EQ4 is 1 or 2).
struct Macro {
  int eq[6] = {};
};

Macro macro_vector(const Vector& v) {
  auto is = [&](Metric m, char value) { return v.base[m] == value; };
  Macro macro;
  if (is(kAV, 'N') && is(kPR, 'N') && is(kUI, 'N')) {
    macro.eq[0] = 0;
  } else if ((is(kAV, 'N') || is(kPR, 'N') || is(kUI, 'N')) && !is(kAV, 'P')) {
    macro.eq[0] = 1;
  } else {
    macro.eq[0] = 2;
  }
  macro.eq[1] = is(kAC, 'L') && is(kAT, 'N') ? 0 : 1;

  bool any_high = is(kVC, 'H') || is(kVI, 'H') || is(kVA, 'H');
  macro.eq[2] = is(kVC, 'H') && is(kVI, 'H') ? 0 : any_high ? 1 : 2;
  macro.eq[3] = is(kSC, 'H') || is(kSI, 'H') || is(kSA, 'H') ? 1 : 2;
  macro.eq[4] = 0;
  macro.eq[5] = any_high ? 0 : 1;  // (CR:H and VC:H) or (IR:H and VI:H) ...
  return macro;
}

// Score in tenths of a macro vector, or -1 when it does not exist (a level
// past the last one of its class, or EQ3 2 with EQ6 0).
int macro_score(const Macro& m) {
  static constexpr int kLevels[6] = {3, 2, 3, 3, 3, 2};
  for (int i = 0; i < 6; ++i) {
    if (m.eq[i] < 0 || m.eq[i] >= kLevels[i]) return -1;
  }
  int index =
      ((((m.eq[0] * 2 + m.eq[1]) * 3 + m.eq[2]) * 3 + m.eq[3]) * 3 + m.eq[4]) *
          2 +
      m.eq[5];
  return kMacroScores[index];
}

Macro lowered(Macro macro, int eq) {
  ++macro.eq[eq];
  return macro;
}

// EQ3 and EQ6 are stepped down together: 00 may go to 01 or 10 (the
// higher-scoring one is the next lower), 01 and 10 go to 11, 11 to 21, and
// 21 is the lowest.
int next_lower_eq3_eq6(const Macro& m) {
  int eq3 = m.eq[2];
  int eq6 = m.eq[5];
  if (eq3 == 0 && eq6 == 0) {
    return std::max(macro_score(lowered(m, 5)), macro_score(lowered(m, 2)));
  }
  if (eq3 == 1 && eq6 == 0) return macro_score(lowered(m, 5));
  if (eq3 == 2) return -1;
  return macro_score(lowered(m, 2));
}

// The most severe vectors of each level of each class, as the
// specification lists them ("highest severity vectors"); EQ3 and EQ6 are
// listed together, by EQ3 then EQ6 level.
constexpr std::string_view kEq1Max[3][3] = {
    {"AV:N/PR:N/UI:N"},
    {"AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"},
    {"AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"},
};
constexpr std::string_view kEq2Max[2][2] = {
    {"AC:L/AT:N"},
    {"AC:H/AT:N", "AC:L/AT:P"},
};
constexpr std::string_view kEq3Eq6Max[3][2][5] = {
    {{"VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"},
     {"VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"}},
    {{"VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"},
     {"VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M",
      "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H",
      "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M"}},
    {{}, {"VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"}},
};
constexpr std::string_view kEq4Max[3] = {"SC:H/SI:S/SA:S", "SC:H/SI:H/SA:H",
                                         "SC:L/SI:L/SA:L"};

// How many severity steps deep each level is: the distance from its most
// severe vectors to its least severe ones.
constexpr int kEq1Depth[3] = {1, 4, 5};
constexpr int kEq2Depth[2] = {1, 2};
constexpr int kEq3Eq6Depth[3][2] = {{7, 6}, {8, 8}, {0, 10}};
constexpr int kEq4Depth[3] = {6, 5, 4};

// Levels of a vector in the metrics that severity distances compare: the
// eleven base metrics, then CR, IR, AR (H, level 0, in a base score).
using Levels = std::array<int, kBaseMetrics + 3>;

Levels vector_levels(const Vector& v) {
  Levels levels{};
  for (int i = 0; i < kBaseMetrics; ++i) {
    levels[i] = level(static_cast<Metric>(i), v.base[i]);
  }
  return levels;
}

// Writes the levels a max-vector fragment ("AV:N/PR:N/UI:N") names.
void apply_fragment(std::string_view fragment, Levels& levels) {
  while (!fragment.empty()) {
    std::size_t slash = fragment.find('/');
    std::string_view pair = fragment.substr(0, slash);
    fragment.remove_prefix(slash == std::string_view::npos ? fragment.size()
                                                           : slash + 1);
    std::string_view name = pair.substr(0, pair.find(':'));
    char value = pair.back();
    for (int i = 0; i < kBaseMetrics; ++i) {
      if (name == kBase[i].name)
        levels[i] = level(static_cast<Metric>(i), value);
    }
    constexpr std::string_view kRequirements[3] = {"CR", "IR", "AR"};
    for (int i = 0; i < 3; ++i) {
      if (name == kRequirements[i]) {
        levels[kBaseMetrics + i] =
            static_cast<int>(std::string_view("HML").find(value));
      }
    }
  }
}

// Per-metric distance of the vector below the first highest-severity
// vector of its macro vector that it does not exceed in any metric. The
// lists are tried in the specification's order (EQ1, EQ2, EQ3/EQ6, EQ4).
Levels severity_distances(const Levels& vector, const Macro& m) {
  Levels distance{};
  for (std::string_view eq1 : kEq1Max[m.eq[0]]) {
    for (std::string_view eq2 : kEq2Max[m.eq[1]]) {
      for (std::string_view eq36 : kEq3Eq6Max[m.eq[2]][m.eq[5]]) {
        if (eq1.empty() || eq2.empty() || eq36.empty()) continue;
        Levels max{};
        apply_fragment(eq1, max);
        apply_fragment(eq2, max);
        apply_fragment(eq36, max);
        apply_fragment(kEq4Max[m.eq[3]], max);
        bool below = true;
        for (std::size_t i = 0; i < max.size(); ++i) {
          distance[i] = vector[i] - max[i];
          below = below && distance[i] >= 0;
        }
        if (below) return distance;
      }
    }
  }
  return distance;  // the last candidate, as the specification's method
}

int sum(const Levels& distance, std::initializer_list<int> metrics) {
  int total = 0;
  for (int metric : metrics) total += distance[metric];
  return total;
}

// Round half up to one decimal. The interpolation can land a hair below
// an x.x5 tie (5.6499999... for 5.65); the specification's calculator adds
// 1e-6 before rounding, and so does this.
double round_to_tenth(double value) {
  return std::floor((value + 1e-6) * 10.0 + 0.5) / 10.0;
}

double score_of(const Vector& v) {
  const std::array<char, kBaseMetrics>& b = v.base;
  bool no_impact = true;
  for (int metric : {kVC, kVI, kVA, kSC, kSI, kSA}) {
    no_impact = no_impact && b[metric] == 'N';
  }
  if (no_impact) return 0.0;

  Macro m = macro_vector(v);
  double value = macro_score(m) / 10.0;
  Levels distance = severity_distances(vector_levels(v), m);

  // Each class whose next lower macro vector exists takes part: the score
  // gap to it, scaled by how deep in its level the vector lies. EQ5 always
  // counts with a proportion of 0 (its level has depth 1).
  struct Part {
    int lower;  // score in tenths of the next lower macro vector, or -1
    int steps;  // the vector's distance below the level's top
    int depth;
  };
  const Part parts[] = {
      {macro_score(lowered(m, 0)), sum(distance, {kAV, kPR, kUI}),
       kEq1Depth[m.eq[0]]},
      {macro_score(lowered(m, 1)), sum(distance, {kAC, kAT}),
       kEq2Depth[m.eq[1]]},
      {next_lower_eq3_eq6(m),
       sum(distance,
           {kVC, kVI, kVA, kBaseMetrics, kBaseMetrics + 1, kBaseMetrics + 2}),
       kEq3Eq6Depth[m.eq[2]][m.eq[5]]},
      {macro_score(lowered(m, 3)), sum(distance, {kSC, kSI, kSA}),
       kEq4Depth[m.eq[3]]},
      {macro_score(lowered(m, 4)), 0, 1},
  };
  double total = 0.0;
  int counted = 0;
  for (const Part& part : parts) {
    if (part.lower < 0) continue;
    ++counted;
    double gap = value - part.lower / 10.0;
    total += gap * static_cast<double>(part.steps) / part.depth;
  }
  if (counted > 0) value -= total / counted;
  return round_to_tenth(std::clamp(value, 0.0, 10.0));
}

}  // namespace

Result<CvssScore> cvss4_base_score(std::string_view vector) {
  if (vector.rfind("CVSS:4.0/", 0) != 0) {
    return parse_error(vector, "does not start with CVSS:4.0/");
  }
  Result<Vector> parsed = parse_vector(vector);
  if (!parsed.is_ok()) return parsed.status();

  CvssScore score;
  score.version = "4.0";
  score.base_score = score_of(*parsed);
  score.rating = cvss_rating(score.base_score);
  return score;
}

}  // namespace rampart::scan::vuln
