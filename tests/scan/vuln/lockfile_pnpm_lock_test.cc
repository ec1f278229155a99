// SPDX-License-Identifier: Apache-2.0
//
// pnpm-lock.yaml across lockfile versions.
#include <gtest/gtest.h>

#include "scan/vuln/lockfile_test_util.h"

namespace rampart::scan::vuln {
namespace {

using testing::find;
using testing::has;
using testing::parse;

TEST(PnpmLock, Version5PathsWithPeersAndHosts) {
  auto parsed = parse("pnpm-lock.yaml",
                      "lockfileVersion: 5.4\n"
                      "dependencies:\n  a: 1.0.0_b@2.0.0\n"
                      "packages:\n"
                      "  /a/1.0.0_b@2.0.0:\n    dev: false\n"
                      "  /@s/c/3.0.0:\n    dev: true\n"
                      "  registry.example.org/d/4.0.0:\n    dev: false\n"
                      "  github.com/o/r/0123abc:\n"
                      "    resolution: {commit: 0123abc, repo: x, type: git}\n"
                      "    name: e\n    version: 5.0.0\n");
  ASSERT_TRUE(parsed.is_ok());
  Package a = find(*parsed, "a", "1.0.0");
  EXPECT_TRUE(a.direct);
  EXPECT_EQ(a.line, 5);
  EXPECT_TRUE(find(*parsed, "@s/c", "3.0.0").dev);
  EXPECT_TRUE(has(*parsed, "d"));
  EXPECT_EQ(find(*parsed, "e", "5.0.0").commit, "0123abc");
}

TEST(PnpmLock, Version6And9Paths) {
  auto v6 = parse("pnpm-lock.yaml",
                  "lockfileVersion: '6.0'\npackages:\n"
                  "  /@s/a@1.0.0(react@18.2.0):\n    dev: false\n");
  ASSERT_TRUE(v6.is_ok());
  EXPECT_TRUE(has(*v6, "@s/a"));
  EXPECT_EQ(find(*v6, "@s/a").version, "1.0.0");

  auto v9 = parse("pnpm-lock.yaml",
                  "lockfileVersion: '9.0'\nimporters:\n  .:\n"
                  "    devDependencies:\n      b:\n        specifier: ^2\n"
                  "        version: 2.0.0\n"
                  "packages:\n  b@2.0.0:\n    resolution: {integrity: x}\n"
                  "  c@3.0.0:\n    resolution: {integrity: y}\n"
                  "snapshots:\n  b@2.0.0: {}\n");
  ASSERT_TRUE(v9.is_ok());
  EXPECT_TRUE(find(*v9, "b", "2.0.0").direct);
  EXPECT_FALSE(find(*v9, "c", "3.0.0").direct);
}

TEST(PnpmLock, GraphGivesPathsAndDevOnlyPackages) {
  auto v9 = parse("pnpm-lock.yaml",
                  "lockfileVersion: '9.0'\nimporters:\n  .:\n"
                  "    dependencies:\n      a:\n        specifier: ^1\n"
                  "        version: 1.0.0(c@3.0.0)\n"
                  "    devDependencies:\n      t:\n        specifier: ^1\n"
                  "        version: 1.0.0\n"
                  "packages:\n  a@1.0.0: {}\n  b@2.0.0: {}\n  c@3.0.0: {}\n"
                  "  t@1.0.0: {}\n  u@1.0.0: {}\n"
                  "snapshots:\n  a@1.0.0(c@3.0.0):\n    dependencies:\n"
                  "      b: 2.0.0\n  b@2.0.0: {}\n  c@3.0.0: {}\n"
                  "  t@1.0.0:\n    dependencies:\n      u: 1.0.0\n"
                  "      b: 2.0.0\n  u@1.0.0: {}\n");
  ASSERT_TRUE(v9.is_ok());
  EXPECT_TRUE(find(*v9, "a").direct);
  EXPECT_EQ(find(*v9, "b").dependency_path,
            (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(find(*v9, "b").dev);  // a needs it at run time too
  EXPECT_TRUE(find(*v9, "t").dev);
  EXPECT_TRUE(find(*v9, "u").dev);
  EXPECT_EQ(find(*v9, "u").dependency_path,
            (std::vector<std::string>{"t", "u"}));

  auto v5 = parse("pnpm-lock.yaml",
                  "lockfileVersion: 5.4\ndependencies:\n  a: 1.0.0_c@3.0.0\n"
                  "  alias: /real/2.0.0\npackages:\n"
                  "  /a/1.0.0_c@3.0.0:\n    dependencies:\n      c: 3.0.0\n"
                  "  /c/3.0.0: {}\n  /real/2.0.0: {}\n");
  ASSERT_TRUE(v5.is_ok());
  EXPECT_TRUE(find(*v5, "real").direct);
  EXPECT_EQ(find(*v5, "c").dependency_path,
            (std::vector<std::string>{"a", "c"}));
}

TEST(PnpmLock, UnreadablePathIsAnError) {
  auto parsed = parse("pnpm-lock.yaml",
                      "lockfileVersion: 5.3\npackages:\n  /a/1.0.0: {}\n"
                      "  nonsense: {}\n");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().location().line, 4);
}

TEST(PnpmLock, ScalarDocumentAndDirectivesAreRefused) {
  EXPECT_FALSE(parse("pnpm-lock.yaml", "just words\n").is_ok());
  EXPECT_FALSE(parse("pnpm-lock.yaml", "%YAML 1.2\n---\na: 1\n").is_ok());
  EXPECT_FALSE(parse("pnpm-lock.yaml", "a: \"\xff\"\n").is_ok());
  auto comments = parse("pnpm-lock.yaml", "# nothing here\n");
  ASSERT_TRUE(comments.is_ok());
  EXPECT_TRUE(comments->empty());
}

}  // namespace
}  // namespace rampart::scan::vuln
