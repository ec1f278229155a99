// SPDX-License-Identifier: Apache-2.0
#include "rampart/document/value.h"

#include <gtest/gtest.h>

namespace rampart {
namespace {

TEST(Value, OrdersKindsAsOpaDoes) {
  std::vector<Value> ascending = {
      Value::null(),      Value::boolean(false), Value::boolean(true),
      Value::integer(-1), Value::floating(0.5),  Value::integer(2),
      Value::string("a"), Value::string("b"),    Value::array({}),
      Value::object({}),  Value::set({})};
  for (std::size_t i = 0; i + 1 < ascending.size(); ++i) {
    EXPECT_LT(ascending[i], ascending[i + 1]) << i;
  }
}

TEST(Value, IntegralFloatsAreIntegers) {
  EXPECT_EQ(Value::floating(5.0), Value::integer(5));
  EXPECT_TRUE(Value::floating(5.0).is_int64());
  EXPECT_TRUE(Value::floating(5.5).is_float());
}

TEST(Value, BigIntegersStayExact) {
  Value big = Value::number_from_text("123456789012345678901234567890");
  ASSERT_TRUE(big.is_big());
  EXPECT_EQ(big.number_text(), "123456789012345678901234567890");
  EXPECT_LT(Value::integer(9), big);
  EXPECT_EQ(big, Value::big_integer("123456789012345678901234567890"));
}

TEST(Value, FloatsPrintLikeGo) {
  EXPECT_EQ(Value::floating(0.1 + 0.2).number_text(), "0.30000000000000004");
  EXPECT_EQ(Value::number_from_text("1e400").number_text(), "+Inf");
  EXPECT_EQ(Value::floating(1e-7).number_text(), "1e-07");
}

TEST(Value, ObjectsSortKeysAndKeepTheLastDuplicate) {
  Value object = Value::object({{Value::string("b"), Value::integer(1)},
                                {Value::string("a"), Value::integer(2)},
                                {Value::string("b"), Value::integer(3)}});
  ASSERT_EQ(object.size(), 2u);
  EXPECT_EQ(object.object_entries()[0].first, Value::string("a"));
  EXPECT_EQ(*object.find("b"), Value::integer(3));
  EXPECT_EQ(object.find("c"), nullptr);
}

TEST(Value, StringLookupSkipsNonStringKeys) {
  Value object = Value::object({{Value::integer(1), Value::integer(1)},
                                {Value::string("x"), Value::integer(2)},
                                {Value::array({}), Value::integer(3)}});
  EXPECT_EQ(*object.find("x"), Value::integer(2));
  EXPECT_EQ(*object.find(Value::integer(1)), Value::integer(1));
}

TEST(Value, SetsAreSortedAndUnique) {
  Value set =
      Value::set({Value::integer(3), Value::integer(1), Value::integer(3)});
  ASSERT_EQ(set.size(), 2u);
  EXPECT_TRUE(set.contains(Value::integer(1)));
  EXPECT_FALSE(set.contains(Value::integer(2)));
}

TEST(Value, EqualValuesHashEqually) {
  Value a = Value::array({Value::string("x"), Value::floating(2.0)});
  Value b = Value::array({Value::string("x"), Value::integer(2)});
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.hash(), b.hash());
}

}  // namespace
}  // namespace rampart
