// SPDX-License-Identifier: Apache-2.0
#include "rampart/scan/path_filter.h"

#include <string>

#include <gtest/gtest.h>

namespace rampart::scan {
namespace {

TEST(GlobMatch, StarStaysWithinSegment) {
  EXPECT_TRUE(glob_match("*.yaml", "deploy.yaml"));
  EXPECT_FALSE(glob_match("*.yaml", "k8s/deploy.yaml"));
  EXPECT_TRUE(glob_match("k8s/*.yaml", "k8s/deploy.yaml"));
  EXPECT_TRUE(glob_match("d?ploy.yaml", "deploy.yaml"));
  EXPECT_FALSE(glob_match("d?ploy.yaml", "dploy.yaml"));
}

TEST(GlobMatch, DoubleStarSpansSegments) {
  EXPECT_TRUE(glob_match("**/fixtures/**", "a/b/fixtures/c/d.json"));
  EXPECT_TRUE(glob_match("**/fixtures/**", "fixtures/d.json"));
  EXPECT_TRUE(glob_match("docs/**/*.md", "docs/x/y/readme.md"));
  EXPECT_TRUE(glob_match("docs/**/*.md", "docs/readme.md"));
  EXPECT_FALSE(glob_match("docs/**/*.md", "src/readme.md"));
}

TEST(GlobMatch, CharacterClassesAndEscapes) {
  EXPECT_TRUE(glob_match("file[0-9].txt", "file7.txt"));
  EXPECT_FALSE(glob_match("file[!0-9].txt", "file7.txt"));
  EXPECT_TRUE(glob_match("file[!0-9].txt", "filex.txt"));
  EXPECT_TRUE(glob_match("\\*.txt", "*.txt"));
  EXPECT_FALSE(glob_match("\\*.txt", "a.txt"));
  EXPECT_TRUE(glob_match("[abc", "[abc"));  // unterminated class is literal
}

TEST(GlobMatch, HostilePatternFinishesQuickly) {
  // Backtracking matchers go exponential on this; ours stays linear-ish.
  std::string pattern;
  for (int i = 0; i < 40; ++i) pattern += "*a";
  pattern += "b";
  std::string path(4000, 'a');
  EXPECT_FALSE(glob_match(pattern, path));
  std::string deep;
  for (int i = 0; i < 30; ++i) deep += "**/a/";
  deep += "b";
  std::string long_path;
  for (int i = 0; i < 200; ++i) long_path += "a/";
  EXPECT_FALSE(glob_match(deep, long_path + "c"));
}

TEST(PathFilter, FollowsGitignoreRules) {
  PathFilter filter;
  filter.add_file("", "# comment\n*.log\n!keep.log\n/build/\nsecret.txt  \n");
  EXPECT_TRUE(filter.excluded("x/y/debug.log", false));
  EXPECT_FALSE(filter.excluded("x/keep.log", false));
  EXPECT_TRUE(filter.excluded("build", true));
  EXPECT_FALSE(filter.excluded("build", false));        // folders only
  EXPECT_FALSE(filter.excluded("src/build", true));     // anchored to root
  EXPECT_TRUE(filter.excluded("a/secret.txt", false));  // trailing spaces go
}

TEST(PathFilter, NestedFileScopesToItsFolder) {
  PathFilter filter;
  filter.add_file("web", "dist\n/local.yaml\n");
  EXPECT_TRUE(filter.excluded("web/dist", true));
  EXPECT_TRUE(filter.excluded("web/app/dist", true));
  EXPECT_FALSE(filter.excluded("api/dist", true));
  EXPECT_TRUE(filter.excluded("web/local.yaml", false));
  EXPECT_FALSE(filter.excluded("web/sub/local.yaml", false));
}

TEST(PathFilter, IgnoresOverlongPatternsAndCapsCount) {
  PathFilter filter;
  filter.add_pattern("", std::string(kMaxPatternBytes + 1, 'a'));
  EXPECT_TRUE(filter.empty());
  std::string many;
  for (std::size_t i = 0; i < kMaxPatterns + 50; ++i) many += "p\n";
  EXPECT_EQ(filter.add_file("", many), kMaxPatterns);
}

}  // namespace
}  // namespace rampart::scan
