// SPDX-License-Identifier: Apache-2.0
//
// composer.lock, Pipfile.lock and NuGet packages.lock.json.
#include <gtest/gtest.h>

#include "scan/vuln/lockfile_test_util.h"

namespace rampart::scan::vuln {
namespace {

using testing::find;
using testing::has;
using testing::parse;

TEST(ComposerLock, RuntimeAndDevPackages) {
  auto parsed = parse("composer.lock", R"({
  "packages": [{"name": "guzzle/guzzle", "version": "7.8.0",
                "source": {"type": "git", "reference": "1110f66"}}],
  "packages-dev": [{"name": "phpunit/phpunit", "version": "10.5.0"},
                   {"version": "1.0"}]
  })");
  ASSERT_TRUE(parsed.is_ok());
  ASSERT_EQ(parsed->size(), 2u);
  Package guzzle = find(*parsed, "guzzle/guzzle");
  EXPECT_FALSE(guzzle.dev);
  EXPECT_EQ(guzzle.commit, "1110f66");
  EXPECT_EQ(guzzle.purl, "pkg:composer/guzzle/guzzle@7.8.0");
  EXPECT_EQ(guzzle.line, 2);
  EXPECT_TRUE(find(*parsed, "phpunit/phpunit").dev);
}

TEST(ComposerLock, ComposerJsonGivesRootsAndPaths) {
  auto parsed = parse("app/composer.lock", R"({
  "packages": [
    {"name": "laravel/framework", "version": "v10.0.0",
     "require": {"php": "^8.1", "Symfony/Console": "^6"}},
    {"name": "symfony/console", "version": "v6.3.0"}],
  "packages-dev": [{"name": "phpunit/phpunit", "version": "10.5.0"}]})",
                      {{"app/composer.json",
                        R"({"require": {"laravel/framework": "^10"},
                            "require-dev": {"phpunit/phpunit": "^10"}})"}});
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_TRUE(find(*parsed, "laravel/framework").direct);
  EXPECT_FALSE(find(*parsed, "symfony/console").direct);
  EXPECT_EQ(find(*parsed, "symfony/console").dependency_path,
            (std::vector<std::string>{"laravel/framework", "symfony/console"}));
  EXPECT_TRUE(find(*parsed, "phpunit/phpunit").direct);
  EXPECT_TRUE(find(*parsed, "phpunit/phpunit").dev);
}

TEST(PipfileLock, PinnedEntriesOfBothSections) {
  auto parsed = parse("Pipfile.lock", R"({
  "default": {"requests": {"version": "==2.31.0"},
              "editable": {"git": "https://h/e", "ref": "abc"}},
  "develop": {"pytest": {"version": "==8.0.0"},
              "requests": {"version": "==2.31.0"}}
  })");
  ASSERT_TRUE(parsed.is_ok());
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_FALSE(find(*parsed, "requests").dev);  // also a runtime dependency
  EXPECT_TRUE(find(*parsed, "pytest", "8.0.0").dev);
}

TEST(PipfileLock, PipfileBesideItNamesDirectPackages) {
  auto parsed = parse("Pipfile.lock", R"({
  "default": {"requests": {"version": "==2.31.0"},
              "idna": {"version": "==3.7"}}})",
                      {{"Pipfile", "[packages]\nRequests = \"*\"\n"}});
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_TRUE(find(*parsed, "requests").direct);
  EXPECT_FALSE(find(*parsed, "idna").direct);
}

TEST(NugetLock, FrameworksMergeAndProjectsAreSkipped) {
  auto parsed = parse("packages.lock.json", R"({"version": 1,
  "dependencies": {
    "net6.0": {"Newtonsoft.Json": {"type": "Direct", "resolved": "13.0.1"},
               "Other.Project": {"type": "Project"}},
    "net8.0": {"Newtonsoft.Json": {"type": "Direct", "resolved": "13.0.1"},
               "System.Memory": {"type": "Transitive", "resolved": "4.5.5"}}
  }})");
  ASSERT_TRUE(parsed.is_ok());
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_TRUE(find(*parsed, "Newtonsoft.Json").direct);
  EXPECT_FALSE(find(*parsed, "System.Memory").direct);
  EXPECT_FALSE(has(*parsed, "Other.Project"));
}

TEST(NugetLock, TransitivePathsWithinAFramework) {
  auto parsed = parse("packages.lock.json", R"({"version": 1,
  "dependencies": {"net8.0": {
    "Serilog.AspNetCore": {"type": "Direct", "resolved": "8.0.0",
                           "dependencies": {"Serilog": "3.1.1"}},
    "Serilog": {"type": "Transitive", "resolved": "3.1.1"}}}})");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(find(*parsed, "Serilog").dependency_path,
            (std::vector<std::string>{"Serilog.AspNetCore", "Serilog"}));
  EXPECT_FALSE(find(*parsed, "Serilog").direct);
}

TEST(NugetLock, OtherLockVersionsAreUnsupported) {
  auto parsed =
      parse("packages.lock.json", R"({"version": 2, "dependencies": {}})");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kUnsupported);
  EXPECT_FALSE(parse("packages.lock.json", R"({"dependencies": {}})").is_ok());
}

}  // namespace
}  // namespace rampart::scan::vuln
