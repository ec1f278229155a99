// SPDX-License-Identifier: Apache-2.0
//
// package-lock.json / npm-shrinkwrap.json, v1 and v2/v3 layouts.
#include <gtest/gtest.h>

#include "scan/vuln/lockfile_test_util.h"

namespace rampart::scan::vuln {
namespace {

using testing::find;
using testing::has;
using testing::parse;

TEST(NpmLock, PackagesMapGivesNamesPathsAndFlags) {
  auto parsed = parse("npm-shrinkwrap.json", R"({
  "lockfileVersion": 3,
  "packages": {
    "": {"name": "app", "dependencies": {"cjs": "npm:strip@^6"}},
    "node_modules/cjs": {"name": "strip", "version": "6.0.1"},
    "node_modules/cjs/node_modules/@s/x": {
      "version": "1.0.0", "dev": true,
      "resolved": "git+ssh://git@h/s/x.git#a1b2c3d"},
    "packages/ws": {"version": "0.1.0"},
    "node_modules/ws": {"resolved": "packages/ws", "link": true}
  }})");
  ASSERT_TRUE(parsed.is_ok());
  Package strip = find(*parsed, "strip", "6.0.1");
  EXPECT_TRUE(strip.direct);
  EXPECT_EQ(strip.line, 5);
  Package x = find(*parsed, "@s/x", "1.0.0");
  EXPECT_TRUE(x.dev);
  EXPECT_FALSE(x.direct);
  EXPECT_EQ(x.commit, "a1b2c3d");
  EXPECT_EQ(x.dependency_path, (std::vector<std::string>{"cjs", "@s/x"}));
  EXPECT_TRUE(has(*parsed, "ws"));  // the workspace folder, not its link
  EXPECT_EQ(parsed->size(), 3u);
}

TEST(NpmLock, HoistedPackagesGetTheirShortestRequireChain) {
  auto parsed = parse("package-lock.json", R"({"packages": {
    "": {"dependencies": {"express": "^4"}},
    "node_modules/express": {"version": "4.18.2",
                             "dependencies": {"body-parser": "1.20.1"}},
    "node_modules/body-parser": {"version": "1.20.1",
                                 "dependencies": {"qs": "6.11.0"}},
    "node_modules/qs": {"version": "6.11.0"},
    "node_modules/body-parser/node_modules/qs": {"version": "6.5.0"},
    "node_modules/orphan": {"version": "1.0.0"}}})");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_TRUE(find(*parsed, "express").direct);
  EXPECT_TRUE(find(*parsed, "express").dependency_path.empty());
  EXPECT_EQ(find(*parsed, "qs", "6.5.0").dependency_path,
            (std::vector<std::string>{"express", "body-parser", "qs"}));
  // The hoisted qs is reached by nobody: body-parser's own copy wins.
  EXPECT_TRUE(find(*parsed, "qs", "6.11.0").dependency_path.empty());
  EXPECT_FALSE(find(*parsed, "qs", "6.11.0").direct);
  EXPECT_FALSE(find(*parsed, "orphan").direct);
  EXPECT_EQ(find(*parsed, "body-parser").dependency_path,
            (std::vector<std::string>{"express", "body-parser"}));
}

TEST(NpmLock, Version1TreeWithAliasesGitAndFiles) {
  auto parsed = parse("package-lock.json", R"({
  "lockfileVersion": 1,
  "dependencies": {
    "frame": {"version": "npm:@babel/code-frame@7.0.0"},
    "g": {"version": "github:o/g#0123456789abcdef", "dev": true},
    "local": {"version": "file:deps/local"},
    "outer": {"version": "1.0.0", "dependencies": {
      "inner": {"version": "2.0.0"}}}
  }})");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_TRUE(find(*parsed, "@babel/code-frame", "7.0.0").direct);
  Package g = find(*parsed, "g");
  EXPECT_EQ(g.version, "");
  EXPECT_EQ(g.commit, "0123456789abcdef");
  EXPECT_TRUE(g.dev);
  EXPECT_EQ(find(*parsed, "local").version, "");
  Package inner = find(*parsed, "inner", "2.0.0");
  EXPECT_FALSE(inner.direct);
  EXPECT_EQ(inner.dependency_path,
            (std::vector<std::string>{"outer", "inner"}));
}

TEST(NpmLock, Version1DirectFromPackageJsonOrRequires) {
  const char* lock = R"({"lockfileVersion": 1, "dependencies": {
    "a": {"version": "1.0.0", "requires": {"b": "^2"}},
    "b": {"version": "2.0.0"},
    "c": {"version": "3.0.0"}}})";
  auto guessed = parse("package-lock.json", lock);
  ASSERT_TRUE(guessed.is_ok());
  EXPECT_TRUE(find(*guessed, "a").direct);
  EXPECT_FALSE(find(*guessed, "b").direct);  // a requires it
  EXPECT_TRUE(find(*guessed, "c").direct);

  auto declared = parse("package-lock.json", lock,
                        {{"package.json", R"({"dependencies": {"b": "2"}})"}});
  ASSERT_TRUE(declared.is_ok());
  EXPECT_FALSE(find(*declared, "a").direct);
  EXPECT_TRUE(find(*declared, "b").direct);
  EXPECT_FALSE(find(*declared, "c").direct);
}

TEST(NpmLock, RegistryTarballHashIsNotACommit) {
  auto parsed = parse("package-lock.json", R"({"packages": {
    "node_modules/a": {"version": "1.0.0",
      "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz#abcdef0"}}})");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(find(*parsed, "a").commit, "");
}

TEST(NpmLock, NonObjectTopLevelIsAnError) {
  for (const char* text : {"null", "[]", "\"x\""}) {
    auto parsed = parse("package-lock.json", text);
    ASSERT_FALSE(parsed.is_ok()) << text;
    EXPECT_EQ(parsed.status().code(), StatusCode::kParseError);
  }
}

}  // namespace
}  // namespace rampart::scan::vuln
