// SPDX-License-Identifier: Apache-2.0
#include "rampart/scan/ignore_file.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace rampart::scan {
namespace {

Finding make(std::string rule, std::string target, std::string fp = "") {
  Finding f;
  f.rule_id = std::move(rule);
  f.target = std::move(target);
  f.fingerprint = std::move(fp);
  return f;
}

TEST(ParseIgnoreFile, ReadsSelectorsExpiryAndReason) {
  auto file = parse_ignore_file(
      "# accepted risks\n"
      "\n"
      "RP-K8S-001\n"
      "rule:CVE-1 path:web/** expires:2027-01-31 reason: no fix upstream\n"
      "fingerprint:ABCdef01\n",
      ".rampartignore");
  ASSERT_TRUE(file.is_ok()) << file.status().to_string();
  ASSERT_EQ(file->entries.size(), 3u);
  EXPECT_EQ(file->entries[0].rule_id, "RP-K8S-001");
  EXPECT_EQ(file->entries[0].line, 3);
  EXPECT_EQ(file->entries[1].path, "web/**");
  EXPECT_EQ(file->entries[1].expires, "2027-01-31");
  EXPECT_EQ(file->entries[1].reason, "no fix upstream");
  EXPECT_EQ(file->entries[2].fingerprint, "ABCdef01");
}

TEST(ParseIgnoreFile, MalformedLinesNameFileAndLine) {
  auto date = parse_ignore_file("\nX expires:31-01-2027\n", ".ri");
  ASSERT_FALSE(date.is_ok());
  EXPECT_EQ(date.status().to_string(),
            ".ri:2: '31-01-2027' is not a date (YYYY-MM-DD)");
  auto selector = parse_ignore_file("pth:docs\n", ".ri");
  ASSERT_FALSE(selector.is_ok());
  EXPECT_EQ(selector.status().to_string(),
            ".ri:1: unknown selector 'pth:' (expected rule:, path:, "
            "fingerprint:, expires: or reason:)");
  auto empty = parse_ignore_file("expires:2030-01-01\n", ".ri");
  ASSERT_FALSE(empty.is_ok());
  EXPECT_EQ(empty.status().to_string(),
            ".ri:1: entry names no rule, path or fingerprint");
  auto fp = parse_ignore_file("fingerprint:xyz\n", ".ri");
  EXPECT_FALSE(fp.is_ok());
}

TEST(ApplyIgnoreFile, SuppressesMatchingFindings) {
  auto file = parse_ignore_file(
      "R1\nrule:R2 path:web\npath:docs/**\nfingerprint:aa11\n", ".ri");
  ASSERT_TRUE(file.is_ok());
  std::vector<Finding> findings = {
      make("R1", "x.yaml"),    make("R2", "web/a/b.js"),
      make("R2", "api/b.js"),  make("R9", "docs/x.md"),
      make("R9", "z", "aa11"), make("R9", "z", "bb22")};
  IgnoreOutcome outcome = apply_ignore_file(*file, "2026-12-04", findings);
  EXPECT_EQ(outcome.suppressed, 4u);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].target, "api/b.js");
  EXPECT_EQ(findings[1].fingerprint, "bb22");
  EXPECT_TRUE(outcome.notes.empty());
}

TEST(ApplyIgnoreFile, ExpiredEntriesStopSuppressingAndSaySo) {
  auto file = parse_ignore_file(
      "R1 expires:2026-12-03 reason: waiting for upstream\n"
      "R2 expires:2026-12-04\n",
      ".ri");
  ASSERT_TRUE(file.is_ok());
  std::vector<Finding> findings = {make("R1", "a"), make("R2", "b")};
  IgnoreOutcome outcome = apply_ignore_file(*file, "2026-12-04", findings);
  EXPECT_EQ(outcome.suppressed, 1u);  // R2 is valid through its last day
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].properties.at("ignore_expired"),
            ".ri:1 expired 2026-12-03");
  ASSERT_EQ(outcome.notes.size(), 1u);
  EXPECT_EQ(outcome.notes[0].line, 1);
  EXPECT_EQ(outcome.notes[0].message,
            "ignore entry expired on 2026-12-03 (waiting for upstream); it no "
            "longer suppresses anything (1 finding reported again)");
}

TEST(IgnoredPaths, OnlyUnexpiredPathOnlyEntries) {
  auto file = parse_ignore_file(
      "path:a/**\npath:b/** expires:2020-01-01\nR1 path:c\n", ".ri");
  ASSERT_TRUE(file.is_ok());
  EXPECT_EQ(ignored_paths(*file, "2026-12-04"),
            (std::vector<std::string>{"a/**"}));
}

TEST(UtcToday, LooksLikeADate) {
  std::string today = utc_today();
  ASSERT_EQ(today.size(), 10u);
  EXPECT_EQ(today[4], '-');
}

}  // namespace
}  // namespace rampart::scan
