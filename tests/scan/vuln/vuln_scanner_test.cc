// SPDX-License-Identifier: Apache-2.0
//
// The "vuln" scanner end to end: lockfiles in a temporary project are
// parsed through the inventory parsers, matched against a store loaded
// from ../shared/osv, and reported as Findings with the documented
// properties; broken lockfiles and a missing store become notes.
#include "rampart/scan/vuln/vuln_scanner.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

#include "rampart/scan/vuln/store.h"

namespace rampart::scan::vuln {
namespace {

namespace fs = std::filesystem;

class VulnScannerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ =
        new fs::path(fs::temp_directory_path() /
                     ("rampart-vuln-scanner-" + std::to_string(::getpid())));
    fs::remove_all(*root_);
    fs::create_directories(*root_ / "project");
    Result<VulnStore> store =
        VulnStore::open(db_path(), VulnStore::Mode::kReadWrite);
    ASSERT_TRUE(store.is_ok());
    ASSERT_TRUE(
        store->import_path(std::string(RAMPART_SHARED_DIR) + "/osv").is_ok());
  }
  static void TearDownTestSuite() {
    fs::remove_all(*root_);
    delete root_;
  }
  static std::string db_path() { return (*root_ / "vuln.db").string(); }

  // Writes a project file and feeds it to the scanner as the walk would.
  void feed(VulnScanner& scanner, const std::string& relative,
            const std::string& content, FindingSink& sink) {
    fs::path path = *root_ / "project" / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << content;
    FileEntry entry;
    entry.path = path.string();
    entry.relative_path = relative;
    entry.size = content.size();
    ASSERT_TRUE(scanner.wants(entry)) << relative;
    scanner.scan_file(entry, content, sink);
  }

  static fs::path* root_;
};

fs::path* VulnScannerTest::root_ = nullptr;

TEST_F(VulnScannerTest, ReportsVulnerableLockedPackages) {
  VulnScanner scanner({db_path()});
  FindingSink sink;
  feed(scanner, "web/package-lock.json", R"({
  "name": "web", "version": "1.0.0", "lockfileVersion": 3,
  "packages": {
    "": {"name": "web", "version": "1.0.0",
         "dependencies": {"lodash": "^4.17.0"}},
    "node_modules/lodash": {"version": "4.17.20"}
  }
})",
       sink);
  feed(scanner, "api/requirements.txt", "Django==2.0.9\nrequests\n", sink);
  scanner.finish(sink);

  const Finding* lodash = nullptr;
  const Finding* django = nullptr;
  for (const Finding& finding : sink.findings()) {
    EXPECT_EQ(finding.scanner, "vuln");
    if (finding.rule_id == "GHSA-35jh-r3h4-6jhm") lodash = &finding;
    if (finding.rule_id == "PYSEC-2019-17") django = &finding;
  }
  ASSERT_NE(lodash, nullptr);
  EXPECT_EQ(lodash->target, "web/package-lock.json");
  EXPECT_EQ(lodash->properties.at("package"), "lodash");
  EXPECT_EQ(lodash->properties.at("installed_version"), "4.17.20");
  EXPECT_EQ(lodash->properties.at("fixed_version"), "4.17.21");
  EXPECT_EQ(lodash->properties.at("ecosystem"), "npm");
  EXPECT_NE(lodash->properties.at("aliases").find("CVE-2021-23337"),
            std::string::npos);
  EXPECT_FALSE(lodash->title.empty());
  EXPECT_FALSE(lodash->fingerprint.empty());
  EXPECT_NE(lodash->remediation.find("4.17.21"), std::string::npos);

  ASSERT_NE(django, nullptr);
  EXPECT_EQ(django->target, "api/requirements.txt");
  EXPECT_EQ(django->properties.at("fixed_version"), "2.0.10");

  // "requests" is unpinned: counted in a note, not matched.
  bool unpinned_noted = false;
  for (const ScanNote& note : sink.notes()) {
    if (note.message.find("no pinned version") != std::string::npos) {
      unpinned_noted = true;
    }
  }
  EXPECT_TRUE(unpinned_noted);
}

TEST_F(VulnScannerTest, BrokenLockfileBecomesANoteNamingIt) {
  VulnScanner scanner({db_path()});
  FindingSink sink;
  feed(scanner, "package-lock.json", "{ this is not json", sink);
  scanner.finish(sink);
  ASSERT_EQ(sink.notes().size(), 1u);
  EXPECT_EQ(sink.notes()[0].target, "package-lock.json");
  EXPECT_EQ(sink.notes()[0].scanner, "vuln");
  EXPECT_TRUE(sink.findings().empty());
}

TEST_F(VulnScannerTest, MissingStoreIsAnErrorNote) {
  VulnScanner scanner({(*root_ / "absent.db").string()});
  FindingSink sink;
  feed(scanner, "requirements.txt", "django==2.0.9\n", sink);
  scanner.finish(sink);
  ASSERT_EQ(sink.notes().size(), 1u);
  EXPECT_EQ(sink.notes()[0].level, ScanNote::Level::kError);
  EXPECT_NE(sink.notes()[0].message.find("rampart db import"),
            std::string::npos);
}

TEST_F(VulnScannerTest, OsPackagesOfAnUnknownReleaseAreNoted) {
  VulnScanner scanner({db_path()});
  FindingSink sink;
  std::string status =
      "Package: libc6\nStatus: install ok installed\nSource: glibc\n"
      "Version: 2.36-9\n\nPackage: bash\nStatus: install ok installed\n"
      "Version: 5.2-2\n";
  feed(scanner, "rootfs/var/lib/dpkg/status", status, sink);
  // With a release file in the image, its packages name the release.
  fs::create_directories(*root_ / "project/named/etc");
  std::ofstream(*root_ / "project/named/etc/debian_version") << "12.5\n";
  feed(scanner, "named/var/lib/dpkg/status", status, sink);
  scanner.finish(sink);

  std::vector<std::string> messages;
  for (const ScanNote& note : sink.notes()) messages.push_back(note.message);
  EXPECT_EQ(messages, (std::vector<std::string>{
                          "2 OS packages have no known distribution release "
                          "(no etc/os-release VERSION_ID or release file); "
                          "they were checked against the advisories of every "
                          "release"}));
  for (const Package& package : scanner.packages()) {
    bool named = package.source_file.rfind("named/", 0) == 0;
    EXPECT_EQ(package.ecosystem, named ? "Debian:12" : "Debian");
  }
}

TEST_F(VulnScannerTest, IgnoresFilesThatAreNotInventories) {
  VulnScanner scanner({db_path()});
  FileEntry entry;
  entry.relative_path = "src/main.go";
  EXPECT_FALSE(scanner.wants(entry));
  EXPECT_EQ(scanner.name(), "vuln");
}

TEST(FindingForMatch, NamesTheSourcePackageOfOsPackages) {
  VulnMatch match;
  match.package.ecosystem = "Debian:11";
  match.package.name = "bsdutils";
  match.package.version = "1:2.36.1-8+deb11u1";
  match.package.source_name = "util-linux";
  match.package.source_version = "2.36.1-8+deb11u1";
  match.package.source_file = "var/lib/dpkg/status";
  match.advisory_id = "DSA-0000-1";
  match.fixed_version = "2.36.1-8+deb11u2";
  Finding finding = finding_for_match(match);
  EXPECT_EQ(finding.message,
            "bsdutils@1:2.36.1-8+deb11u1 (from source package util-linux "
            "2.36.1-8+deb11u1) is affected by DSA-0000-1; fixed in "
            "util-linux 2.36.1-8+deb11u2");
  EXPECT_EQ(finding.remediation,
            "upgrade bsdutils to the build of source package util-linux "
            "2.36.1-8+deb11u2 or later");
  EXPECT_EQ(finding.properties["package"], "bsdutils");
  EXPECT_EQ(finding.properties["source_package"], "util-linux");
  EXPECT_EQ(finding.properties["source_version"], "2.36.1-8+deb11u1");
}

}  // namespace
}  // namespace rampart::scan::vuln
