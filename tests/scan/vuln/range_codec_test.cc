// SPDX-License-Identifier: Apache-2.0
//
// The store's compact range and version-list encoding: round trips, the
// allocation-free readers the matcher uses, and malformed text.
#include "scan/vuln/range_codec.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace rampart::scan::vuln {
namespace {

std::vector<OsvRange> sample_ranges() {
  OsvRange ecosystem;
  ecosystem.type = OsvRange::Type::kEcosystem;
  ecosystem.events = {{OsvEvent::Kind::kIntroduced, "0"},
                      {OsvEvent::Kind::kFixed, "1.2.3"},
                      {OsvEvent::Kind::kIntroduced, "2.0"},
                      {OsvEvent::Kind::kLastAffected, "2.4"}};
  OsvRange semver;
  semver.type = OsvRange::Type::kSemver;
  semver.events = {{OsvEvent::Kind::kIntroduced, "1.0.0"},
                   {OsvEvent::Kind::kLimit, "*"}};
  OsvRange git;
  git.type = OsvRange::Type::kGit;
  return {ecosystem, semver, git};
}

TEST(RangeCodec, RangesRoundTrip) {
  std::string encoded = codec::encode_ranges(sample_ranges());
  EXPECT_EQ(encoded,
            "E\x1fi0\x1f"
            "f1.2.3\x1fi2.0\x1fl2.4\x1eS\x1fi1.0.0\x1fm*\x1eG");
  std::vector<OsvRange> decoded = codec::decode_ranges(encoded);
  ASSERT_EQ(decoded.size(), 3u);
  EXPECT_EQ(decoded[0].type, OsvRange::Type::kEcosystem);
  ASSERT_EQ(decoded[0].events.size(), 4u);
  EXPECT_EQ(decoded[0].events[3].kind, OsvEvent::Kind::kLastAffected);
  EXPECT_EQ(decoded[0].events[3].version, "2.4");
  EXPECT_EQ(decoded[1].type, OsvRange::Type::kSemver);
  EXPECT_EQ(decoded[1].events[1].kind, OsvEvent::Kind::kLimit);
  EXPECT_EQ(decoded[2].type, OsvRange::Type::kGit);
  EXPECT_TRUE(decoded[2].events.empty());
}

TEST(RangeCodec, NextRangeReusesTheBufferAndViewsTheText) {
  std::string encoded = codec::encode_ranges(sample_ranges());
  std::string_view text = encoded;
  std::vector<codec::EventView> events;
  OsvRange::Type type = OsvRange::Type::kGit;
  ASSERT_TRUE(codec::next_range(text, type, events));
  EXPECT_EQ(type, OsvRange::Type::kEcosystem);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[1].version, "1.2.3");
  EXPECT_GE(events[1].version.data(), encoded.data());
  EXPECT_LT(events[1].version.data(), encoded.data() + encoded.size());
  ASSERT_TRUE(codec::next_range(text, type, events));
  EXPECT_EQ(events.size(), 2u);
  ASSERT_TRUE(codec::next_range(text, type, events));
  EXPECT_TRUE(events.empty());
  EXPECT_FALSE(codec::next_range(text, type, events));
}

TEST(RangeCodec, VersionListsMatchWholeEntriesOnly) {
  std::string list = codec::encode_versions({"1.0", "1.0.1", "2.0rc1"});
  EXPECT_TRUE(codec::versions_contain(list, "1.0"));
  EXPECT_TRUE(codec::versions_contain(list, "2.0rc1"));
  EXPECT_FALSE(codec::versions_contain(list, "1.0.1.5"));
  EXPECT_FALSE(codec::versions_contain(list, "2.0"));
  EXPECT_FALSE(codec::versions_contain("", ""));
  EXPECT_EQ(codec::decode_versions(list),
            (std::vector<std::string>{"1.0", "1.0.1", "2.0rc1"}));
  EXPECT_TRUE(codec::decode_versions("").empty());
}

TEST(RangeCodec, MalformedTextYieldsWhatItCan) {
  // Empty ranges and events are skipped, and so is a range that does not
  // start with its type; nothing reads past the end.
  std::vector<OsvRange> decoded =
      codec::decode_ranges("\x1e\x1eS\x1f\x1fi1\x1f\x1e");
  ASSERT_EQ(decoded.size(), 1u);
  EXPECT_EQ(decoded[0].type, OsvRange::Type::kSemver);
  ASSERT_EQ(decoded[0].events.size(), 1u);
  EXPECT_EQ(decoded[0].events[0].version, "1");
  EXPECT_TRUE(codec::decode_ranges("\x1fi0\x1e").empty());
  EXPECT_TRUE(codec::decode_ranges("").empty());
}

}  // namespace
}  // namespace rampart::scan::vuln
