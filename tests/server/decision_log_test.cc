// SPDX-License-Identifier: Apache-2.0
#include "rampart/server/decision_log.h"

#include <string>

#include <gtest/gtest.h>

namespace rampart::server {
namespace {

TEST(DecisionLog, FormatsOneEscapedJsonLine) {
  DecisionRecord record;
  record.endpoint = "validate";
  record.uid = "705ab4f5";
  record.kind = "Pod";
  record.ns = "shop";
  record.name = "cart\"\n";
  record.operation = "CREATE";
  record.user = "alice";
  record.decision = "denied";
  record.messages = {"Containers must not run as root"};
  record.latency_ms = 0.0421;
  // 2026-12-04T19:30:00.123Z
  std::string line = format_decision(record, 1796412600123);
  EXPECT_EQ(line,
            "{\"time\":\"2026-12-04T19:30:00.123Z\",\"endpoint\":\"validate\","
            "\"uid\":\"705ab4f5\",\"kind\":\"Pod\",\"namespace\":\"shop\","
            "\"name\":\"cart\\\"\\n\",\"operation\":\"CREATE\","
            "\"user\":\"alice\",\"decision\":\"denied\",\"messages\":"
            "[\"Containers must not run as root\"],\"latency_ms\":0.042}\n");
}

TEST(DecisionLog, BoundsMessages) {
  std::string long_message(5000, 'm');
  DecisionRecord record;
  for (int i = 0; i < 100; ++i) record.messages.push_back(long_message);
  std::string line = format_decision(record, 0);
  EXPECT_LT(line.size(),
            kMaxLoggedMessages * (kMaxLoggedMessageBytes + 3) + 400);
  EXPECT_EQ(line.back(), '\n');
}

TEST(DecisionLog, OpenReportsUnwritablePath) {
  auto log = DecisionLog::open("/nonexistent-folder/decisions.log");
  ASSERT_FALSE(log.is_ok());
  EXPECT_EQ(log.status().code(), StatusCode::kIoError);
  EXPECT_EQ(log.status().location().file, "/nonexistent-folder/decisions.log");
}

}  // namespace
}  // namespace rampart::server
