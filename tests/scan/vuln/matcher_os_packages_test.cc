// SPDX-License-Identifier: Apache-2.0
//
// OS packages matched by their source package. The inventories are the
// dpkg and apk databases of ../shared/corpora/lockfiles, read in place (with
// an os-release or release file added beside them in a temporary image root
// where a release is needed). ../shared/osv holds no Debian or Alpine
// records, so the advisories here are small OSV records written for this
// test in the shape osv.dev publishes for those distributions: keyed by
// source package, one affected entry per release, ECOSYSTEM ranges.
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

#include "rampart/base/file.h"
#include "rampart/scan/vuln/lockfile.h"
#include "rampart/scan/vuln/matcher.h"
#include "rampart/scan/vuln/store.h"

namespace rampart::scan::vuln {
namespace {

namespace fs = std::filesystem;

const std::string kCorpus =
    std::string(RAMPART_SHARED_DIR) + "/corpora/lockfiles/";

// One affected entry: ecosystem, source package, fixed version ("" for
// none).
struct Entry {
  const char* ecosystem;
  const char* name;
  const char* fixed;
};

std::string record_json(const std::string& id,
                        const std::vector<Entry>& entries) {
  std::string affected;
  for (const Entry& entry : entries) {
    if (!affected.empty()) affected += ",";
    std::string events = R"({"introduced": "0"})";
    if (entry.fixed[0] != '\0') {
      events += std::string(R"(, {"fixed": ")") + entry.fixed + "\"}";
    }
    affected += std::string(R"({"package": {"ecosystem": ")") +
                entry.ecosystem + R"(", "name": ")" + entry.name +
                R"("}, "ranges": [{"type": "ECOSYSTEM", "events": [)" + events +
                "]}]}";
  }
  return R"({"id": ")" + id +
         R"(", "modified": "2026-01-01T00:00:00Z", )"
         R"("summary": "test advisory", "affected": [)" +
         affected + "]}";
}

class OsPackageMatching : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new fs::path(fs::temp_directory_path() /
                         ("rampart-os-match-" + std::to_string(::getpid())));
    fs::remove_all(*root_);
    fs::create_directories(*root_ / "records");
    auto write = [](const std::string& id, const std::vector<Entry>& e) {
      std::ofstream(*root_ / "records" / (id + ".json")) << record_json(id, e);
    };
    // util-linux in bullseye: fixed after the installed source version,
    // and one fixed exactly at it.
    write("TEST-DEB-UTIL-1", {{"Debian:11", "util-linux", "2.36.1-8+deb11u2"}});
    write("TEST-DEB-UTIL-2", {{"Debian:11", "util-linux", "2.36.1-8+deb11u1"}});
    // glibc: bullseye entry affects 2.31-13+deb11u5, bookworm entry only
    // versions below 2.31 (so a bookworm package of that version is not).
    write("TEST-DEB-GLIBC-1", {{"Debian:11", "glibc", "2.31-13+deb11u6"},
                               {"Debian:12", "glibc", "2.31-1"}});
    // Only bookworm is affected.
    write("TEST-DEB-GLIBC-2", {{"Debian:12", "glibc", "2.36-9+deb12u4"}});
    // An advisory (wrongly) naming the binary package is not looked up.
    write("TEST-DEB-LIBC6", {{"Debian:11", "libc6", ""}});
    // lvm2 keyed by the source version of dmeventd; the same fix in
    // another release and in Ubuntu Pro, which an 18.04 image must not meet.
    write("TEST-UBU-LVM2",
          {{"Ubuntu:18.04:LTS", "lvm2", "2.02.176-4.1ubuntu4"}});
    write("TEST-UBU-LVM2-PRO",
          {{"Ubuntu:Pro:18.04:LTS", "lvm2", "2.02.176-4.1ubuntu4"},
           {"Ubuntu:20.04:LTS", "lvm2", "2.02.176-4.1ubuntu4"}});
    // openssl in Alpine 3.18 (installed 3.1.0-r4) and 3.17.
    write("TEST-APK-SSL-1", {{"Alpine:v3.18", "openssl", "3.1.1-r0"}});
    write("TEST-APK-SSL-2", {{"Alpine:v3.18", "openssl", "3.1.0-r4"}});
    write("TEST-APK-SSL-3", {{"Alpine:v3.17", "openssl", "3.1.1-r0"}});

    Result<VulnStore> store = VulnStore::open((*root_ / "vuln.db").string(),
                                              VulnStore::Mode::kReadWrite);
    ASSERT_TRUE(store.is_ok()) << store.status().to_string();
    Result<ImportReport> report =
        store->import_path((*root_ / "records").string());
    ASSERT_TRUE(report.is_ok()) << report.status().to_string();
    ASSERT_EQ(report->imported, 10u);
    store_ = new VulnStore(std::move(*store));
  }

  static void TearDownTestSuite() {
    delete store_;
    fs::remove_all(*root_);
    delete root_;
  }

  // Parses a corpus database as if it sat at `relative` in an image root
  // holding `files` (path relative to the root -> content).
  static std::vector<Package> inventory(
      const std::string& corpus_file, const std::string& relative,
      const std::map<std::string, std::string>& files = {}) {
    Result<std::string> content = read_file(kCorpus + corpus_file);
    EXPECT_TRUE(content.is_ok()) << content.status().to_string();
    fs::path image = *root_ / "image";
    fs::remove_all(image);
    for (const auto& [path, text] : files) {
      fs::create_directories((image / path).parent_path());
      std::ofstream(image / path) << text;
    }
    Result<std::vector<Package>> packages = parse_inventory(
        relative, *content, directory_sibling_reader(image.string()));
    EXPECT_TRUE(packages.is_ok()) << packages.status().to_string();
    return packages.is_ok() ? *packages : std::vector<Package>();
  }

  // "package advisory" for every match, sorted by the matcher's order.
  static std::vector<std::string> hits(const std::vector<Package>& packages,
                                       MatchReport* out = nullptr) {
    Result<MatchReport> report = match_packages(*store_, packages);
    EXPECT_TRUE(report.is_ok()) << report.status().to_string();
    std::vector<std::string> lines;
    if (!report.is_ok()) return lines;
    for (const VulnMatch& match : report->matches) {
      lines.push_back(match.package.name + " " + match.advisory_id + " " +
                      match.fixed_version);
    }
    if (out != nullptr) *out = std::move(*report);
    return lines;
  }

  static fs::path* root_;
  static VulnStore* store_;
};

fs::path* OsPackageMatching::root_ = nullptr;
VulnStore* OsPackageMatching::store_ = nullptr;

using Lines = std::vector<std::string>;

TEST_F(OsPackageMatching, DebianBinaryPackagesMatchBySourceOfTheirRelease) {
  std::vector<Package> packages =
      inventory("dpkg-status/multiple_status", "var/lib/dpkg/status",
                {{"etc/os-release", "ID=debian\nVERSION_ID=\"11\"\n"}});
  MatchReport report;
  // bsdutils 1:2.36.1-8+deb11u1 is util-linux 2.36.1-8+deb11u1: below the
  // first fix, at the second (a miss). Compared by its binary version, the
  // epoch would have hidden the hit. libc6 has no source version, so its
  // binary version stands for glibc's; the Debian:12-only advisory and the
  // one naming the binary package do not apply.
  EXPECT_EQ(hits(packages, &report),
            (Lines{"bsdutils TEST-DEB-UTIL-1 2.36.1-8+deb11u2",
                   "libc6 TEST-DEB-GLIBC-1 2.31-13+deb11u6"}));
  EXPECT_EQ(report.os_without_release, 0u);
  EXPECT_EQ(report.matches[0].package.ecosystem, "Debian:11");
  EXPECT_EQ(report.matches[0].package.source_name, "util-linux");
}

TEST_F(OsPackageMatching, DebianReleaseFromDebianVersionFile) {
  std::vector<Package> packages =
      inventory("dpkg-status/multiple_status", "var/lib/dpkg/status",
                {{"etc/debian_version", "12.4\n"}});
  ASSERT_FALSE(packages.empty());
  EXPECT_EQ(packages[0].ecosystem, "Debian:12");
  // In bookworm libc6 2.31-13+deb11u5 is past the Debian:12 fix of
  // TEST-DEB-GLIBC-1 and below that of TEST-DEB-GLIBC-2.
  EXPECT_EQ(hits(packages), (Lines{"libc6 TEST-DEB-GLIBC-2 2.36-9+deb12u4"}));
}

TEST_F(OsPackageMatching, UnknownReleaseMeetsEveryReleaseAndIsCounted) {
  std::vector<Package> packages =
      inventory("dpkg-status/multiple_status", "var/lib/dpkg/status");
  ASSERT_FALSE(packages.empty());
  EXPECT_EQ(packages[0].ecosystem, "Debian");
  MatchReport report;
  EXPECT_EQ(hits(packages, &report),
            (Lines{"bsdutils TEST-DEB-UTIL-1 2.36.1-8+deb11u2",
                   "libc6 TEST-DEB-GLIBC-1 2.31-13+deb11u6",
                   "libc6 TEST-DEB-GLIBC-2 2.36-9+deb12u4"}));
  EXPECT_EQ(report.os_without_release, packages.size());
}

TEST_F(OsPackageMatching, SourceVersionOverridesTheBinaryVersion) {
  // dmeventd 2:1.02.145-4.1ubuntu3 comes from lvm2 2.02.176-4.1ubuntu3.
  // Ubuntu 18.04 meets "Ubuntu:18.04:LTS", not Pro's or 20.04's entries.
  std::vector<Package> packages =
      inventory("dpkg-status/source_ver_override_status", "var/lib/dpkg/status",
                {{"etc/os-release", "ID=ubuntu\nVERSION_ID=\"18.04\"\n"}});
  ASSERT_FALSE(packages.empty());
  EXPECT_EQ(packages[0].ecosystem, "Ubuntu:18.04");
  EXPECT_EQ(hits(packages),
            (Lines{"dmeventd TEST-UBU-LVM2 2.02.176-4.1ubuntu4"}));
}

TEST_F(OsPackageMatching, AlpineSubpackagesMatchByOrigin) {
  std::vector<Package> packages =
      inventory("apk-installed/installed", "lib/apk/db/installed",
                {{"etc/alpine-release", "3.18.2\n"}});
  ASSERT_FALSE(packages.empty());
  EXPECT_EQ(packages[0].ecosystem, "Alpine:v3.18");
  // libcrypto3 and libssl3 3.1.0-r4 come from openssl: both hit the 3.18
  // advisory fixed in 3.1.1-r0, neither the one fixed at 3.1.0-r4 nor the
  // 3.17 one.
  EXPECT_EQ(hits(packages), (Lines{"libcrypto3 TEST-APK-SSL-1 3.1.1-r0",
                                   "libssl3 TEST-APK-SSL-1 3.1.1-r0"}));
}

TEST_F(OsPackageMatching, AlpineOsReleaseWinsOverReleaseFile) {
  std::vector<Package> packages =
      inventory("apk-installed/installed", "lib/apk/db/installed",
                {{"etc/os-release", "ID=alpine\nVERSION_ID=3.17.5\n"},
                 {"etc/alpine-release", "3.18.2\n"}});
  EXPECT_EQ(hits(packages), (Lines{"libcrypto3 TEST-APK-SSL-3 3.1.1-r0",
                                   "libssl3 TEST-APK-SSL-3 3.1.1-r0"}));
}

TEST(AdvisoryKey, UsesTheSourceOnlyForOsPackages) {
  Package deb;
  deb.ecosystem = "Debian:12";
  deb.name = "bsdutils";
  deb.version = "1:2.38.1-5+b1";
  deb.source_name = "util-linux";
  deb.source_version = "2.38.1-5";
  AdvisoryKey key = advisory_key(deb);
  EXPECT_EQ(key.name, "util-linux");
  EXPECT_EQ(key.version, "2.38.1-5");
  EXPECT_TRUE(key.from_source);

  deb.source_version.clear();
  EXPECT_EQ(advisory_key(deb).version, "1:2.38.1-5+b1");

  Package apk;
  apk.ecosystem = "Alpine";
  apk.name = "libssl3";
  apk.version = "3.1.0-r4";
  apk.source_name = "openssl";
  apk.source_version = "9.9";  // apk has no source version; ignored
  EXPECT_EQ(advisory_key(apk).name, "openssl");
  EXPECT_EQ(advisory_key(apk).version, "3.1.0-r4");

  Package npm;
  npm.ecosystem = "npm";
  npm.name = "qs";
  npm.version = "6.5.2";
  npm.source_name = "ignored";
  EXPECT_EQ(advisory_key(npm).name, "qs");
  EXPECT_FALSE(advisory_key(npm).from_source);
}

}  // namespace
}  // namespace rampart::scan::vuln
