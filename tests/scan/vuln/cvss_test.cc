// SPDX-License-Identifier: Apache-2.0
//
// CVSS v3.x base scores against the worked examples that FIRST publishes
// with the specification (CVSS v3.1 "Examples" document): each vector
// with the base score the specification gives for it.
#include "rampart/scan/vuln/cvss.h"

#include <gtest/gtest.h>

namespace rampart::scan::vuln {
namespace {

struct Example {
  const char* vector;
  double score;
  Severity rating;
};

TEST(Cvss, MatchesSpecificationExamples) {
  const Example kExamples[] = {
      // CVE-2014-0160 (OpenSSL Heartbleed)
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, Severity::kHigh},
      // CVE-2014-6271 (GNU Bash Shellshock)
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8,
       Severity::kCritical},
      // CVE-2013-1937 (phpMyAdmin reflected XSS)
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, Severity::kMedium},
      // CVE-2013-0375 (MySQL stored SQL injection)
      {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4, Severity::kMedium},
      // CVE-2014-3566 (SSLv3 POODLE)
      {"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1, Severity::kLow},
      // CVE-2012-1516 (VMware guest to host escape)
      {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9,
       Severity::kCritical},
      // CVE-2009-0783 (Apache Tomcat XML parser)
      {"CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2, Severity::kMedium},
      // CVE-2012-0384 (Cisco IOS command injection)
      {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8, Severity::kHigh},
      // CVE-2015-1098 (Apple iWork denial of service)
      {"CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8, Severity::kHigh},
      // CVE-2014-0224 (OpenSSL CCS injection)
      {"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 7.4, Severity::kHigh},
      // CVE-2012-5376 (Chrome sandbox bypass)
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6,
       Severity::kCritical},
      // CVE-2016-1645 (Chrome PDFium)
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8, Severity::kHigh},
      // CVE-2016-0128 (Windows SAM/LSAD downgrade, "Badlock")
      {"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N", 6.8, Severity::kMedium},
      // CVE-2011-1265 (Microsoft Windows Bluetooth remote code execution)
      {"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.8, Severity::kHigh},
      // CVE-2014-2005 (Sophos full disk encryption bypass)
      {"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8, Severity::kMedium},
      // CVE-2010-0467 (Joomla directory traversal)
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8, Severity::kMedium},
      // CVE-2012-1342 (Cisco ASR 9000 ACL bypass)
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N", 5.8, Severity::kMedium},
  };
  for (const Example& example : kExamples) {
    Result<CvssScore> score = cvss3_base_score(example.vector);
    ASSERT_TRUE(score.is_ok())
        << example.vector << ": " << score.status().message();
    EXPECT_DOUBLE_EQ(score->base_score, example.score) << example.vector;
    EXPECT_EQ(score->rating, example.rating) << example.vector;
    EXPECT_EQ(score->version, "3.1");
  }
}

TEST(Cvss, NoImpactScoresZeroAndRatesNone) {
  Result<CvssScore> score =
      cvss3_base_score("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N");
  ASSERT_TRUE(score.is_ok());
  EXPECT_EQ(score->base_score, 0.0);
  EXPECT_EQ(score->rating, Severity::kUnknown);
  EXPECT_EQ(score->version, "3.0");
}

TEST(Cvss, ScopeChangeCapsAtTen) {
  Result<CvssScore> score =
      cvss3_base_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
  ASSERT_TRUE(score.is_ok());
  EXPECT_EQ(score->base_score, 10.0);
  EXPECT_EQ(score->rating, Severity::kCritical);
}

TEST(Cvss, IgnoresTemporalAndEnvironmentalMetrics) {
  Result<CvssScore> score = cvss3_base_score(
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H");
  ASSERT_TRUE(score.is_ok());
  EXPECT_EQ(score->base_score, 9.8);
}

TEST(Cvss, RejectsMalformedVectors) {
  const char* kBad[] = {
      "",
      "CVSS:3.1/",
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",           // A missing
      "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",       // bad value
      "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",  // repeated
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A",         // no value
      "CVSS:2.0/AV:N",
  };
  for (const char* vector : kBad) {
    Result<CvssScore> score = cvss3_base_score(vector);
    EXPECT_FALSE(score.is_ok()) << vector;
    if (!score.is_ok()) {
      EXPECT_EQ(score.status().code(), StatusCode::kParseError) << vector;
    }
  }
}

TEST(Cvss, V4AndV2AreReportedUnsupported) {
  EXPECT_EQ(cvss3_base_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/"
                             "VA:H/SC:N/SI:N/SA:N")
                .status()
                .code(),
            StatusCode::kUnsupported);
  EXPECT_EQ(cvss3_base_score("AV:N/AC:L/Au:N/C:P/I:P/A:P").status().code(),
            StatusCode::kUnsupported);
}

}  // namespace
}  // namespace rampart::scan::vuln
