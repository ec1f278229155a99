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
