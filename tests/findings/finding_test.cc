// SPDX-License-Identifier: Apache-2.0
#include "rampart/findings/finding.h"

#include <gtest/gtest.h>

namespace rampart {
namespace {

TEST(Severity, ParsesNamesInAnyCase) {
  EXPECT_EQ(parse_severity("high"), Severity::kHigh);
  EXPECT_EQ(parse_severity("CRITICAL"), Severity::kCritical);
  EXPECT_EQ(parse_severity("Low"), Severity::kLow);
  EXPECT_FALSE(parse_severity("severe").has_value());
  EXPECT_FALSE(parse_severity("").has_value());
}

TEST(Severity, NamesRoundTrip) {
  for (Severity s : {Severity::kUnknown, Severity::kLow, Severity::kMedium,
                     Severity::kHigh, Severity::kCritical}) {
    EXPECT_EQ(parse_severity(severity_name(s)), s);
  }
  EXPECT_LT(Severity::kMedium, Severity::kHigh);
}

TEST(FindingCommit, EmptyForWorkingTreeFindings) {
  Finding finding;
  EXPECT_EQ(finding_commit(finding), "");
  finding.properties["commit"] = "0123456789abcdef0123456789abcdef01234567";
  EXPECT_EQ(finding_commit(finding),
            "0123456789abcdef0123456789abcdef01234567");
  EXPECT_EQ(short_commit(finding_commit(finding)), "0123456789ab");
  EXPECT_EQ(short_commit("abc"), "abc");
}

}  // namespace
}  // namespace rampart
