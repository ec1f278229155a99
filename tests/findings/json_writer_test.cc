// SPDX-License-Identifier: Apache-2.0
#include "findings/json_writer.h"

#include <gtest/gtest.h>

namespace rampart {
namespace {

TEST(JsonWriter, WritesNestedValuesIndented) {
  JsonWriter json;
  json.begin_object();
  json.field("a", 1);
  json.key("b");
  json.begin_array();
  json.string("x");
  json.boolean(false);
  json.null();
  json.end_array();
  json.key("c");
  json.begin_object();
  json.end_object();
  json.key("d");
  json.raw_number("7.5");
  json.end_object();
  EXPECT_EQ(json.take(),
            "{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    false,\n    null\n"
            "  ],\n  \"c\": {},\n  \"d\": 7.5\n}\n");
}

}  // namespace
}  // namespace rampart
