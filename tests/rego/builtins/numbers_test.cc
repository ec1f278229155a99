// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "rego/builtins/call_builtin.h"

namespace rampart::rego {
namespace {

using testing::run;

TEST(Numbers, ArithmeticIsExactBeyond64Bits) {
  EXPECT_EQ(run("plus", {"9223372036854775807", "1"}), "9223372036854775808");
  EXPECT_EQ(run("minus", {"-9223372036854775808", "1"}),
            "-9223372036854775809");
  EXPECT_EQ(run("mul", {"2147483647", "2147483647"}), "4611686014132420609");
  EXPECT_EQ(run("plus", {"0.1", "0.2"}), "0.30000000000000004");
  EXPECT_EQ(run("plus", {"10.00", "5"}), "15");
  EXPECT_EQ(run("plus", {"1e30", "1"}), "1000000000000000000000000000001");
  EXPECT_EQ(run("mul", {"1e30", "0.5"}), "500000000000000000000000000000");
  EXPECT_EQ(run("round", {"1e30"}), "1000000000000000000000000000000");
}

TEST(Numbers, DivisionAndRemainder) {
  EXPECT_EQ(run("div", {"6", "3"}), "2");
  EXPECT_EQ(run("div", {"1", "4"}), "0.25");
  EXPECT_EQ(run("div", {"1", "0.0"}), "error: divide by zero");
  EXPECT_EQ(run("rem", {"-17", "5"}), "-2");
  EXPECT_EQ(run("rem", {"17", "-5"}), "2");
  EXPECT_EQ(run("rem", {"4.0", "3"}), "1");
  EXPECT_EQ(run("rem", {"4.5", "3"}), "error: modulo on floating-point number");
  EXPECT_EQ(run("rem", {"4", "0"}), "error: modulo by zero");
  EXPECT_EQ(run("rem", {"1e40", "3"}),
            "error: modulo on floating-point number");
  EXPECT_EQ(run("plus", {"\"a\"", "1"}),
            "type_error: operand 1 must be number but got string");
}

TEST(Numbers, MinusIsAlsoSetDifference) {
  std::vector<Value> args = {Value::set({Value::integer(1), Value::integer(2)}),
                             Value::set({Value::integer(2)})};
  EXPECT_EQ(testing::show(testing::call("minus", args)), "[1]");
  EXPECT_EQ(run("minus", {"1", "[]"}),
            "type_error: operand 2 must be number but got array");
}

TEST(Numbers, RoundingAndAbs) {
  EXPECT_EQ(run("round", {"2.5"}), "3");
  EXPECT_EQ(run("round", {"-2.5"}), "-3");
  EXPECT_EQ(run("ceil", {"1.1"}), "2");
  EXPECT_EQ(run("floor", {"-1.1"}), "-2");
  EXPECT_EQ(run("abs", {"-9223372036854775808"}), "9223372036854775808");
  EXPECT_EQ(run("abs", {"-2.5"}), "2.5");
}

TEST(Numbers, Ranges) {
  EXPECT_EQ(run("numbers.range", {"0", "3"}), "[0,1,2,3]");
  EXPECT_EQ(run("numbers.range", {"2", "0"}), "[2,1,0]");
  EXPECT_EQ(run("numbers.range_step", {"0", "-10", "4"}), "[0,-4,-8]");
  EXPECT_EQ(run("numbers.range_step", {"0", "10", "99999999999999999999"}),
            "[0]");
  EXPECT_EQ(run("numbers.range_step", {"0", "10", "-2"}),
            "error: step must be a positive integer");
  EXPECT_EQ(run("numbers.range", {"0.5", "2"}),
            "type_error: operand 1 must be integer number but got "
            "floating-point number");
  EXPECT_EQ(run("numbers.range", {"0", "100000000000"}),
            "error: range exceeds 10000000 items");
}

TEST(Numbers, Bits) {
  EXPECT_EQ(run("bits.and", {"12", "10"}), "8");
  EXPECT_EQ(run("bits.or", {"12", "10"}), "14");
  EXPECT_EQ(run("bits.xor", {"12", "10"}), "6");
  EXPECT_EQ(run("bits.negate", {"12"}), "-13");
  EXPECT_EQ(run("bits.lsh", {"1", "64"}), "18446744073709551616");
  EXPECT_EQ(run("bits.rsh", {"-9", "1"}), "-5");
  EXPECT_EQ(run("bits.or", {"7.2", "42"}),
            "type_error: operand 1 must be integer number but got "
            "floating-point number");
}

TEST(Aggregates, CountSumProductMaxMinSort) {
  EXPECT_EQ(run("count", {"\"héllo\""}), "5");
  EXPECT_EQ(run("count", {"{\"a\": 1}"}), "1");
  EXPECT_EQ(run("count", {"1"}),
            "type_error: operand 1 must be one of {array, object, set, "
            "string} but got number");
  EXPECT_EQ(run("sum", {"[9223372036854775807, 9223372036854775807]"}),
            "18446744073709551614");
  EXPECT_EQ(run("sum", {"[1, 2.5]"}), "3.5");
  EXPECT_EQ(run("sum", {"[1, \"a\"]"}),
            "type_error: operand 1 must be array of numbers but got array "
            "containing string");
  EXPECT_EQ(run("product", {"[2, 3, 4]"}), "24");
  EXPECT_EQ(run("max", {"[1, \"a\", null]"}), "\"a\"");
  EXPECT_EQ(run("min", {"[3, 1, 2]"}), "1");
  EXPECT_EQ(run("max", {"[]"}), "undefined");
  EXPECT_EQ(run("sort", {"[3, \"b\", 1, null]"}), "[null,1,3,\"b\"]");
  EXPECT_EQ(run("all", {"[true, true]"}), "true");
  EXPECT_EQ(run("any", {"[false, 1]"}), "false");
}

TEST(Membership, InKeyword) {
  EXPECT_EQ(run("internal.member_2", {"2", "[1, 2]"}), "true");
  EXPECT_EQ(run("internal.member_2", {"1", "{\"a\": 1}"}), "true");
  EXPECT_EQ(run("internal.member_2", {"1", "\"1\""}), "false");
  EXPECT_EQ(run("internal.member_3", {"1", "2", "[1, 2]"}), "true");
  EXPECT_EQ(run("internal.member_3", {"\"a\"", "2", "{\"a\": 1}"}), "false");
}

TEST(Types, PredicatesAndConversions) {
  EXPECT_EQ(run("is_string", {"\"x\""}), "true");
  EXPECT_EQ(run("is_string", {"false"}), "false");
  EXPECT_EQ(run("type_name", {"null"}), "\"null\"");
  EXPECT_EQ(run("type_name", {"{}"}), "\"object\"");
  EXPECT_EQ(run("to_number", {"\"3\""}), "3");
  EXPECT_EQ(run("to_number", {"\"-1.5e2\""}), "-150");
  EXPECT_EQ(run("to_number", {"\"123456789012345678901234\""}),
            "123456789012345678901234");
  EXPECT_EQ(run("to_number", {"true"}), "1");
  EXPECT_EQ(run("to_number", {"null"}), "0");
  EXPECT_EQ(run("to_number", {"\"x\""}),
            "error: strconv.ParseFloat: parsing \"x\": invalid syntax");
  EXPECT_EQ(run("cast_array", {"[1]"}), "[1]");
}

TEST(Arrays, ConcatSliceReverse) {
  EXPECT_EQ(run("array.concat", {"[1]", "[2, 3]"}), "[1,2,3]");
  EXPECT_EQ(run("array.slice", {"[1, 2, 3, 4]", "1", "3"}), "[2,3]");
  EXPECT_EQ(run("array.slice", {"[1, 2, 3]", "-5", "10"}), "[1,2,3]");
  EXPECT_EQ(run("array.slice", {"[1, 2, 3]", "2", "1"}), "[]");
  EXPECT_EQ(run("array.reverse", {"[1, 2, 3]"}), "[3,2,1]");
}

TEST(Sets, IntersectionAndUnion) {
  Value a = Value::set({Value::integer(1), Value::integer(2)});
  Value b = Value::set({Value::integer(2), Value::integer(3)});
  EXPECT_EQ(testing::show(testing::call("and", {a, b})), "[2]");
  EXPECT_EQ(testing::show(testing::call("or", {a, b})), "[1,2,3]");
  EXPECT_EQ(testing::show(testing::call("intersection", {Value::set({a, b})})),
            "[2]");
  EXPECT_EQ(testing::show(testing::call("union", {Value::set({a, b})})),
            "[1,2,3]");
  EXPECT_EQ(testing::show(testing::call("union", {Value::set({})})), "[]");
  EXPECT_EQ(testing::show(testing::call("set_diff", {a, b})), "[1]");
  EXPECT_EQ(testing::show(testing::call("and", {a, Value::integer(1)})),
            "type_error: operand 2 must be set but got number");
}

}  // namespace
}  // namespace rampart::rego
