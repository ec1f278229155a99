// SPDX-License-Identifier: Apache-2.0
#include "rampart/findings/report.h"

#include <gtest/gtest.h>

#include "findings/report_fixture.h"

namespace rampart {
namespace {

TEST(CountAtOrAbove, CountsThresholdAndWorse) {
  ScanReport report = testing::sample_report();
  EXPECT_EQ(count_at_or_above(report.findings, Severity::kHigh), 2u);
  EXPECT_EQ(count_at_or_above(report.findings, Severity::kCritical), 1u);
  EXPECT_EQ(count_at_or_above(report.findings, Severity::kUnknown), 3u);
}

TEST(ParseReportFormat, KnowsEveryFormat) {
  EXPECT_EQ(parse_report_format("sarif"), ReportFormat::kSarif);
  EXPECT_EQ(parse_report_format("cyclonedx"), ReportFormat::kCycloneDx);
  EXPECT_EQ(parse_report_format("SARIF"), std::nullopt);
  EXPECT_EQ(parse_report_format("xml"), std::nullopt);
}

}  // namespace
}  // namespace rampart
