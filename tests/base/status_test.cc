// SPDX-License-Identifier: Apache-2.0
#include "rampart/base/status.h"

#include <gtest/gtest.h>

namespace rampart {
namespace {

TEST(Status, OkHasNoMessage) {
  Status status;
  EXPECT_TRUE(status.is_ok());
  EXPECT_EQ(status.to_string(), "ok");
}

TEST(Status, ToStringNamesFileLineAndColumn) {
  Status status(StatusCode::kParseError, "unexpected '}'",
                SourceLocation{"policy.rego", 4, 7});
  EXPECT_EQ(status.to_string(), "policy.rego:4:7: unexpected '}'");
}

TEST(Status, WithLocationKeepsAnExistingLocation) {
  Status status(StatusCode::kParseError, "bad", SourceLocation{"a.yaml", 2});
  EXPECT_EQ(status.with_location({"b.yaml", 9}).to_string(), "a.yaml:2: bad");
  EXPECT_EQ(Status(StatusCode::kParseError, "bad")
                .with_location({"b.yaml", 9})
                .to_string(),
            "b.yaml:9: bad");
}

Result<int> parse_digit(char c) {
  if (c < '0' || c > '9') {
    return Status(StatusCode::kInvalidArgument, "not a digit");
  }
  return c - '0';
}

TEST(Result, HoldsValueOrStatus) {
  auto good = parse_digit('7');
  ASSERT_TRUE(good.is_ok());
  EXPECT_EQ(*good, 7);

  auto bad = parse_digit('x');
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.status().message(), "not a digit");
}

}  // namespace
}  // namespace rampart
