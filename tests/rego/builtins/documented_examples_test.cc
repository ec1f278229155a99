// SPDX-License-Identifier: Apache-2.0
//
// End to end through the engine: one policy calling 40 part-A built-ins
// with examples in the style of OPA's policy reference, compared as JSON
// text (keys sorted, sets as arrays), the shape `rampart eval` prints.
#include <gtest/gtest.h>

#include "rego/rego_test_util.h"

namespace rampart::rego {
namespace {

constexpr const char* kPolicy = R"(package ex

result := {
  "k01": abs(-3),
  "k02": ceil(1.2),
  "k03": floor(1.8),
  "k04": round(1.5),
  "k05": numbers.range(1, 3),
  "k06": bits.and(5, 3),
  "k07": count("abc"),
  "k08": sum([1, 2, 3]),
  "k09": product([2, 3]),
  "k10": max([1, 5, 3]),
  "k11": sort({3, 1}),
  "k12": array.concat([1], [2]),
  "k13": array.slice([1, 2, 3, 4], 1, 3),
  "k14": object.get({"a": {"b": 1}}, ["a", "b"], 0),
  "k15": object.remove({"a": 1, "b": 2}, ["a"]),
  "k16": object.union({"a": 1}, {"b": 2}),
  "k17": json.patch({"a": {"foo": 1}},
                    [{"op": "add", "path": "/a/bar", "value": 2}]),
  "k18": json.filter({"a": {"b": 1, "c": 2}}, ["a/b"]),
  "k19": concat(", ", ["a", "b"]),
  "k20": sprintf("%s has %d items", ["cart", 3]),
  "k21": format_int(255, 16),
  "k22": indexof_n("dogs and cats", "s"),
  "k23": strings.replace_n({"<": "&lt;", ">": "&gt;"}, "<b>"),
  "k24": split("a.b.c", "."),
  "k25": substring("abcdef", 2, 3),
  "k26": trim_space("  x  "),
  "k27": upper("abc"),
  "k28": regex.match("^[a-z]+$", "abc"),
  "k29": regex.find_n("[0-9]+", "a1b22c333", 2),
  "k30": regex.replace("foo bar", "o+", "0"),
  "k31": glob.match("*.github.com", [], "api.github.com"),
  "k32": glob.match("*:github:com", [":"], "api:github:com"),
  "k33": type_name({1}),
  "k34": to_number("42"),
  "k35": time.parse_rfc3339_ns("1970-01-01T00:00:01Z"),
  "k36": time.format([0, "UTC", "2006-01-02"]),
  "k37": time.weekday(0),
  "k38": graph.reachable({"a": ["b"], "b": ["c"], "c": [], "d": []}, ["a"]),
  "k39": strings.any_prefix_match("foo/bar", ["foo/"]),
  "k40": object.subset({"a": 1, "b": 2}, {"a": 1}),
}
)";

TEST(DocumentedExamples, FortyBuiltinsThroughTheEngine) {
  auto out = testing::evaluate({kPolicy}, "data.ex.result");
  ASSERT_TRUE(out.ok) << out.error;
  EXPECT_EQ(out.json,
            R"({"k01":3,"k02":2,"k03":1,"k04":2,"k05":[1,2,3],"k06":1,)"
            R"("k07":3,"k08":6,"k09":6,"k10":5,"k11":[1,3],"k12":[1,2],)"
            R"("k13":[2,3],"k14":1,"k15":{"b":2},"k16":{"a":1,"b":2},)"
            R"("k17":{"a":{"bar":2,"foo":1}},"k18":{"a":{"b":1}},)"
            R"("k19":"a, b","k20":"cart has 3 items","k21":"ff",)"
            R"("k22":[3,12],"k23":"&lt;b&gt;","k24":["a","b","c"],)"
            R"("k25":"cde","k26":"x","k27":"ABC","k28":true,)"
            R"("k29":["1","22"],"k30":"f0 bar","k31":true,"k32":true,)"
            R"("k33":"set","k34":42,"k35":1000000000,"k36":"1970-01-01",)"
            R"("k37":"Thursday","k38":["a","b","c"],"k39":true,"k40":true})");
}

TEST(DocumentedExamples, TypeErrorsAreUndefinedUnlessStrict) {
  const char* policy = R"(package ex

p := upper(input.x)
)";
  auto lenient = testing::evaluate({policy}, "data.ex.p", R"({"x": 1})");
  EXPECT_TRUE(lenient.ok && !lenient.defined) << lenient.error;

  auto strict =
      testing::evaluate({policy}, "data.ex.p", R"({"x": 1})", false, true);
  EXPECT_EQ(strict.error,
            "eval_type_error: upper: operand 1 must be string but got number");
}

}  // namespace
}  // namespace rampart::rego
