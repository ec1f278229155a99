// SPDX-License-Identifier: Apache-2.0
//
// yarn.lock, classic v1 and Berry.
#include <gtest/gtest.h>

#include "scan/vuln/lockfile_test_util.h"

namespace rampart::scan::vuln {
namespace {

using testing::find;
using testing::has;
using testing::parse;

TEST(YarnLock, ClassicEntriesWithAliasesAndCommits) {
  auto parsed =
      parse("yarn.lock",
            "# yarn lockfile v1\n\n"
            "\"@s/a@^1.0.0\", \"@s/a@~1.2\":\n  version \"1.2.3\"\n"
            "  resolved \"https://registry.yarnpkg.com/@s/a/-/a-1.2.3.tgz#"
            "0123456789abcdef0123456789abcdef01234567\"\n"
            "  dependencies:\n    b \"^2\"\n\n"
            "\"cjs@npm:strip@^5\":\n  version \"5.0.1\"\n\n"
            "g@o/g#main:\n  version \"0.0.1\"\n"
            "  resolved \"https://codeload.github.com/o/g/tar.gz/"
            "fedcba9876543210\"\n");
  ASSERT_TRUE(parsed.is_ok());
  ASSERT_EQ(parsed->size(), 3u);
  Package a = find(*parsed, "@s/a", "1.2.3");
  EXPECT_EQ(a.commit, "");  // a registry checksum, not a commit
  EXPECT_EQ(a.line, 3);
  EXPECT_TRUE(has(*parsed, "strip"));
  EXPECT_EQ(find(*parsed, "g").commit, "fedcba9876543210");
}

TEST(YarnLock, BerrySkipsMetadataAndTheProjectRoot) {
  auto parsed =
      parse("yarn.lock",
            "__metadata:\n  version: 8\n  cacheKey: 10c0\n\n"
            "\"app@workspace:.\":\n  version: 0.0.0-use.local\n"
            "  resolution: \"app@workspace:.\"\n\n"
            "\"@ws/lib@workspace:libs/lib\":\n  version: 0.0.0-use.local\n"
            "  resolution: \"@ws/lib@workspace:libs/lib\"\n\n"
            "\"r@npm:^1\":\n  version: 1.22.1\n"
            "  resolution: \"r@npm:1.22.1\"\n\n"
            "\"r@patch:r@npm%3A^1#~builtin<compat/r>\":\n"
            "  version: 1.22.1\n"
            "  resolution: \"r@patch:r@npm%3A1.22.1#~builtin<compat/r>"
            "::version=1.22.1&hash=07638b\"\n\n"
            "\"d@https://h/d.git#main\":\n  version: 2.0.0\n"
            "  resolution: \"d@https://h/d.git#commit=abc1234\"\n");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_FALSE(has(*parsed, "app"));
  EXPECT_FALSE(has(*parsed, "__metadata"));
  EXPECT_TRUE(has(*parsed, "@ws/lib"));
  EXPECT_EQ(find(*parsed, "d").commit, "abc1234");
  EXPECT_EQ(parsed->size(), 3u);  // the patch merges with r@1.22.1
}

TEST(YarnLock, PackageJsonBesideItNamesDirectAndDevPackages) {
  auto parsed =
      parse("web/yarn.lock",
            "a@^1:\n  version \"1.0.0\"\n\nb@^2:\n  version \"2.0.0\"\n\n"
            "c@^3:\n  version \"3.0.0\"\n",
            {{"web/package.json",
              R"({"dependencies": {"a": "^1"},
                            "devDependencies": {"b": "^2"}})"}});
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_TRUE(find(*parsed, "a").direct);
  EXPECT_FALSE(find(*parsed, "a").dev);
  EXPECT_TRUE(find(*parsed, "b").direct);
  EXPECT_TRUE(find(*parsed, "b").dev);
  EXPECT_FALSE(find(*parsed, "c").direct);
}

TEST(YarnLock, DependencyBlocksGiveThePaths) {
  auto classic =
      parse("yarn.lock",
            "express@^4:\n  version \"4.18.2\"\n  dependencies:\n"
            "    body-parser \"1.20.1\"\n\n"
            "body-parser@1.20.1:\n  version \"1.20.1\"\n"
            "  optionalDependencies:\n    \"@s/qs\" \"^6\"\n\n"
            "\"@s/qs@^6\", \"@s/qs@^6.1\":\n  version \"6.11.0\"\n",
            {{"package.json", R"({"dependencies": {"express": "^4"}})"}});
  ASSERT_TRUE(classic.is_ok());
  EXPECT_TRUE(find(*classic, "express").direct);
  EXPECT_EQ(find(*classic, "@s/qs").dependency_path,
            (std::vector<std::string>{"express", "body-parser", "@s/qs"}));

  auto berry = parse("yarn.lock",
                     "\"app@workspace:.\":\n  version: 0.0.0-use.local\n"
                     "  resolution: \"app@workspace:.\"\n  dependencies:\n"
                     "    lodash: \"npm:^4\"\n\n"
                     "\"lodash@npm:^4\":\n  version: 4.17.21\n"
                     "  resolution: \"lodash@npm:4.17.21\"\n  dependencies:\n"
                     "    tiny: ^1.0.0\n\n"
                     "\"tiny@npm:^1.0.0\":\n  version: 1.0.3\n"
                     "  resolution: \"tiny@npm:1.0.3\"\n");
  ASSERT_TRUE(berry.is_ok());
  EXPECT_TRUE(find(*berry, "lodash").direct);
  EXPECT_EQ(find(*berry, "tiny").dependency_path,
            (std::vector<std::string>{"lodash", "tiny"}));
}

TEST(YarnLock, StrayTextIsAnError) {
  auto parsed = parse("yarn.lock", "a@^1:\n  version \"1\"\nnot a lockfile\n");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().location().line, 3);
}

}  // namespace
}  // namespace rampart::scan::vuln
