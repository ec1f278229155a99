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

TEST(RenderJunit, OneCasePerCheckAndTargetFailingAtThreshold) {
  ScanReport report = testing::sample_report();
  Finding again = report.findings[1];  // same rule, same file, other line
  again.start_line = 80;
  report.findings.push_back(again);
  std::string xml = render_junit(report, {});
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0u);
  EXPECT_TRUE(contains(xml,
                       "<testsuites name=\"rampart scan\" tests=\"3\" "
                       "failures=\"2\""));
  EXPECT_TRUE(contains(xml,
                       "<testsuite name=\"rampart vuln\" tests=\"1\" "
                       "failures=\"1\""));
  // Below the threshold: passes, details in system-out.
  EXPECT_TRUE(contains(xml,
                       "<testsuite name=\"rampart misconfig\" tests=\"1\" "
                       "failures=\"0\""));
  EXPECT_TRUE(contains(xml, "container &apos;web&apos; &lt;does&gt; not set"));
  EXPECT_TRUE(contains(xml, "HIGH package-lock.json:40: minimist"));
  EXPECT_TRUE(contains(xml, "HIGH package-lock.json:80: minimist"));
}

TEST(RenderJunit, EmptyScannerGetsOnePassingCase) {
  ScanReport report;
  report.target = ".";
  report.scanners = {"secret"};
  std::string xml = render_junit(report, {});
  EXPECT_TRUE(contains(xml, "name=\"no secret findings\""));
  EXPECT_TRUE(contains(xml, "tests=\"1\" failures=\"0\""));
}

TEST(RenderJunit, ControlCharactersNeverReachTheXml) {
  ScanReport report = testing::sample_report();
  report.findings[0].message = std::string("bad\x01\x02 byte\xFF", 11);
  std::string xml = render_junit(report, {});
  EXPECT_FALSE(contains(xml, "\x01"));
  EXPECT_TRUE(contains(xml, "bad byte\xEF\xBF\xBD"));
}

TEST(RenderJunit, HistoryFindingIsACaseOfItsOwnNamingTheCommit) {
  std::string xml = render_junit(testing::report_with_history(), {});
  EXPECT_TRUE(contains(xml, "classname=\"config/settings.env @ 0123456789ab\""))
      << xml;
  EXPECT_TRUE(contains(xml, "classname=\"config/settings.env\""));
  EXPECT_TRUE(contains(xml,
                       "CRITICAL config/settings.env:7 in commit "
                       "0123456789abcdef0123456789abcdef01234567: GitHub"));
}

}  // namespace
}  // namespace rampart
