// SPDX-License-Identifier: Apache-2.0
//
// Gemfile.lock and gradle.lockfile.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scan/vuln/lockfile_test_util.h"

namespace rampart::scan::vuln {
namespace {

using testing::find;
using testing::has;
using testing::parse;

TEST(GemfileLock, SourcesPlatformsAndDirectGems) {
  auto parsed =
      parse("Gemfile.lock",
            "GIT\n  remote: https://h/utils.git\n  revision: abc123\n"
            "  specs:\n    utils (2.0.0.alpha1)\n      rack (~> 2.0)\n\n"
            "GEM\n  remote: https://rubygems.org/\n  specs:\n"
            "    nokogiri (1.16.0-x86_64-linux)\n      racc (~> 1.4)\n"
            "    racc (1.7.3)\n    broken\n\n"
            "PLATFORMS\n  x86_64-linux\n\n"
            "DEPENDENCIES\n  nokogiri (>= 1.0)\n  utils!\n\n"
            "BUNDLED WITH\n   2.5.3\n");
  ASSERT_TRUE(parsed.is_ok());
  ASSERT_EQ(parsed->size(), 3u);
  Package utils = find(*parsed, "utils", "2.0.0.alpha1");
  EXPECT_EQ(utils.commit, "abc123");
  EXPECT_TRUE(utils.direct);
  Package nokogiri = find(*parsed, "nokogiri", "1.16.0");
  EXPECT_TRUE(nokogiri.direct);
  EXPECT_EQ(nokogiri.line, 11);
  EXPECT_FALSE(find(*parsed, "racc").direct);
  EXPECT_EQ(find(*parsed, "racc").dependency_path,
            (std::vector<std::string>{"nokogiri", "racc"}));
  EXPECT_TRUE(find(*parsed, "utils").dependency_path.empty());
  EXPECT_EQ(find(*parsed, "racc").commit, "");
}

// A hostile chain of 20,000 gems must not cost 20,000^2 path entries.
TEST(GemfileLock, LongChainsKeepABoundedPath) {
  std::string text = "GEM\n  specs:\n";
  constexpr int kGems = 20000;
  for (int i = 0; i < kGems; ++i) {
    text += "    g" + std::to_string(i) + " (1.0)\n";
    if (i + 1 < kGems) text += "      g" + std::to_string(i + 1) + "\n";
  }
  text += "\nDEPENDENCIES\n  g0\n";
  auto parsed = parse("Gemfile.lock", text);
  ASSERT_TRUE(parsed.is_ok());
  ASSERT_EQ(parsed->size(), static_cast<std::size_t>(kGems));
  const std::vector<std::string>& path =
      find(*parsed, "g" + std::to_string(kGems - 1)).dependency_path;
  ASSERT_EQ(path.size(), 32u);
  EXPECT_EQ(path.front(), "...");
  EXPECT_EQ(path.back(), "g" + std::to_string(kGems - 1));
  EXPECT_EQ(find(*parsed, "g3").dependency_path,
            (std::vector<std::string>{"g0", "g1", "g2", "g3"}));
}

TEST(GradleLock, CoordinatesConfigurationsAndStrayLines) {
  auto parsed =
      parse("gradle.lockfile",
            "# comment\norg.a:core:1.0=compileClasspath,runtimeClasspath\n"
            "org.b:mock:2.0=testCompileClasspath,testRuntimeClasspath\n"
            ">>>\na:b=x\na:b:c:d=x\nempty=annotationProcessor\n");
  ASSERT_TRUE(parsed.is_ok());
  ASSERT_EQ(parsed->size(), 2u);
  Package core = find(*parsed, "org.a:core", "1.0");
  EXPECT_EQ(core.ecosystem, "Maven");
  EXPECT_FALSE(core.dev);
  EXPECT_EQ(core.line, 2);
  EXPECT_TRUE(find(*parsed, "org.b:mock").dev);
}

}  // namespace
}  // namespace rampart::scan::vuln
