// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "rego/builtins/call_builtin.h"

namespace rampart::rego {
namespace {

using testing::run;

TEST(Time, ParsesRfc3339AndGoLayouts) {
  EXPECT_EQ(run("time.parse_rfc3339_ns", {R"("1985-04-12T23:20:50.52Z")"}),
            "482196050520000000");
  EXPECT_EQ(run("time.parse_rfc3339_ns", {R"("1996-12-19T16:39:57-08:00")"}),
            "851042397000000000");
  EXPECT_EQ(run("time.parse_rfc3339_ns",
                {R"("1677-09-21T00:12:43.145224191-00:00")"}),
            "error: time outside of valid range");
  EXPECT_EQ(run("time.parse_rfc3339_ns",
                {R"("1677-09-21T00:12:43.145224192-00:00")"}),
            "-9223372036854775808");
  EXPECT_EQ(run("time.parse_ns",
                {R"("2006-01-02T15:04:05")", R"("2016-05-10T19:06:42")"}),
            "1462907202000000000");
  EXPECT_EQ(run("time.parse_ns", {R"("2006-01-02")", R"("2020-02-02")"}),
            "1580601600000000000");
  EXPECT_EQ(run("time.parse_ns",
                {R"("Jan _2 2006 3:04PM")", R"("Feb  3 2013 4:05PM")"}),
            "1359907500000000000");
  EXPECT_EQ(run("time.parse_ns", {R"("2006-01-02")", R"("2020-13-02")"}),
            "error: parsing time \"2020-13-02\" as \"2006-01-02\": cannot "
            "parse \"13-02\" as \"01\"");
}

TEST(Time, ParsesGoDurations) {
  EXPECT_EQ(run("time.parse_duration_ns", {R"("100ms")"}), "100000000");
  EXPECT_EQ(run("time.parse_duration_ns", {R"("1h6m13.3s20ms15µs1ns")"}),
            "3973320015001");
  EXPECT_EQ(run("time.parse_duration_ns", {R"("1.2h20.2ms15µs56ns")"}),
            "4320020215056");
  EXPECT_EQ(run("time.parse_duration_ns", {R"("-1.5s")"}), "-1500000000");
  EXPECT_EQ(run("time.parse_duration_ns", {R"("15.000001ms")"}), "15000001");
  EXPECT_EQ(run("time.parse_duration_ns", {R"("1d")"}),
            "error: time: unknown unit \"d\" in duration \"1d\"");
  EXPECT_EQ(run("time.parse_duration_ns", {R"("1")"}),
            "error: time: missing unit in duration \"1\"");
}

TEST(Time, BrokenDownFieldsAndZones) {
  EXPECT_EQ(run("time.date", {"1703444325734390000"}), "[2023,12,24]");
  EXPECT_EQ(run("time.clock", {"1703444325734390000"}), "[18,58,45]");
  EXPECT_EQ(run("time.weekday", {"1257894000000000000"}), "\"Tuesday\"");
  EXPECT_EQ(run("time.clock", {R"([1703444325734390000, "CET"])"}),
            "[19,58,45]");
  // Summer time from the zone's POSIX rule (after the last transition).
  EXPECT_EQ(run("time.clock", {R"([4118400000000000000, "Europe/Paris"])"}),
            "[18,0,0]");
  EXPECT_EQ(run("time.clock", {R"([4133980800000000000, "Europe/Paris"])"}),
            "[1,0,0]");
  EXPECT_EQ(run("time.clock", {R"([1689000000000000000, "America/New_York"])"}),
            "[10,40,0]");
  EXPECT_EQ(run("time.date", {R"([0, "No/Such_Zone"])"}),
            "error: unknown time zone No/Such_Zone");
  EXPECT_EQ(run("time.date", {R"("1")"}),
            "type_error: operand 1 must be one of {number, array} but got "
            "string");
}

TEST(Time, AddDateNormalisesLikeGo) {
  EXPECT_EQ(run("time.add_date", {"1703444325734390000", "1", "0", "0"}),
            "1735066725734390000");
  EXPECT_EQ(run("time.add_date", {"1703444325734390000", "-60", "0", "0"}),
            "-190011674265610000");
  EXPECT_EQ(run("time.add_date", {"1703444325734390000", "0", "-1", "0"}),
            "1700852325734390000");
  EXPECT_EQ(
      run("time.add_date", {"1703444325734390000", "2147483647", "0", "0"}),
      "error: time outside of valid range");
}

TEST(Time, DiffAndFormat) {
  EXPECT_EQ(run("time.diff", {"1703444325734390000", "1257894000000000000"}),
            "[14,1,13,19,58,45]");
  EXPECT_EQ(run("time.format", {"1703444325734390000"}),
            "\"2023-12-24T18:58:45.73439Z\"");
  EXPECT_EQ(run("time.format", {"1257894000000000000"}),
            "\"2009-11-10T23:00:00Z\"");
  EXPECT_EQ(
      run("time.format", {R"([1257894000000000000, "", "02/01/2006 15:04"])"}),
      "\"10/11/2009 23:00\"");
  EXPECT_EQ(run("time.format",
                {R"([1257894000000000000, "America/New_York", "RFC1123Z"])"}),
            "\"Tue, 10 Nov 2009 18:00:00 -0500\"");
  EXPECT_EQ(
      run("time.format",
          {R"([1257894000000000000, "Asia/Kolkata", "Mon Jan 2 3:04PM MST Z07:00"])"}),
      "\"Wed Nov 11 4:30AM IST +05:30\"");
}

TEST(Time, NowComesFromTheQuery) {
  EXPECT_EQ(testing::show(testing::call("time.now_ns", {})),
            "1700000000000000000");
  EXPECT_TRUE(
      BuiltinRegistry::standard().find("time.now_ns")->nondeterministic);
}

}  // namespace
}  // namespace rampart::rego
