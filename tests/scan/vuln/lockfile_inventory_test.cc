// SPDX-License-Identifier: Apache-2.0
//
// The public entry points: file recognition, dispatch, limits, errors that
// name the file, purls and duplicate merging.
#include <string>

#include <gtest/gtest.h>

#include "rampart/scan/vuln/lockfile.h"

#include "scan/vuln/lockfile_test_util.h"

namespace rampart::scan::vuln {
namespace {

using testing::find;
using testing::parse;

TEST(InventoryFiles, RecognisesLockfilesByNameAndPathSuffix) {
  EXPECT_TRUE(is_inventory_file("package-lock.json"));
  EXPECT_TRUE(is_inventory_file("web/npm-shrinkwrap.json"));
  EXPECT_TRUE(is_inventory_file("a/b/yarn.lock"));
  EXPECT_TRUE(is_inventory_file("requirements-dev.txt"));
  EXPECT_TRUE(is_inventory_file("ci/test-requirements.txt"));
  EXPECT_TRUE(is_inventory_file("var/lib/dpkg/status"));
  EXPECT_TRUE(is_inventory_file("rootfs/var/lib/dpkg/status"));
  EXPECT_TRUE(is_inventory_file("var/lib/dpkg/status.d/libc6"));
  EXPECT_TRUE(is_inventory_file("lib/apk/db/installed"));
  EXPECT_TRUE(is_inventory_file("gradle/dependency-locks/compile.lockfile"));
  EXPECT_TRUE(is_inventory_file("gems.locked"));
}

TEST(InventoryFiles, IgnoresLookalikes) {
  EXPECT_FALSE(is_inventory_file("package.json"));
  EXPECT_FALSE(is_inventory_file("go.sum"));
  EXPECT_FALSE(is_inventory_file("notes.txt"));
  EXPECT_FALSE(is_inventory_file("requirements.in"));
  EXPECT_FALSE(is_inventory_file("var/lib/dpkg/status-old"));
  EXPECT_FALSE(is_inventory_file("myvar/lib/dpkg/status"));
  EXPECT_FALSE(is_inventory_file("var/lib/dpkg/status.d/libc6.md5sums"));
  EXPECT_EQ(detect_inventory_format("Cargo.toml"), InventoryFormat::kUnknown);
}

TEST(InventoryParse, UnknownFileIsUnsupported) {
  Result<std::vector<Package>> parsed = parse_inventory("README.md", "x");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(parsed.status().location().file, "README.md");
}

TEST(InventoryParse, MalformedFileNamesFileAndFormat) {
  Result<std::vector<Package>> parsed =
      parse_inventory("app/package-lock.json", "{ not json");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kParseError);
  EXPECT_EQ(parsed.status().location().file, "app/package-lock.json");
  EXPECT_NE(parsed.status().to_string().find("package-lock.json"),
            std::string::npos);
}

TEST(InventoryParse, EmptyFileIsEmptyInventory) {
  for (const char* path : {"package-lock.json", "pom.xml", "Cargo.lock",
                           "pnpm-lock.yaml", "go.mod"}) {
    Result<std::vector<Package>> parsed = parse_inventory(path, "  \n");
    ASSERT_TRUE(parsed.is_ok()) << path;
    EXPECT_TRUE(parsed->empty()) << path;
  }
}

TEST(InventoryParse, DeepJsonNestingIsRefused) {
  std::string deep = std::string(10000, '[') + std::string(10000, ']');
  Result<std::vector<Package>> parsed = parse_inventory("composer.lock", deep);
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kLimitExceeded);
}

TEST(InventoryParse, DeepYamlFlowNestingIsRefused) {
  std::string deep = "packages: " + std::string(5000, '{');
  Result<std::vector<Package>> parsed = parse_inventory("pnpm-lock.yaml", deep);
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kLimitExceeded);
}

TEST(InventoryParse, SourceFileAndPurlAreFilled) {
  Result<std::vector<Package>> parsed =
      parse("svc/Gemfile.lock", "GEM\n  specs:\n    rack (2.2.3)\n");
  ASSERT_TRUE(parsed.is_ok());
  Package rack = find(*parsed, "rack", "2.2.3");
  EXPECT_EQ(rack.ecosystem, "RubyGems");
  EXPECT_EQ(rack.source_file, "svc/Gemfile.lock");
  EXPECT_EQ(rack.purl, "pkg:gem/rack@2.2.3");
  EXPECT_EQ(rack.line, 3);
}

TEST(InventoryPurl, EncodesEachEcosystemAsThePurlSpecAsks) {
  Result<std::vector<Package>> npm =
      parse("package-lock.json",
            R"({"packages":{"node_modules/@babel/core":{"version":"7.1.0"}}})");
  ASSERT_TRUE(npm.is_ok());
  EXPECT_EQ(find(*npm, "@babel/core").purl, "pkg:npm/%40babel/core@7.1.0");

  Result<std::vector<Package>> go = parse(
      "go.mod", "module m\nrequire golang.org/x/net v0.1.0+incompatible\n");
  ASSERT_TRUE(go.is_ok());
  EXPECT_EQ(find(*go, "golang.org/x/net").purl,
            "pkg:golang/golang.org/x/net@0.1.0%2Bincompatible");

  Result<std::vector<Package>> pypi =
      parse("requirements.txt", "Zope.Interface==5.4\n");
  ASSERT_TRUE(pypi.is_ok());
  EXPECT_EQ(find(*pypi, "Zope.Interface").purl, "pkg:pypi/zope-interface@5.4");

  Result<std::vector<Package>> deb = parse(
      "var/lib/dpkg/status",
      "Package: login\nStatus: install ok installed\nVersion: 1:4.13-1\n");
  ASSERT_TRUE(deb.is_ok());
  EXPECT_EQ(find(*deb, "login").purl, "pkg:deb/debian/login@1%3A4.13-1");

  Result<std::vector<Package>> maven =
      parse("gradle.lockfile", "org.x:core:1.0=runtimeClasspath\n");
  ASSERT_TRUE(maven.is_ok());
  EXPECT_EQ(find(*maven, "org.x:core").purl, "pkg:maven/org.x/core@1.0");
}

TEST(InventoryMerge, DuplicatesMergeKeepingTheStrongestFlags) {
  // b is reached from a dev-only and from a runtime dependency.
  Result<std::vector<Package>> parsed = parse("package-lock.json", R"({
    "packages": {
      "": {"dependencies": {"a": "1"}, "devDependencies": {"d": "1"}},
      "node_modules/a": {"version": "1.0.0"},
      "node_modules/a/node_modules/b": {"version": "2.0.0"},
      "node_modules/d": {"version": "1.0.0", "dev": true},
      "node_modules/d/node_modules/b": {"version": "2.0.0", "dev": true}
    }})");
  ASSERT_TRUE(parsed.is_ok());
  ASSERT_EQ(parsed->size(), 3u);
  Package b = find(*parsed, "b", "2.0.0");
  EXPECT_FALSE(b.dev);
  EXPECT_FALSE(b.direct);
  EXPECT_EQ(b.dependency_path, (std::vector<std::string>{"a", "b"}));
}

TEST(InventoryReader, DirectoryReaderRefusesEscapes) {
  SiblingReader reader = directory_sibling_reader("/nonexistent");
  EXPECT_EQ(reader("../etc/passwd").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(reader("a/../../x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(reader("go.sum").is_ok());
}

}  // namespace
}  // namespace rampart::scan::vuln
