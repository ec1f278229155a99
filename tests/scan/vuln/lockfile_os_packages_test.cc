// SPDX-License-Identifier: Apache-2.0
//
// dpkg status and apk installed databases.
#include <gtest/gtest.h>

#include "scan/vuln/lockfile_test_util.h"

namespace rampart::scan::vuln {
namespace {

using testing::find;
using testing::has;
using testing::parse;

TEST(DpkgStatus, ReportsInstalledPackagesWithTheirSource) {
  auto parsed =
      parse("var/lib/dpkg/status",
            "Package: util-linux-extra\nStatus: install ok installed\n"
            "Source: util-linux (2.38.1-5)\nVersion: 2.38.1-5+b1\n"
            "Description: tools\n more tools\n .\n\n"
            "Package: libacl1\nStatus: install ok installed\n"
            "Source: acl\nVersion: 2.3.1-3\n\n"
            "Package: gone\nStatus: deinstall ok config-files\n"
            "Version: 1.0\n");
  ASSERT_TRUE(parsed.is_ok());
  ASSERT_EQ(parsed->size(), 2u);
  Package extra = find(*parsed, "util-linux-extra");
  EXPECT_EQ(extra.ecosystem, "Debian");
  EXPECT_EQ(extra.version, "2.38.1-5+b1");
  EXPECT_EQ(extra.source_name, "util-linux");
  EXPECT_EQ(extra.source_version, "2.38.1-5");
  EXPECT_EQ(extra.line, 1);
  Package acl = find(*parsed, "libacl1");
  EXPECT_EQ(acl.source_name, "acl");
  EXPECT_EQ(acl.source_version, "");
  EXPECT_EQ(acl.line, 9);
}

TEST(DpkgStatus, StatusDFilesNeedNoStatusField) {
  auto parsed = parse("var/lib/dpkg/status.d/base",
                      "Package: base-files\nVersion: 12.4\n");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_TRUE(has(*parsed, "base-files"));

  auto plain =
      parse("var/lib/dpkg/status", "Package: base-files\nVersion: 12.4\n");
  ASSERT_TRUE(plain.is_ok());
  EXPECT_TRUE(plain->empty());
}

TEST(DpkgStatus, EntriesWithoutNameOrVersionAreSkipped) {
  auto parsed = parse("var/lib/dpkg/status",
                      "Package: a\nStatus: install ok installed\n\n"
                      "Status: install ok installed\nVersion: 1\n");
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_TRUE(parsed->empty());
}

TEST(DpkgStatus, TextThatIsNotADatabaseIsAnError) {
  auto parsed =
      parse("var/lib/dpkg/status", "Package: a\nVersion: 1\n\nflask==1.0\n");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kParseError);
  EXPECT_EQ(parsed.status().location().line, 4);
  EXPECT_EQ(parsed.status().location().file, "var/lib/dpkg/status");
}

TEST(ApkInstalled, ReadsNameVersionOriginAndCommit) {
  auto parsed = parse("lib/apk/db/installed",
                      "C:Q1abc=\nP:libcrypto3\nV:3.1.4-r5\nA:x86_64\n"
                      "o:openssl\nc:0123abcd\n\nP:musl\nV:1.2.4-r2\n\nV:9\n");
  ASSERT_TRUE(parsed.is_ok());
  ASSERT_EQ(parsed->size(), 2u);
  Package crypto = find(*parsed, "libcrypto3", "3.1.4-r5");
  EXPECT_EQ(crypto.ecosystem, "Alpine");
  EXPECT_EQ(crypto.source_name, "openssl");
  EXPECT_EQ(crypto.commit, "0123abcd");
  EXPECT_EQ(crypto.purl, "pkg:apk/alpine/libcrypto3@3.1.4-r5");
  EXPECT_EQ(find(*parsed, "musl").line, 8);
}

TEST(ApkInstalled, MultiLetterKeysAreAnError) {
  auto parsed = parse("lib/apk/db/installed", "P:a\nVersion: 1\n");
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.status().location().line, 2);
}

TEST(OsRelease, NamesTheReleaseAsOsvDoes) {
  const char* status =
      "Package: login\nStatus: install ok installed\nVersion: 1:4.13-1\n";
  auto debian = parse("img/var/lib/dpkg/status", status,
                      {{"img/etc/os-release",
                        "PRETTY_NAME=\"Debian GNU/Linux 12\"\nID=debian\n"
                        "VERSION_ID=\"12\"\n"}});
  ASSERT_TRUE(debian.is_ok());
  EXPECT_EQ(find(*debian, "login").ecosystem, "Debian:12");
  EXPECT_EQ(find(*debian, "login").purl,
            "pkg:deb/debian/login@1%3A4.13-1?distro=debian-12");

  auto ubuntu =
      parse("var/lib/dpkg/status.d/login", "Package: login\nVersion: 1\n",
            {{"usr/lib/os-release", "ID=ubuntu\nVERSION_ID=22.04\n"}});
  ASSERT_TRUE(ubuntu.is_ok());
  EXPECT_EQ(find(*ubuntu, "login").ecosystem, "Ubuntu:22.04");

  auto alpine = parse("lib/apk/db/installed", "P:musl\nV:1.2.4-r2\n",
                      {{"etc/os-release", "ID=alpine\nVERSION_ID=3.18.4\n"}});
  ASSERT_TRUE(alpine.is_ok());
  EXPECT_EQ(find(*alpine, "musl").ecosystem, "Alpine:v3.18");

  auto unknown = parse("lib/apk/db/installed", "P:musl\nV:1.2.4-r2\n");
  ASSERT_TRUE(unknown.is_ok());
  EXPECT_EQ(find(*unknown, "musl").ecosystem, "Alpine");
}

}  // namespace
}  // namespace rampart::scan::vuln
