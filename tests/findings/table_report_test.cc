// SPDX-License-Identifier: Apache-2.0
#include <string>

#include <gtest/gtest.h>

#include "rampart/findings/report.h"

#include "findings/report_fixture.h"

namespace rampart {
namespace {

TEST(RenderTable, GroupsByFileShowsCodeAndSummary) {
  std::string table = render_table(testing::sample_report(), {});
  EXPECT_EQ(table.rfind("config/settings.env (1 finding)\n", 0), 0u);
  EXPECT_NE(table.find("    at k8s/deploy.yaml:12-14\n"), std::string::npos);
  EXPECT_NE(table.find("      > 3 | KEY=*****\n"), std::string::npos);
  EXPECT_NE(table.find("        2 | # aws\n"), std::string::npos);
  EXPECT_NE(table.find("    fix: Set securityContext.runAsNonRoot: true\n"),
            std::string::npos);
  EXPECT_NE(table.find("3 findings: 1 CRITICAL, 1 HIGH, 1 MEDIUM, 0 LOW, "
                       "0 UNKNOWN\n"),
            std::string::npos);
  EXPECT_NE(table.find("by scanner: misconfig 1, secret 1, vuln 1\n"),
            std::string::npos);
  EXPECT_NE(table.find("gate FAILED: 2 at or above HIGH\n"), std::string::npos);
  EXPECT_EQ(table.find('\x1b'), std::string::npos);  // no colour unless asked
}

TEST(RenderTable, ColourOnlyWhenAskedAndNeverFromInput) {
  ScanReport report = testing::sample_report();
  report.findings[0].message = "evil \x1b[2J clear";
  std::string plain = render_table(report, {});
  EXPECT_NE(plain.find("evil ?[2J clear"), std::string::npos);
  ReportOptions color;
  color.color = true;
  std::string painted = render_table(report, color);
  EXPECT_NE(painted.find("\x1b[1;31mCRITICAL"), std::string::npos);
  EXPECT_EQ(painted.find("\x1b[2J"), std::string::npos);
}

TEST(RenderTable, EmptyReportPasses) {
  ScanReport report;
  report.scanners = {"secret"};
  std::string table = render_table(report, {});
  EXPECT_NE(table.find("No findings."), std::string::npos);
  EXPECT_NE(table.find("gate passed: 0 at or above HIGH"), std::string::npos);
}

TEST(RenderTable, HistoryFindingShowsItsCommitApartFromTodaysFile) {
  std::string table = render_table(testing::report_with_history(), {});
  EXPECT_NE(table.find("config/settings.env (1 finding)\n"), std::string::npos)
      << table;
  EXPECT_NE(table.find("config/settings.env @ 0123456789ab (1 finding)\n"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("    at config/settings.env:7 in commit 0123456789ab "
                       "of 2024-05-01T12:00:00Z\n"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("      > 7 | TOKEN=*****\n"), std::string::npos);
}

}  // namespace
}  // namespace rampart
