// SPDX-License-Identifier: Apache-2.0
#include "rampart/document/json.h"

#include <gtest/gtest.h>

namespace rampart {
namespace {

TEST(Json, RoundTripsEveryType) {
  const char* text =
      R"({"a":[1,2.5,"x",null,true],"b":{"c":false},"big":123456789012345678901234567890})";
  auto value = parse_json(text, "t.json");
  ASSERT_TRUE(value.is_ok()) << value.status().to_string();
  EXPECT_EQ(
      to_json(*value),
      R"({"a":[1,2.5,"x",null,true],"b":{"c":false},"big":123456789012345678901234567890})");
}

TEST(Json, ReadsTopLevelScalars) {
  EXPECT_EQ(*parse_json("1"), Value::integer(1));
  EXPECT_EQ(*parse_json("\"s\""), Value::string("s"));
  EXPECT_EQ(*parse_json("null"), Value::null());
  EXPECT_EQ(*parse_json(" true "), Value::boolean(true));
}

TEST(Json, RejectsTrailingContentNamingTheSource) {
  auto value = parse_json("{} x", "input.json");
  ASSERT_FALSE(value.is_ok());
  EXPECT_EQ(value.status().location().file, "input.json");
}

TEST(Json, RejectsDeepNesting) {
  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  auto value = parse_json(deep);
  ASSERT_FALSE(value.is_ok());
}

TEST(Json, PrettyPrintsLikeOpa) {
  Value v =
      Value::object({{Value::string("k"), Value::array({Value::integer(1)})}});
  EXPECT_EQ(to_json(v, {.pretty = true}), "{\n  \"k\": [\n    1\n  ]\n}");
  EXPECT_EQ(to_json(Value::object({})), "{}");
}

TEST(Json, NonStringKeysPrintAsJson) {
  Value v = Value::object({{Value::integer(0), Value::boolean(true)}});
  EXPECT_EQ(to_json(v), R"({"0":true})");
}

TEST(Json, EscapesControlCharactersButNotHtml) {
  EXPECT_EQ(to_json(Value::string("<a>&\n\x01")), R"("<a>&\n\u0001")");
}

}  // namespace
}  // namespace rampart
