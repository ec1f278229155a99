// SPDX-License-Identifier: Apache-2.0
//
// Matching checked by hand against real advisories: the whole of
// ../shared/osv is imported once into a temporary store, then packages at
// chosen versions are matched. Each case was worked out by reading the
// record: a version inside a range hits (with the lowest fix above it), the
// fixed version itself misses, `last_affected` hits on the named version
// and misses after it, and withdrawn records never match.
#include "rampart/scan/vuln/matcher.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "rampart/scan/vuln/lockfile.h"
#include "rampart/scan/vuln/store.h"

namespace rampart::scan::vuln {
namespace {

class MatcherOnSharedOsv : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = new std::string(std::filesystem::temp_directory_path().string() +
                            "/rampart-matcher-test-" +
                            std::to_string(::getpid()) + ".db");
    std::filesystem::remove(*path_);
    Result<VulnStore> store =
        VulnStore::open(*path_, VulnStore::Mode::kReadWrite);
    ASSERT_TRUE(store.is_ok()) << store.status().to_string();
    Result<ImportReport> report =
        store->import_path(std::string(RAMPART_SHARED_DIR) + "/osv");
    ASSERT_TRUE(report.is_ok()) << report.status().to_string();
    store_ = new VulnStore(std::move(*store));
  }

  static void TearDownTestSuite() {
    delete store_;
    std::filesystem::remove(*path_);
    delete path_;
  }

  // The match of `advisory` for one package, or nullptr if it does not
  // match.
  std::unique_ptr<VulnMatch> match(const std::string& ecosystem,
                                   const std::string& name,
                                   const std::string& version,
                                   const std::string& advisory) {
    Package package;
    package.ecosystem = ecosystem;
    package.name = name;
    package.version = version;
    Result<MatchReport> report = match_packages(*store_, {package});
    EXPECT_TRUE(report.is_ok()) << report.status().to_string();
    if (!report.is_ok()) return nullptr;
    for (VulnMatch& found : report->matches) {
      if (found.advisory_id == advisory) {
        return std::make_unique<VulnMatch>(std::move(found));
      }
    }
    return nullptr;
  }

  void expect_hit(const std::string& ecosystem, const std::string& name,
                  const std::string& version, const std::string& advisory,
                  const std::string& fix) {
    std::unique_ptr<VulnMatch> found =
        match(ecosystem, name, version, advisory);
    ASSERT_NE(found, nullptr)
        << advisory << " should match " << name << "@" << version;
    EXPECT_EQ(found->fixed_version, fix)
        << advisory << " " << name << "@" << version;
  }

  void expect_miss(const std::string& ecosystem, const std::string& name,
                   const std::string& version, const std::string& advisory) {
    EXPECT_EQ(match(ecosystem, name, version, advisory), nullptr)
        << advisory << " should not match " << name << "@" << version;
  }

  static std::string* path_;
  static VulnStore* store_;
};

std::string* MatcherOnSharedOsv::path_ = nullptr;
VulnStore* MatcherOnSharedOsv::store_ = nullptr;

TEST_F(MatcherOnSharedOsv, PyPIRangesAndNormalisedNames) {
  // PYSEC-2019-17: django 1.11-1.11.18, 2.0-2.0.10, 2.1-2.1.5.
  expect_hit("PyPI", "Django", "2.0.9", "PYSEC-2019-17", "2.0.10");
  expect_hit("PyPI", "django", "1.11.17", "PYSEC-2019-17", "1.11.18");
  expect_miss("PyPI", "django", "2.0.10", "PYSEC-2019-17");
  expect_miss("PyPI", "django", "1.10.8", "PYSEC-2019-17");
  // PYSEC-2021-377: apache-superset below 1.2.0; PEP 503 name spelling.
  expect_hit("PyPI", "Apache_Superset", "1.1.0", "PYSEC-2021-377", "1.2.0");
  expect_miss("PyPI", "apache-superset", "1.2.0", "PYSEC-2021-377");
  // PYSEC-2021-639: tensorflow-gpu, four spans and a GIT range.
  expect_hit("PyPI", "tensorflow-gpu", "2.1.0", "PYSEC-2021-639", "2.2.0rc0");
  expect_hit("PyPI", "tensorflow-gpu", "2.3.3", "PYSEC-2021-639", "2.3.4");
  expect_miss("PyPI", "tensorflow-gpu", "2.2.0rc0", "PYSEC-2021-639");
  expect_miss("PyPI", "tensorflow-gpu", "2.3.4", "PYSEC-2021-639");
  // PYSEC-2021-673: the same package, another advisory, same spans.
  expect_hit("PyPI", "tensorflow_gpu", "2.4.2", "PYSEC-2021-673", "2.4.3");
  // PYSEC-2013-29: pycrypto below 2.6.1.
  expect_hit("PyPI", "pycrypto", "2.6", "PYSEC-2013-29", "2.6.1");
  expect_miss("PyPI", "pycrypto", "2.6.1", "PYSEC-2013-29");
  // PYSEC-2020-252: scalyr-agent-2 below 2.1.10 (2.1.9 < 2.1.10).
  expect_hit("PyPI", "scalyr-agent-2", "2.1.9", "PYSEC-2020-252", "2.1.10");
  expect_miss("PyPI", "scalyr-agent-2", "2.1.10", "PYSEC-2020-252");
  // PYSEC-2022-173: salt below 3002.8; a release candidate of it is below.
  expect_hit("PyPI", "salt", "3002.8rc1", "PYSEC-2022-173", "3002.8");
  expect_miss("PyPI", "salt", "3002.8", "PYSEC-2022-173");
}

TEST_F(MatcherOnSharedOsv, PyPILastAffected) {
  // PYSEC-2022-42969: py, introduced 0, last_affected 1.11.0, no fix.
  expect_hit("PyPI", "py", "1.11.0", "PYSEC-2022-42969", "");
  expect_hit("PyPI", "py", "1.4.0", "PYSEC-2022-42969", "");
  expect_miss("PyPI", "py", "1.11.1", "PYSEC-2022-42969");
}

TEST_F(MatcherOnSharedOsv, GoSemverWithPrefixAndPseudoVersions) {
  // GO-2022-0641: github.com/containers/libpod below 1.7.0.
  expect_hit("Go", "github.com/containers/libpod", "v1.6.4", "GO-2022-0641",
             "1.7.0");
  expect_miss("Go", "github.com/containers/libpod", "v1.7.0", "GO-2022-0641");
  // GO-2022-1066: cheqd-node below 0.6.9.
  expect_hit("Go", "github.com/cheqd/cheqd-node", "v0.6.8", "GO-2022-1066",
             "0.6.9");
  expect_miss("Go", "github.com/cheqd/cheqd-node", "v0.6.10", "GO-2022-1066");
  // GO-2023-1619: answerdev/answer below 1.0.6; a pseudo-version before
  // any tag is affected.
  expect_hit("Go", "github.com/answerdev/answer",
             "v0.0.0-20230101000000-0123456789ab", "GO-2023-1619", "1.0.6");
  expect_miss("Go", "github.com/answerdev/answer", "v1.0.6", "GO-2023-1619");
  // GHSA-qppj-fm5r-hxr3 (HTTP/2 rapid reset): golang.org/x/net below 0.17.0.
  expect_hit("Go", "golang.org/x/net", "v0.16.0", "GHSA-qppj-fm5r-hxr3",
             "0.17.0");
  expect_miss("Go", "golang.org/x/net", "v0.17.0", "GHSA-qppj-fm5r-hxr3");
}

TEST_F(MatcherOnSharedOsv, CratesOpenEndedAndPrereleaseIntroduced) {
  // RUSTSEC-2020-0043: ws, every version, no fix.
  expect_hit("crates.io", "ws", "0.9.2", "RUSTSEC-2020-0043", "");
  // RUSTSEC-2021-0154: fuser below 0.16.0.
  expect_hit("crates.io", "fuser", "0.15.1", "RUSTSEC-2021-0154", "0.16.0");
  expect_miss("crates.io", "fuser", "0.16.0", "RUSTSEC-2021-0154");
  // RUSTSEC-2021-0156: triton-vm from 0.42.0-alpha.4 below 4.0.0.
  expect_hit("crates.io", "triton-vm", "0.42.0", "RUSTSEC-2021-0156", "4.0.0");
  expect_miss("crates.io", "triton-vm", "0.42.0-alpha.3", "RUSTSEC-2021-0156");
  expect_miss("crates.io", "triton-vm", "4.0.0", "RUSTSEC-2021-0156");
  // RUSTSEC-2021-0155: lucet-runtime, every version.
  expect_hit("crates.io", "lucet-runtime", "0.6.1", "RUSTSEC-2021-0155", "");
}

TEST_F(MatcherOnSharedOsv, WithdrawnRecordsNeverMatch) {
  // RUSTSEC-2020-0053 (dirs) and RUSTSEC-2020-0054 (directories) were
  // withdrawn; their ranges would cover every version.
  expect_miss("crates.io", "dirs", "1.0.5", "RUSTSEC-2020-0053");
  expect_miss("crates.io", "directories", "2.0.2", "RUSTSEC-2020-0054");
}

TEST_F(MatcherOnSharedOsv, NpmMultipleAffectedEntries) {
  // GHSA-93q8-gq69-wqmw: ansi-regex, one affected entry per major line.
  expect_hit("npm", "ansi-regex", "5.0.0", "GHSA-93q8-gq69-wqmw", "5.0.1");
  expect_hit("npm", "ansi-regex", "4.1.0", "GHSA-93q8-gq69-wqmw", "4.1.1");
  expect_hit("npm", "ansi-regex", "3.0.0", "GHSA-93q8-gq69-wqmw", "3.0.1");
  expect_miss("npm", "ansi-regex", "5.0.1", "GHSA-93q8-gq69-wqmw");
  expect_miss("npm", "ansi-regex", "2.1.1", "GHSA-93q8-gq69-wqmw");
  // GHSA-35jh-r3h4-6jhm: lodash below 4.17.21; lodash.template up to and
  // including 4.5.0.
  expect_hit("npm", "lodash", "4.17.20", "GHSA-35jh-r3h4-6jhm", "4.17.21");
  expect_miss("npm", "lodash", "4.17.21", "GHSA-35jh-r3h4-6jhm");
  expect_hit("npm", "lodash.template", "4.5.0", "GHSA-35jh-r3h4-6jhm", "");
  expect_miss("npm", "lodash.template", "4.5.1", "GHSA-35jh-r3h4-6jhm");
  // GHSA-29mw-wpgm-hmr9: lodash.trimend from 4.0.0 through 4.5.1.
  expect_hit("npm", "lodash.trimend", "4.5.1", "GHSA-29mw-wpgm-hmr9", "");
  expect_miss("npm", "lodash.trimend", "3.9.3", "GHSA-29mw-wpgm-hmr9");
  expect_miss("npm", "lodash.trimend", "4.5.2", "GHSA-29mw-wpgm-hmr9");
  // GHSA-qrmc-fj45-qfc2: extend below 2.0.2, and 3.0.0 up to 3.0.2.
  expect_hit("npm", "extend", "3.0.1", "GHSA-qrmc-fj45-qfc2", "3.0.2");
  expect_hit("npm", "extend", "1.3.0", "GHSA-qrmc-fj45-qfc2", "2.0.2");
  expect_miss("npm", "extend", "2.0.2", "GHSA-qrmc-fj45-qfc2");
}

TEST_F(MatcherOnSharedOsv, MavenComparableVersionRanges) {
  // GHSA-g8pj-r55q-5c2v: tomcat-coyote 11.0.0-M1..M12 and 10.1.0-M1..10.1.14.
  expect_hit("Maven", "org.apache.tomcat:tomcat-coyote", "11.0.0-M11",
             "GHSA-g8pj-r55q-5c2v", "11.0.0-M12");
  expect_miss("Maven", "org.apache.tomcat:tomcat-coyote", "11.0.0-M12",
              "GHSA-g8pj-r55q-5c2v");
  expect_hit("Maven", "org.apache.tomcat:tomcat-coyote", "10.1.13",
             "GHSA-g8pj-r55q-5c2v", "10.1.14");
  expect_miss("Maven", "org.apache.tomcat:tomcat-coyote", "10.1.14",
              "GHSA-g8pj-r55q-5c2v");
  // GHSA-2fqw-684c-pvp7: io.atomix:atomix through 3.1.5 (last_affected).
  expect_hit("Maven", "io.atomix:atomix", "3.1.5", "GHSA-2fqw-684c-pvp7", "");
  expect_hit("Maven", "io.atomix:atomix", "3.1.0-rc1", "GHSA-2fqw-684c-pvp7",
             "");
  expect_miss("Maven", "io.atomix:atomix", "3.1.6", "GHSA-2fqw-684c-pvp7");
  // GHSA-4jjw-xrr6-9v3p: jetty 6.1.5 up to 6.1.7; 6.1.6rc0 sorts inside.
  expect_hit("Maven", "org.mortbay.jetty:jetty", "6.1.6rc0",
             "GHSA-4jjw-xrr6-9v3p", "6.1.7");
  expect_miss("Maven", "org.mortbay.jetty:jetty", "6.1.4",
              "GHSA-4jjw-xrr6-9v3p");
  expect_miss("Maven", "org.mortbay.jetty:jetty", "6.1.7",
              "GHSA-4jjw-xrr6-9v3p");
  // GHSA-grr4-wv38-f68w: jettison below 1.5.2.
  expect_hit("Maven", "org.codehaus.jettison:jettison", "1.5.1",
             "GHSA-grr4-wv38-f68w", "1.5.2");
  expect_miss("Maven", "org.codehaus.jettison:jettison", "1.5.2",
              "GHSA-grr4-wv38-f68w");
}

TEST_F(MatcherOnSharedOsv, RubyGemsNuGetPackagist) {
  // GHSA-34r7-q49f-h37c: uglifier below 2.7.2.
  expect_hit("RubyGems", "uglifier", "2.7.1", "GHSA-34r7-q49f-h37c", "2.7.2");
  expect_miss("RubyGems", "uglifier", "2.7.2", "GHSA-34r7-q49f-h37c");
  // GHSA-q4m3-2j7h-f7xw: NuGet jQuery 1.2.1 up to 1.9.0; NuGet names are
  // case-insensitive; four-part versions.
  expect_hit("NuGet", "jquery", "1.7.1.1", "GHSA-q4m3-2j7h-f7xw", "1.9.0");
  expect_miss("NuGet", "jQuery", "1.9.0", "GHSA-q4m3-2j7h-f7xw");
  expect_hit("RubyGems", "jquery-rails", "2.1.4", "GHSA-q4m3-2j7h-f7xw",
             "2.2.0");
  // DRUPAL-CORE-2026-001: drupal/core, four spans.
  expect_hit("Packagist", "drupal/core", "10.5.8", "DRUPAL-CORE-2026-001",
             "10.5.9");
  expect_miss("Packagist", "drupal/core", "10.5.9", "DRUPAL-CORE-2026-001");
  expect_hit("Packagist", "drupal/core", "11.2.10", "DRUPAL-CORE-2026-001",
             "11.2.11");
  // DRUPAL-CONTRIB-2021-040 (ecosystem "Packagist:https://packages.drupal.
  // org/8"): drupal/tb_megamenu below 1.4.0.
  expect_hit("Packagist", "drupal/tb_megamenu", "1.3.0",
             "DRUPAL-CONTRIB-2021-040", "1.4.0");
  expect_miss("Packagist", "drupal/tb_megamenu", "1.4.0",
              "DRUPAL-CONTRIB-2021-040");
  // DRUPAL-CONTRIB-2019-065: imagecache_external exactly 1.0.0.
  expect_hit("Packagist", "drupal/imagecache_external", "1.0.0",
             "DRUPAL-CONTRIB-2019-065", "");
  expect_miss("Packagist", "drupal/imagecache_external", "1.0.1",
              "DRUPAL-CONTRIB-2019-065");
}

TEST_F(MatcherOnSharedOsv, JuliaAndHackage) {
  // JLSEC-2026-621: Julia HTTP below 2.4.0 (SEMVER range).
  expect_hit("Julia", "HTTP", "2.3.9", "JLSEC-2026-621", "2.4.0");
  expect_miss("Julia", "HTTP", "2.4.0", "JLSEC-2026-621");
  // HSEC-2023-0004: xml-conduit 0.5.0 up to 1.9.1.0 (dotted numbers).
  expect_hit("Hackage", "xml-conduit", "1.9.0.0", "HSEC-2023-0004", "1.9.1.0");
  expect_miss("Hackage", "xml-conduit", "1.9.1.0", "HSEC-2023-0004");
  expect_miss("Hackage", "xml-conduit", "0.4", "HSEC-2023-0004");
  // HSEC-2023-0015: cabal-install 1.24.0.0 up to 3.10.2.0.
  expect_hit("Hackage", "cabal-install", "3.10.1.0", "HSEC-2023-0015",
             "3.10.2.0");
}

TEST_F(MatcherOnSharedOsv, GhcAndSwiftUrl) {
  // HSEC-2024-0007: ghc 9.2.4 up to 9.2.5, and 9.4.2 up to 9.4.3.
  expect_hit("GHC", "ghc", "9.2.4", "HSEC-2024-0007", "9.2.5");
  expect_miss("GHC", "ghc", "9.2.5", "HSEC-2024-0007");
  expect_miss("GHC", "ghc", "9.4.1", "HSEC-2024-0007");  // between spans
  expect_hit("GHC", "ghc", "9.4.2", "HSEC-2024-0007", "9.4.3");
  // GHSA-qppj-fm5r-hxr3 (HTTP/2 rapid reset) names swift-nio-http2 below
  // 1.28.0 in SwiftURL, next to Go and Maven entries.
  expect_hit("SwiftURL", "github.com/apple/swift-nio-http2", "1.27.0",
             "GHSA-qppj-fm5r-hxr3", "1.28.0");
  expect_miss("SwiftURL", "github.com/apple/swift-nio-http2", "1.28.0",
              "GHSA-qppj-fm5r-hxr3");
}

// go.mod to match: only a `toolchain` line yields the standard library,
// written as golang/vulndb writes versions (pre-releases included).
TEST_F(MatcherOnSharedOsv, GoStdlibComesFromTheToolchainLine) {
  auto stdlib_hit = [&](const std::string& go_mod,
                        const std::string& advisory) {
    Result<std::vector<Package>> packages = parse_inventory("go.mod", go_mod);
    EXPECT_TRUE(packages.is_ok()) << packages.status().to_string();
    Result<MatchReport> report = match_packages(*store_, *packages);
    EXPECT_TRUE(report.is_ok());
    for (const VulnMatch& found : report->matches) {
      if (found.advisory_id == advisory) return found.fixed_version;
    }
    return std::string("(no match)");
  };
  // GO-2025-3420: below 1.22.11, 1.23.0-0 up to 1.23.5, 1.24.0-0 up to
  // 1.24.0-rc.2.
  EXPECT_EQ(
      stdlib_hit("module m\ngo 1.23\ntoolchain go1.23.4\n", "GO-2025-3420"),
      "1.23.5");
  EXPECT_EQ(
      stdlib_hit("module m\ngo 1.23\ntoolchain go1.23.5\n", "GO-2025-3420"),
      "(no match)");
  EXPECT_EQ(stdlib_hit("module m\ntoolchain go1.24rc1\n", "GO-2025-3420"),
            "1.24.0-rc.2");
  EXPECT_EQ(stdlib_hit("module m\ntoolchain go1.24rc2\n", "GO-2025-3420"),
            "(no match)");
  // A bare `go 1.15` is a language version: no stdlib, no stdlib advisory.
  EXPECT_EQ(stdlib_hit("module m\ngo 1.15\n", "GO-2025-3420"), "(no match)");

  // golang/vulndb assigns no severity (no CVSS, no label), so Go findings
  // are UNKNOWN unless an alias in the store (a GHSA record) rates them.
  std::unique_ptr<VulnMatch> unrated =
      match("Go", "stdlib", "1.23.4", "GO-2025-3420");
  ASSERT_NE(unrated, nullptr);
  EXPECT_EQ(unrated->severity, Severity::kUnknown);  // aliases: CVE only
  EXPECT_EQ(unrated->severity_from, "");
}

TEST_F(MatcherOnSharedOsv, SeverityComesFromCvssThenLabel) {
  // GHSA-4jjw-xrr6-9v3p has no CVSS vector, only "MODERATE".
  std::unique_ptr<VulnMatch> labelled =
      match("Maven", "org.mortbay.jetty:jetty", "6.1.6", "GHSA-4jjw-xrr6-9v3p");
  ASSERT_NE(labelled, nullptr);
  EXPECT_EQ(labelled->severity, Severity::kMedium);
  EXPECT_EQ(labelled->score, 0.0);
  // GHSA-grr4-wv38-f68w carries a CVSS v3 vector.
  std::unique_ptr<VulnMatch> scored =
      match("Maven", "org.codehaus.jettison:jettison", "1.5.1",
            "GHSA-grr4-wv38-f68w");
  ASSERT_NE(scored, nullptr);
  EXPECT_FALSE(scored->cvss_vector.empty());
  EXPECT_GT(scored->score, 0.0);
  // GHSA-4x49-vf9v-38px (debug 4.4.2, malicious release) carries only a
  // CVSS v4.0 vector: CVSS-B 8.8.
  std::unique_ptr<VulnMatch> v4 =
      match("npm", "debug", "4.4.2", "GHSA-4x49-vf9v-38px");
  ASSERT_NE(v4, nullptr);
  EXPECT_EQ(v4->severity, Severity::kHigh);
  EXPECT_DOUBLE_EQ(v4->score, 8.8);
  EXPECT_EQ(v4->cvss_vector.rfind("CVSS:4.0/", 0), 0u);
  EXPECT_EQ(v4->fixed_version, "4.4.3");
  expect_miss("npm", "debug", "4.4.3", "GHSA-4x49-vf9v-38px");
  // MAL-2025-46974 (the same release, from the malicious-packages feed)
  // rates nothing itself; it borrows its alias GHSA-4x49-vf9v-38px's.
  std::unique_ptr<VulnMatch> borrowed =
      match("npm", "debug", "4.4.2", "MAL-2025-46974");
  ASSERT_NE(borrowed, nullptr);
  EXPECT_EQ(borrowed->severity, Severity::kHigh);
  EXPECT_DOUBLE_EQ(borrowed->score, 8.8);
  EXPECT_EQ(borrowed->severity_from, "GHSA-4x49-vf9v-38px");
  EXPECT_EQ(v4->severity_from, "");
  // Drupal records carry neither.
  std::unique_ptr<VulnMatch> unknown = match(
      "Packagist", "drupal/tb_megamenu", "1.3.0", "DRUPAL-CONTRIB-2021-040");
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->severity, Severity::kUnknown);
}

TEST_F(MatcherOnSharedOsv, UnpinnedPackagesAreCountedNotMatched) {
  Package unpinned;
  unpinned.ecosystem = "npm";
  unpinned.name = "lodash";
  Result<MatchReport> report = match_packages(*store_, {unpinned});
  ASSERT_TRUE(report.is_ok());
  EXPECT_TRUE(report->matches.empty());
  EXPECT_EQ(report->unpinned, 1u);
}

TEST(EvaluateAffected, GitRangesAreIgnoredAndCounted) {
  OsvAffected affected;
  affected.ecosystem = "PyPI";
  affected.name = "example";
  OsvRange git;
  git.type = OsvRange::Type::kGit;
  git.events = {{OsvEvent::Kind::kIntroduced, "0"},
                {OsvEvent::Kind::kFixed, "abc123"}};
  affected.ranges.push_back(git);
  AffectedVerdict verdict = evaluate_affected(affected, "1.0");
  EXPECT_FALSE(verdict.affected);
  EXPECT_EQ(verdict.git_ranges, 1u);
}

TEST(EvaluateAffected, LimitBoundsTheRange) {
  OsvAffected affected;
  affected.ecosystem = "npm";
  OsvRange range;
  range.type = OsvRange::Type::kSemver;
  range.events = {{OsvEvent::Kind::kIntroduced, "0"},
                  {OsvEvent::Kind::kLimit, "2.0.0"}};
  affected.ranges.push_back(range);
  EXPECT_TRUE(evaluate_affected(affected, "1.9.9").affected);
  EXPECT_FALSE(evaluate_affected(affected, "2.0.0").affected);
}

TEST(EvaluateAffected, UnknownEcosystemMatchesOnlyListedVersions) {
  OsvAffected affected;
  affected.ecosystem = "NoSuchEcosystem";
  OsvRange range;
  range.type = OsvRange::Type::kEcosystem;
  range.events = {{OsvEvent::Kind::kIntroduced, "0"}};
  affected.ranges.push_back(range);
  affected.versions = {"1.0"};
  AffectedVerdict listed = evaluate_affected(affected, "1.0");
  EXPECT_TRUE(listed.affected);
  EXPECT_EQ(listed.unordered_ranges, 1u);
  EXPECT_FALSE(evaluate_affected(affected, "1.1").affected);
}

}  // namespace
}  // namespace rampart::scan::vuln
