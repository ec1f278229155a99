// SPDX-License-Identifier: Apache-2.0
#include <string>

#include <gtest/gtest.h>

#include "rampart/findings/report.h"

#include "findings/report_fixture.h"

namespace rampart {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(RenderSarif, RulesResultsAndFingerprints) {
  std::string sarif = render_sarif(testing::sample_report(), {});
  EXPECT_TRUE(contains(sarif, "\"version\": \"2.1.0\""));
  EXPECT_TRUE(contains(sarif, "\"security-severity\": \"9.5\""));
  EXPECT_TRUE(contains(sarif, "\"security-severity\": \"5.5\""));
  EXPECT_TRUE(contains(sarif, "\"helpUri\": \"https://kubernetes.io/docs/"));
  EXPECT_TRUE(contains(sarif, "\"uri\": \"k8s/deploy.yaml\""));
  EXPECT_TRUE(contains(sarif, "\"startLine\": 12,\n"));
  EXPECT_TRUE(contains(sarif, "\"endLine\": 14\n"));
  EXPECT_TRUE(contains(sarif, "\"rampartFingerprint/v1\": \"22cc33dd\""));
  EXPECT_TRUE(contains(sarif, "\"executionSuccessful\": false"));
  EXPECT_TRUE(contains(sarif, "\"ruleIndex\": 2"));
}

TEST(RenderSarif, FindingsWithoutLinesPointAtLineOne) {
  ScanReport report = testing::sample_report();
  report.findings.resize(1);
  report.findings[0].start_line = report.findings[0].end_line = 0;
  std::string sarif = render_sarif(report, {});
  EXPECT_TRUE(contains(sarif, "\"startLine\": 1,\n"));
}

TEST(RenderSarif, HistoryFindingNamesItsCommit) {
  std::string sarif = render_sarif(testing::report_with_history(), {});
  std::string commit = testing::kHistoryCommit;
  // In the result's properties, for tools.
  EXPECT_TRUE(contains(sarif, "\"commit\": \"" + commit + "\""));
  EXPECT_TRUE(contains(sarif, "\"author_date\": \"2024-05-01T12:00:00Z\""));
  // On the location, for a reader who wants to see the lines.
  EXPECT_TRUE(contains(sarif, "\"text\": \"in git commit " + commit +
                                  "; see it with: git show " + commit +
                                  ":config/settings.env\""))
      << sarif;
  // Working-tree findings keep a plain location.
  EXPECT_EQ(sarif.find("in git commit"), sarif.rfind("in git commit"));
}

}  // namespace
}  // namespace rampart
