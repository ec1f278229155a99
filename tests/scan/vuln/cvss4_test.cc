// SPDX-License-Identifier: Apache-2.0
//
// CVSS v4.0 base scores (CVSS-B). The expected scores are the ones the
// FIRST CVSS v4.0 calculator gives for these vectors, chosen to reach every
// equivalence-class level a base vector can have and both ways down from
// EQ3/EQ6 "00". Every CVSS_V4 vector in ../shared/osv must score, and the
// records' reported severity follows the documented v3-first rule.
#include <filesystem>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "rampart/base/file.h"
#include "rampart/scan/vuln/cvss.h"
#include "rampart/scan/vuln/osv.h"

namespace rampart::scan::vuln {
namespace {

struct Example {
  const char* vector;
  double score;
  Severity rating;
};

void expect_scores(const Example& example) {
  Result<CvssScore> score = cvss4_base_score(example.vector);
  ASSERT_TRUE(score.is_ok()) << score.status().to_string();
  EXPECT_DOUBLE_EQ(score->base_score, example.score) << example.vector;
  EXPECT_EQ(score->rating, example.rating) << example.vector;
  EXPECT_EQ(score->version, "4.0");
}

TEST(Cvss4, MatchesTheFirstCalculator) {
  const Example kExamples[] = {
      // Macro vector 000100, the top of the table.
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0,
       Severity::kCritical},
      // 000200: no subsequent-system impact, no lower EQ4 level.
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3,
       Severity::kCritical},
      // EQ1 1, two steps into a level four deep.
      {"CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.5,
       Severity::kHigh},
      // EQ3 2 / EQ6 1, the lowest impact class.
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", 6.9,
       Severity::kMedium},
      {"CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", 5.3,
       Severity::kMedium},
      // EQ2 1 and EQ3 1.
      {"CVSS:4.0/AV:N/AC:H/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N", 8.2,
       Severity::kHigh},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N", 8.7,
       Severity::kHigh},
      // Only subsequent-system impact.
      {"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 2.3,
       Severity::kLow},
      // Every class below its top.
      {"CVSS:4.0/AV:L/AC:H/AT:P/PR:L/UI:A/VC:H/VI:L/VA:N/SC:H/SI:N/SA:N", 5.6,
       Severity::kMedium},
      // EQ1 2 at the bottom of the table.
      {"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:L/SC:N/SI:N/SA:N", 1.0,
       Severity::kLow},
      {"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:N/SA:L", 1.0,
       Severity::kLow},
      // No impact at all scores 0.0, rated None.
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0,
       Severity::kUnknown},
  };
  for (const Example& example : kExamples) expect_scores(example);
}

TEST(Cvss4, OtherMetricGroupsDoNotChangeTheBaseScore) {
  // The calculator gives this vector 1.9 as CVSS-BT (E:P lowers it); the
  // base score, which rampart reports, is 4.8.
  expect_scores(
      {"CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:N/VI:N/VA:L/SC:N/SI:N/"
       "SA:N/E:P",
       4.8, Severity::kMedium});
  expect_scores(
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:H/VA:N/SC:N/SI:N/"
       "SA:N/E:A/U:Red",
       8.8, Severity::kHigh});
  expect_scores(
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
       "SA:N/E:U/CR:L/IR:L/AR:L/MAV:P/MSI:S/S:P/AU:Y/R:I/V:C/RE:H/"
       "U:Clear",
       9.3, Severity::kCritical});
}

TEST(Cvss4, RejectsMalformedVectors) {
  const char* kBad[] = {
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      "AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N",
      "CVSS:4.0/AV:N/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
      "CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:S/SI:N/SA:N",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:Z",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Pink",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/E:A",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/XX:Y",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/",
      "CVSS:4.0/AV:NN/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
      "CVSS:4.0/",
  };
  for (const char* vector : kBad) {
    Result<CvssScore> score = cvss4_base_score(vector);
    EXPECT_FALSE(score.is_ok()) << vector;
    if (!score.is_ok()) {
      EXPECT_EQ(score.status().code(), StatusCode::kParseError) << vector;
    }
  }
  EXPECT_EQ(cvss4_base_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/"
                             "VA:H/SC:N/SI:N")
                .status()
                .message(),
            "CVSS vector 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/"
            "SC:N/SI:N': a base metric is missing");
  EXPECT_EQ(cvss4_base_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/"
                             "VA:H/SC:N/SI:N/SA:N/E:Z")
                .status()
                .message(),
            "CVSS vector 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/"
            "SC:N/SI:N/SA:N/E:Z': undefined value 'E:Z'");
}

TEST(Cvss4, ScoresEveryVectorInSharedOsv) {
  std::set<std::string> vectors;
  std::string root = std::string(RAMPART_SHARED_DIR) + "/osv";
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".json") continue;
    Result<std::string> text = read_file(entry.path().string());
    if (!text.is_ok() || text->find("CVSS_V4") == std::string::npos) continue;
    Result<OsvRecord> record = parse_osv_record(*text);
    if (!record.is_ok()) continue;
    for (const OsvSeverity& severity : record->severity) {
      if (severity.type == "CVSS_V4") vectors.insert(severity.score);
    }
  }
  ASSERT_GE(vectors.size(), 200u);  // 255 distinct when this was written
  for (const std::string& vector : vectors) {
    Result<CvssScore> score = cvss4_base_score(vector);
    ASSERT_TRUE(score.is_ok()) << score.status().to_string();
    EXPECT_GE(score->base_score, 0.0);
    EXPECT_LE(score->base_score, 10.0);
  }
}

OsvRecord record_with(std::initializer_list<OsvSeverity> severity) {
  OsvRecord record;
  record.id = "TEST-1";
  record.severity = severity;
  record.severity_label = "LOW";
  return record;
}

TEST(Cvss4, RecordsUseV4OnlyWithoutAV3Vector) {
  const char* kV4 =
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
  const char* kV3 = "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N";

  RecordSeverity v4_only = record_severity(record_with({{"CVSS_V4", kV4}}));
  EXPECT_EQ(v4_only.level, Severity::kCritical);
  EXPECT_DOUBLE_EQ(v4_only.score, 9.3);
  EXPECT_EQ(v4_only.vector, kV4);

  RecordSeverity both =
      record_severity(record_with({{"CVSS_V4", kV4}, {"CVSS_V3", kV3}}));
  EXPECT_EQ(both.level, Severity::kLow);
  EXPECT_DOUBLE_EQ(both.score, 3.1);
  EXPECT_EQ(both.vector, kV3);

  // A broken v4 vector falls back to the record's label.
  RecordSeverity broken =
      record_severity(record_with({{"CVSS_V4", "CVSS:4.0/AV:N"}}));
  EXPECT_EQ(broken.level, Severity::kLow);
  EXPECT_EQ(broken.vector, "");
}

}  // namespace
}  // namespace rampart::scan::vuln
