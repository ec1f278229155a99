// SPDX-License-Identifier: Apache-2.0
//
// Cargo.lock, poetry.lock and uv.lock.
#include <gtest/gtest.h>

#include "scan/vuln/lockfile_test_util.h"

namespace rampart::scan::vuln {
namespace {

using testing::find;
using testing::has;
using testing::parse;

TEST(CargoLock, ReadsPackagesAndGitCommits) {
  auto parsed = parse(
      "Cargo.lock",
      "version = 3\n\n[[package]]\nname = \"serde\"\n"
      "version = \"1.0.0\"\n"
      "source = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n"
      "[[package]]\nname = \"forked\"\nversion = \"0.2.0\"\n"
      "source = \"git+https://h/forked?branch=x#0a1b2c3\"\n");
  ASSERT_TRUE(parsed.is_ok());
  Package serde = find(*parsed, "serde", "1.0.0");
  EXPECT_EQ(serde.ecosystem, "crates.io");
  EXPECT_EQ(serde.line, 3);
  EXPECT_EQ(serde.purl, "pkg:cargo/serde@1.0.0");
  EXPECT_EQ(find(*parsed, "forked").commit, "0a1b2c3");
}

TEST(CargoLock, LocalCratesGiveDirectDependenciesAndPaths) {
  auto parsed = parse("Cargo.lock",
                      "[[package]]\nname = \"app\"\nversion = \"0.1.0\"\n"
                      "dependencies = [\"reqwest\", \"syn 2.0.0\"]\n\n"
                      "[[package]]\nname = \"reqwest\"\nversion = \"0.11.0\"\n"
                      "source = \"registry+x\"\n"
                      "dependencies = [\"syn 1.0.0 (registry+x)\"]\n\n"
                      "[[package]]\nname = \"syn\"\nversion = \"1.0.0\"\n"
                      "source = \"registry+x\"\n\n"
                      "[[package]]\nname = \"syn\"\nversion = \"2.0.0\"\n"
                      "source = \"registry+x\"\n");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_TRUE(find(*parsed, "reqwest").direct);
  EXPECT_TRUE(find(*parsed, "syn", "2.0.0").direct);
  Package old_syn = find(*parsed, "syn", "1.0.0");
  EXPECT_FALSE(old_syn.direct);
  EXPECT_EQ(old_syn.dependency_path,
            (std::vector<std::string>{"reqwest", "syn"}));
  EXPECT_FALSE(find(*parsed, "app").direct);
}

TEST(CargoLock, InvalidTomlNamesTheLine) {
  auto parsed = parse("Cargo.lock", "[[package]]\nname = \"a\"\nversion = \n");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kParseError);
  EXPECT_EQ(parsed.status().location().line, 3);
}

TEST(PoetryLock, DevFromCategoryOrGroups) {
  auto parsed = parse("poetry.lock",
                      "[[package]]\nname = \"pytest\"\nversion = \"7.0\"\n"
                      "category = \"dev\"\n\n"
                      "[[package]]\nname = \"black\"\nversion = \"24.1\"\n"
                      "groups = [\"lint\", \"dev\"]\n\n"
                      "[[package]]\nname = \"requests\"\nversion = \"2.31\"\n"
                      "groups = [\"main\", \"dev\"]\n\n"
                      "[[package]]\nname = \"ike\"\nversion = \"0.2\"\n"
                      "[package.source]\ntype = \"git\"\n"
                      "resolved_reference = \"cafe123\"\n");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_TRUE(find(*parsed, "pytest").dev);
  EXPECT_TRUE(find(*parsed, "black").dev);
  EXPECT_FALSE(find(*parsed, "requests").dev);
  EXPECT_EQ(find(*parsed, "ike").commit, "cafe123");
}

TEST(PoetryLock, PyprojectBesideItGivesRoots) {
  const char* lock =
      "[[package]]\nname = \"Flask\"\nversion = \"3.0.0\"\n"
      "[package.dependencies]\nwerkzeug = \">=3\"\n\n"
      "[[package]]\nname = \"Werkzeug\"\nversion = \"3.0.1\"\n\n"
      "[[package]]\nname = \"pytest\"\nversion = \"8.0\"\n";
  auto parsed =
      parse("poetry.lock", lock,
            {{"pyproject.toml",
              "[tool.poetry.dependencies]\npython = \"^3.11\"\nflask = \"^3\"\n"
              "[tool.poetry.group.test.dependencies]\npytest = \"^8\"\n"}});
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_TRUE(find(*parsed, "Flask").direct);
  EXPECT_FALSE(find(*parsed, "Werkzeug").direct);
  EXPECT_EQ(find(*parsed, "Werkzeug").dependency_path,
            (std::vector<std::string>{"Flask", "Werkzeug"}));
  EXPECT_TRUE(find(*parsed, "pytest").direct);
  EXPECT_TRUE(find(*parsed, "pytest").dev);
  EXPECT_FALSE(find(*parsed, "Flask").dev);
}

TEST(UvLock, ProjectEntryGivesRootsAndDevOnlyPackages) {
  auto parsed = parse(
      "uv.lock",
      "version = 1\n[[package]]\nname = \"me\"\nversion = \"0.1.0\"\n"
      "source = { virtual = \".\" }\ndependencies = [{ name = \"httpx\" }]\n"
      "[package.dev-dependencies]\ndev = [{ name = \"pytest\" }]\n\n"
      "[[package]]\nname = \"httpx\"\nversion = \"0.27.0\"\n"
      "dependencies = [{ name = \"idna\" }]\n\n"
      "[[package]]\nname = \"pytest\"\nversion = \"8.3.0\"\n"
      "dependencies = [{ name = \"iniconfig\" }, { name = \"idna\" }]\n\n"
      "[[package]]\nname = \"idna\"\nversion = \"3.7\"\n\n"
      "[[package]]\nname = \"iniconfig\"\nversion = \"2.0.0\"\n");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_TRUE(find(*parsed, "httpx").direct);
  EXPECT_FALSE(find(*parsed, "httpx").dev);
  EXPECT_TRUE(find(*parsed, "pytest").dev);
  EXPECT_TRUE(find(*parsed, "iniconfig").dev);
  EXPECT_FALSE(find(*parsed, "idna").dev);  // also needed at run time
  EXPECT_EQ(find(*parsed, "idna").dependency_path,
            (std::vector<std::string>{"httpx", "idna"}));
}

TEST(UvLock, LeavesOutTheProjectAndReadsGitSources) {
  auto parsed =
      parse("uv.lock",
            "version = 1\n[[package]]\nname = \"me\"\nversion = \"0.1.0\"\n"
            "source = { editable = \".\" }\n\n"
            "[[package]]\nname = \"ruff\"\nversion = \"0.8.1\"\n"
            "source = { git = \"https://h/ruff#84748be\" }\n\n"
            "[[package]]\nname = \"member\"\nversion = \"0.2.0\"\n"
            "source = { editable = \"packages/member\" }\n");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_FALSE(has(*parsed, "me"));
  EXPECT_EQ(find(*parsed, "ruff").commit, "84748be");
  EXPECT_TRUE(has(*parsed, "member"));
}

}  // namespace
}  // namespace rampart::scan::vuln
