// SPDX-License-Identifier: Apache-2.0
#include "rego/builtins/support.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

namespace rampart::rego::builtins {
namespace {

TEST(BuiltinSupport, OperandErrorUsesOpaWording) {
  Value args[] = {Value::integer(1)};
  auto error = expect(args, 0, kTypeString);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->outcome(), BuiltinResult::Outcome::kTypeError);
  EXPECT_EQ(error->message(), "operand 1 must be string but got number");
  EXPECT_FALSE(expect(args, 0, kTypeNumber).has_value());
}

TEST(BuiltinSupport, ArithmeticOverflowsIntoBigIntegers) {
  Value max = Value::integer(INT64_MAX);
  Value sum = add_numbers(max, Value::integer(1));
  EXPECT_TRUE(sum.is_big());
  EXPECT_EQ(sum.integer_text(), "9223372036854775808");
  EXPECT_EQ(subtract_numbers(sum, Value::integer(1)), max);
  EXPECT_EQ(multiply_numbers(max, max).integer_text(),
            "85070591730234615847396907784232501249");
  EXPECT_EQ(add_numbers(Value::floating(0.5), Value::integer(1)),
            Value::floating(1.5));
}

TEST(BuiltinSupport, RegexCacheReportsGoStyleErrors) {
  std::string error;
  EXPECT_EQ(compile_regex("(abc", &error), nullptr);
  EXPECT_EQ(error, "error parsing regexp: missing closing ): `(abc`");
  auto compiled = compile_regex("a+b");
  ASSERT_NE(compiled, nullptr);
  EXPECT_EQ(compiled, compile_regex("a+b"));
  EXPECT_TRUE(re2::RE2::PartialMatch("xaab", *compiled));
}

}  // namespace
}  // namespace rampart::rego::builtins
