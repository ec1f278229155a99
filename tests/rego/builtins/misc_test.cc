// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "builtin_test_util_b.h"

namespace rampart::rego {
namespace {

using testing_b::call;
using testing_b::json;
using testing_b::s;
using testing_b::show;

TEST(UuidRfc4122, SameKeySameQuerySameId) {
  BuiltinContext context;
  auto a = call(context, "uuid.rfc4122", {s("k")});
  auto b = call(context, "uuid.rfc4122", {s("k")});
  auto c = call(context, "uuid.rfc4122", {s("other")});
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a.value(), b.value());
  EXPECT_NE(a.value(), c.value());
  EXPECT_EQ(a.value().as_string().size(), 36u);
  EXPECT_EQ(a.value().as_string()[14], '4');
  BuiltinContext next_query;
  EXPECT_NE(call(next_query, "uuid.rfc4122", {s("k")}).value(), a.value());
}

TEST(UuidParse, VersionFourHasNoTime) {
  EXPECT_EQ(
      show(call("uuid.parse", {s("1b4e28ba-2fa1-41d2-883f-0016d3cca427")})),
      R"({"variant":"RFC4122","version":4})");
}

TEST(UuidParse, VersionOneFields) {
  // 0x1ee9f05 5e1a2a7f0 ticks: time fields of a v1 UUID.
  auto result = call("uuid.parse", {s("c232ab00-9414-11ec-b3c8-9f6bdeced846")});
  ASSERT_TRUE(result.has_value());
  const Value& v = result.value();
  EXPECT_EQ(show(BuiltinResult::of(*v.find("nodeid"))),
            R"("9f-6b-de-ce-d8-46")");
  EXPECT_EQ(show(BuiltinResult::of(*v.find("macvariables"))),
            R"("local:multicast")");
  EXPECT_EQ(v.find("clocksequence")->as_int64(), 0x33c8);
  EXPECT_EQ(v.find("time")->as_int64(), 1645557742000000000);
  EXPECT_EQ(v.find("version")->as_int64(), 1);
}

TEST(UuidParse, MalformedIsUndefined) {
  EXPECT_EQ(show(call("uuid.parse", {s("c232ab00-9414-11ec-b3c8")})),
            "<undefined>");
  EXPECT_EQ(
      show(call("uuid.parse", {s("zzzzzzzz-9414-11ec-b3c8-9f6bdeced846")})),
      "<undefined>");
}

TEST(RandIntn, MemoisedPerQuery) {
  BuiltinContext context;
  auto first = call(context, "rand.intn", {s("seed"), Value::integer(1000)});
  ASSERT_TRUE(first.has_value());
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(
        call(context, "rand.intn", {s("seed"), Value::integer(1000)}).value(),
        first.value());
  }
  std::int64_t n = first.value().as_int64();
  EXPECT_GE(n, 0);
  EXPECT_LT(n, 1000);
  EXPECT_EQ(show(call("rand.intn", {s("x"), Value::integer(0)})), "0");
}

TEST(RandIntn, FractionalLimitIsTypeError) {
  auto result = call("rand.intn", {s("x"), Value::floating(2.5)});
  EXPECT_EQ(result.outcome(), BuiltinResult::Outcome::kTypeError);
}

TEST(SemverIsValid, StrictGrammar) {
  for (const char* good : {"0.0.0", "10.20.30", "1.2.3-rc.1+build.007",
                           "1.2.3-0a", "1.0.0-x-y-z.--"}) {
    EXPECT_EQ(show(call("semver.is_valid", {s(good)})), "true") << good;
  }
  for (const char* bad : {"1.2", "v1.2.3", "1.02.3", "1.2.3-", "1.2.3+",
                          "1.2.3-00", "1.2.3-a..b", ""}) {
    EXPECT_EQ(show(call("semver.is_valid", {s(bad)})), "false") << bad;
  }
  EXPECT_EQ(show(call("semver.is_valid", {Value::integer(1)})), "false");
}

TEST(SemverCompare, Precedence) {
  auto compare = [](const char* a, const char* b) {
    return show(call("semver.compare", {s(a), s(b)}));
  };
  EXPECT_EQ(compare("1.10.0", "1.9.9"), "1");
  EXPECT_EQ(compare("1.0.0-alpha", "1.0.0"), "-1");
  EXPECT_EQ(compare("1.0.0-alpha.1", "1.0.0-alpha.beta"), "-1");
  EXPECT_EQ(compare("1.0.0-rc.11", "1.0.0-rc.2"), "1");
  EXPECT_EQ(compare("1.0.0+a", "1.0.0+b"), "0");
  EXPECT_EQ(compare("1.0", "1.0.0"),
            "<error: operand 1: string \"1.0\" is not a valid SemVer>");
}

TEST(UnitsParse, DecimalAndBinarySuffixes) {
  EXPECT_EQ(show(call("units.parse", {s("250m")})), "0.25");
  EXPECT_EQ(show(call("units.parse", {s("3K")})), "3000");
  EXPECT_EQ(show(call("units.parse", {s("2Mi")})), "2097152");
  EXPECT_EQ(show(call("units.parse", {s("2mI")})), "2097152");
  EXPECT_EQ(show(call("units.parse", {s("1.5G")})), "1500000000");
  EXPECT_EQ(show(call("units.parse", {s("\"7\"")})), "7");
  EXPECT_EQ(show(call("units.parse", {s("2E")})), "2000000000000000000");
  EXPECT_EQ(show(call("units.parse", {s("1e3")})), "1000");
  EXPECT_EQ(show(call("units.parse", {s("0.0002k")})), "0.2");
}

TEST(UnitsParse, OnlyOpaSuffixesAreKnown) {
  // Other SI prefixes are not OPA's; a policy using them fails there too.
  EXPECT_EQ(show(call("units.parse", {s("1d")})),
            "<error: unit d not recognized>");
  EXPECT_EQ(show(call("units.parse", {s("2Q")})),
            "<error: unit Q not recognized>");
  EXPECT_EQ(show(call("units.parse", {s("1Yi")})),
            "<error: unit Yi not recognized>");
  EXPECT_EQ(show(call("units.parse", {s("1mb")})),
            "<error: unit mb not recognized>");
}

TEST(UnitsParse, Errors) {
  EXPECT_EQ(show(call("units.parse", {s("Ki")})),
            "<error: no amount provided>");
  EXPECT_EQ(show(call("units.parse", {s("1.2.3")})),
            "<error: could not parse amount to a number>");
  EXPECT_EQ(show(call("units.parse", {s("4 G")})),
            "<error: spaces not allowed in resource strings>");
  EXPECT_EQ(show(call("units.parse", {s("3e9999999K")})),
            "<error: exponent too large>");
  EXPECT_EQ(show(call("units.parse", {s("3xb")})),
            "<error: unit xb not recognized>");
}

TEST(UnitsParseBytes, CaseInsensitiveAndTruncated) {
  EXPECT_EQ(show(call("units.parse_bytes", {s("4KiB")})), "4096");
  EXPECT_EQ(show(call("units.parse_bytes", {s("4kb")})), "4000");
  EXPECT_EQ(show(call("units.parse_bytes", {s("2GI")})), "2147483648");
  EXPECT_EQ(show(call("units.parse_bytes", {s("1.5")})), "1");
  EXPECT_EQ(show(call("units.parse_bytes", {s("3EiB")})),
            "3458764513820540928");
  EXPECT_EQ(show(call("units.parse_bytes", {s("12 MB")})),
            "<error: spaces not allowed in resource strings>");
}

TEST(UnitsParseBytes, ErrorsNameBytes) {
  EXPECT_EQ(show(call("units.parse_bytes", {s("1zb")})),
            "<error: byte unit zb not recognized>");
  EXPECT_EQ(show(call("units.parse_bytes", {s("KB")})),
            "<error: no byte amount provided>");
  EXPECT_EQ(show(call("units.parse_bytes", {s("1.2.3MB")})),
            "<error: could not parse byte amount to a number>");
}

TEST(OpaRuntime, EmptyObjectWithoutRuntime) {
  EXPECT_EQ(show(call("opa.runtime", {})), "{}");
  BuiltinContext context;
  context.runtime = json(R"({"version": "x"})");
  EXPECT_EQ(show(call(context, "opa.runtime", {})), R"({"version":"x"})");
}

TEST(HttpSend, NoNetworkMeansError) {
  auto result = call("http.send", {json(R"({"method": "get",
      "url": "https://user@example.org:8443/path?q"})")});
  EXPECT_EQ(show(result), "<error: unallowed host: example.org>");
}

TEST(HttpSend, RaiseErrorFalseAnswersWithTheError) {
  auto result = call("http.send", {json(R"({"method": "get",
      "url": "http://127.0.0.1:9/x", "raise_error": false})")});
  EXPECT_EQ(show(result),
            R"({"error":{"code":"eval_http_send_internal_error",)"
            R"("message":"unallowed host: 127.0.0.1"},"status_code":0})");
}

TEST(Trace, AlwaysTrue) { EXPECT_EQ(show(call("trace", {s("note")})), "true"); }

}  // namespace
}  // namespace rampart::rego
