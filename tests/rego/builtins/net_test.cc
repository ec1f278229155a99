// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "builtin_test_util_b.h"

namespace rampart::rego {
namespace {

using testing_b::call;
using testing_b::json;
using testing_b::s;
using testing_b::show;

TEST(NetCidrContains, NetworkAndAddress) {
  EXPECT_EQ(
      show(call("net.cidr_contains", {s("172.16.0.0/12"), s("172.20.3.4")})),
      "true");
  EXPECT_EQ(
      show(call("net.cidr_contains", {s("172.16.0.0/12"), s("172.32.0.1")})),
      "false");
  EXPECT_EQ(
      show(call("net.cidr_contains", {s("172.16.0.0/12"), s("172.17.0.0/16")})),
      "true");
  EXPECT_EQ(
      show(call("net.cidr_contains", {s("172.16.0.0/16"), s("172.16.0.0/12")})),
      "false");
}

TEST(NetCidrContains, Ipv6) {
  EXPECT_EQ(
      show(call("net.cidr_contains", {s("fd00:1::/32"), s("fd00:1:2:3::/64")})),
      "true");
  EXPECT_EQ(show(call("net.cidr_contains", {s("fd00:1::/32"), s("10.0.0.1")})),
            "false");
}

TEST(NetCidrContains, InvalidCidrIsBuiltinError) {
  EXPECT_EQ(show(call("net.cidr_contains", {s("10.0.0.0"), s("10.0.0.1")})),
            "<error: invalid CIDR address: 10.0.0.0>");
  EXPECT_EQ(show(call("net.cidr_contains", {s("10.0.0.0/8"), s("nope")})),
            "<error: invalid CIDR address: nope>");
}

TEST(NetCidrIntersects, EitherContainsTheOther) {
  EXPECT_EQ(
      show(call("net.cidr_intersects", {s("10.1.0.0/16"), s("10.0.0.0/8")})),
      "true");
  EXPECT_EQ(
      show(call("net.cidr_intersects", {s("10.1.0.0/16"), s("10.2.0.0/16")})),
      "false");
}

TEST(NetCidrIsValid, OnlyCidrStrings) {
  EXPECT_EQ(show(call("net.cidr_is_valid", {s("10.0.0.0/33")})), "false");
  EXPECT_EQ(show(call("net.cidr_is_valid", {s("10.0.0.0/32")})), "true");
  EXPECT_EQ(show(call("net.cidr_is_valid", {s("::/0")})), "true");
  EXPECT_EQ(show(call("net.cidr_is_valid", {s("10.0.0.1")})), "false");
  EXPECT_EQ(show(call("net.cidr_is_valid", {s("010.0.0.0/8")})), "false");
  EXPECT_EQ(show(call("net.cidr_is_valid", {Value::integer(4)})), "false");
}

TEST(NetCidrExpand, ListsEveryAddress) {
  EXPECT_EQ(show(call("net.cidr_expand", {s("10.9.8.6/31")})),
            R"(["10.9.8.6","10.9.8.7"])");
  EXPECT_EQ(show(call("net.cidr_expand", {s("fe80::/127")})),
            R"(["fe80::","fe80::1"])");
}

TEST(NetCidrExpand, RefusesHugeRanges) {
  auto result = call("net.cidr_expand", {s("10.0.0.0/8")});
  EXPECT_EQ(result.outcome(), BuiltinResult::Outcome::kError);
}

TEST(NetCidrMerge, MergesAdjacentAndContained) {
  EXPECT_EQ(show(call("net.cidr_merge",
                      {json(R"(["10.0.0.0/25", "10.0.0.128/25", "10.0.0.7/32",
                                 "192.0.2.0/24"])")})),
            R"(["10.0.0.0/24","192.0.2.0/24"])");
}

TEST(NetCidrMerge, SplitsUnalignedRanges) {
  EXPECT_EQ(
      show(call("net.cidr_merge", {json(R"(["10.0.0.1/32", "10.0.0.2/31"])")})),
      R"(["10.0.0.1/32","10.0.0.2/31"])");
}

TEST(NetCidrMerge, BareAddresses) {
  // IPv4 takes its classful mask; IPv6 needs a prefix.
  EXPECT_EQ(show(call("net.cidr_merge", {json(R"(["192.0.2.77"])")})),
            R"(["192.0.2.0/24"])");
  EXPECT_EQ(show(call("net.cidr_merge", {json(R"(["fd00::1"])")})),
            "<error: IPv6 invalid: needs prefix length>");
  EXPECT_EQ(
      show(call("net.cidr_merge", {json(R"(["fd00::1/64", "fd00::/48"])")})),
      R"(["fd00::/48"])");
}

TEST(NetCidrContainsMatches, KeysOfEachSide) {
  EXPECT_EQ(show(call("net.cidr_contains_matches",
                      {json(R"({"lan": ["10.0.0.0/8", "extra"],
                                 "dmz": "192.0.2.0/24"})"),
                       json(R"(["10.4.4.4", "192.0.2.9", "8.8.8.8"])")})),
            R"([["dmz",1],["lan",0]])");
  EXPECT_EQ(
      show(call("net.cidr_contains_matches", {s("10.0.0.0/8"), s("10.1.1.1")})),
      R"([["10.0.0.0/8","10.1.1.1"]])");
}

TEST(NetLookupIpAddr, NeverResolvesWithoutNetwork) {
  EXPECT_EQ(show(call("net.lookup_ip_addr", {s("example.org")})),
            "<error: unallowed host: example.org>");
}

}  // namespace
}  // namespace rampart::rego
