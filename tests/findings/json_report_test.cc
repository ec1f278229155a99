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

TEST(RenderJson, CarriesSchemaSummaryAndFindings) {
  ReportOptions options;
  options.timestamp = "2026-12-04T12:00:00Z";
  std::string json = render_json(testing::sample_report(), options);
  EXPECT_EQ(json.rfind("{\n  \"schema_version\": 1,", 0), 0u);
  EXPECT_TRUE(contains(json, "\"created_at\": \"2026-12-04T12:00:00Z\""));
  EXPECT_TRUE(contains(json, "\"at_or_above_threshold\": 2"));
  EXPECT_TRUE(contains(json, "\"by_scanner\": {\n      \"misconfig\": 1,"));
  EXPECT_TRUE(contains(
      json,
      "\"message\": \"container 'web' <does> not set \\\"runAsNonRoot\\\"\""));
  EXPECT_TRUE(contains(json, "\"fixed_version\": \"1.2.6\""));
  EXPECT_TRUE(contains(json, "\"level\": \"error\""));
  EXPECT_TRUE(contains(json, "\"source_file\": \"web/package-lock.json\""));
  // Code lines are for humans and stay out of the machine format.
  EXPECT_FALSE(contains(json, "KEY=*****"));
}

TEST(RenderJson, HistoryFindingCarriesCommitAndDate) {
  std::string json = render_json(testing::report_with_history(), {});
  EXPECT_TRUE(contains(json,
                       "\"commit\": "
                       "\"0123456789abcdef0123456789abcdef01234567\""))
      << json;
  EXPECT_TRUE(contains(json, "\"author_date\": \"2024-05-01T12:00:00Z\""));
}

}  // namespace
}  // namespace rampart
