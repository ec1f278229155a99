// SPDX-License-Identifier: Apache-2.0
//
// go.mod and go.sum: directives, replace rules, stdlib, old module graphs.
#include <gtest/gtest.h>

#include "scan/vuln/lockfile_test_util.h"

namespace rampart::scan::vuln {
namespace {

using testing::find;
using testing::has;
using testing::parse;

TEST(GoMod, ReadsRequiresWithoutTheVPrefix) {
  auto parsed = parse("go.mod",
                      "module example.com/m // the module\n\ngo 1.21\n"
                      "require (\n\tgithub.com/a/b v1.2.3\n"
                      "\t\"github.com/q/r\" v0.0.0-20200101000000-abcdef123456 "
                      "// indirect\n)\n");
  ASSERT_TRUE(parsed.is_ok());
  Package ab = find(*parsed, "github.com/a/b", "1.2.3");
  EXPECT_TRUE(ab.direct);
  EXPECT_EQ(ab.line, 5);
  EXPECT_FALSE(find(*parsed, "github.com/q/r").direct);
  // `go 1.21` is the minimum language version, not an installed stdlib.
  EXPECT_FALSE(has(*parsed, "stdlib"));
}

TEST(GoMod, ToolchainIsTheStdlibAndLosesItsSuffix) {
  auto parsed =
      parse("go.mod", "module m\ngo 1.22\ntoolchain go1.22.4-custom\n");
  ASSERT_TRUE(parsed.is_ok());
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ(find(*parsed, "stdlib").version, "1.22.4");
  EXPECT_EQ(find(*parsed, "stdlib").line, 3);
}

TEST(GoMod, ToolchainNamesAreWrittenAsOsvGoVersions) {
  auto version = [](const std::string& toolchain) {
    auto parsed = parse("go.mod", "module m\ntoolchain " + toolchain + "\n");
    EXPECT_TRUE(parsed.is_ok());
    for (const Package& package : *parsed) {
      if (package.name == "stdlib") return package.version;
    }
    return std::string("(none)");
  };
  EXPECT_EQ(version("go1.21"), "1.21.0");
  EXPECT_EQ(version("go1.21rc2"), "1.21.0-rc.2");
  EXPECT_EQ(version("go1.22beta1"), "1.22.0-beta.1");
  EXPECT_EQ(version("go1.23.6-xyz"), "1.23.6");
  EXPECT_EQ(version("default"), "(none)");
  EXPECT_EQ(version("gox"), "(none)");
}

TEST(GoMod, ReplaceAppliesPerVersionOrToAll) {
  auto parsed =
      parse("go.mod",
            "module m\nrequire (\n  x.org/a v1.0.0\n  x.org/b v2.0.0\n"
            "  x.org/c v3.0.0\n)\n"
            "replace x.org/a v1.0.0 => fork.org/a v1.0.1\n"
            "replace x.org/b v9.9.9 => fork.org/b v9.9.9\n"
            "replace x.org/c => ../local/c\n");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(find(*parsed, "fork.org/a").version, "1.0.1");
  EXPECT_EQ(find(*parsed, "x.org/b").version, "2.0.0");
  EXPECT_EQ(find(*parsed, "../local/c").version, "");
  EXPECT_FALSE(has(*parsed, "x.org/a"));
  EXPECT_FALSE(has(*parsed, "stdlib"));  // no toolchain directive
}

TEST(GoMod, GoSumCompletesModulesBefore117) {
  std::string sum =
      "x.org/dep v1.0.0 h1:aaa=\nx.org/dep v1.0.0/go.mod h1:bbb=\n"
      "x.org/dep v1.10.0 h1:ccc=\nx.org/dep v1.9.0 h1:ddd=\n"
      "x.org/modonly v2.0.0/go.mod h1:eee=\n";
  auto old = parse("svc/go.mod", "module m\ngo 1.16\n", {{"svc/go.sum", sum}});
  ASSERT_TRUE(old.is_ok());
  EXPECT_EQ(find(*old, "x.org/dep").version, "1.10.0");
  EXPECT_FALSE(find(*old, "x.org/dep").direct);
  EXPECT_FALSE(has(*old, "x.org/modonly"));

  auto modern =
      parse("svc/go.mod", "module m\ngo 1.17\n", {{"svc/go.sum", sum}});
  ASSERT_TRUE(modern.is_ok());
  EXPECT_FALSE(has(*modern, "x.org/dep"));
}

TEST(GoMod, UnknownDirectiveIsAnErrorWithItsLine) {
  auto parsed = parse("go.mod", "module m\n\nthis is not go.mod\n");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kParseError);
  EXPECT_EQ(parsed.status().location().line, 3);
}

TEST(GoMod, MalformedReplaceIsAnError) {
  auto parsed = parse("go.mod", "module m\nreplace a b c d e\n");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().location().line, 2);
}

}  // namespace
}  // namespace rampart::scan::vuln
