// SPDX-License-Identifier: Apache-2.0
//
// Ecosystem-to-scheme mapping and hostile-input behaviour of the version
// comparators; the orderings themselves are checked against the shared
// corpora in version_corpus_test.cc.
#include "rampart/scan/vuln/version.h"

#include <string>

#include <gtest/gtest.h>

namespace rampart::scan::vuln {
namespace {

TEST(VersionScheme, MapsOsvEcosystems) {
  EXPECT_EQ(scheme_for_ecosystem("npm"), VersionScheme::kSemver);
  EXPECT_EQ(scheme_for_ecosystem("Go"), VersionScheme::kSemver);
  EXPECT_EQ(scheme_for_ecosystem("crates.io"), VersionScheme::kSemver);
  EXPECT_EQ(scheme_for_ecosystem("PyPI"), VersionScheme::kPep440);
  EXPECT_EQ(scheme_for_ecosystem("Maven"), VersionScheme::kMaven);
  EXPECT_EQ(scheme_for_ecosystem("NuGet"), VersionScheme::kNuGet);
  EXPECT_EQ(scheme_for_ecosystem("Debian:12"), VersionScheme::kDebian);
  EXPECT_EQ(scheme_for_ecosystem("Alpine:v3.19"), VersionScheme::kAlpine);
  EXPECT_EQ(scheme_for_ecosystem("Packagist:https://packages.drupal.org/8"),
            VersionScheme::kPackagist);
  EXPECT_EQ(scheme_for_ecosystem("Red Hat"), VersionScheme::kRpm);
  EXPECT_EQ(scheme_for_ecosystem("Hackage"), VersionScheme::kDotted);
  EXPECT_FALSE(scheme_for_ecosystem("NoSuchEcosystem").has_value());
}

TEST(VersionCompare, GoPseudoVersionSortsBeforeItsRelease) {
  EXPECT_LT(compare_semver("v0.0.0-20210101000000-abcdefabcdef", "v0.0.1"), 0);
  EXPECT_LT(compare_semver("v1.2.4-0.20210101000000-abcdefabcdef", "v1.2.4"),
            0);
  EXPECT_GT(compare_semver("v1.2.4-0.20210101000000-abcdefabcdef", "v1.2.3"),
            0);
  EXPECT_EQ(compare_semver("v2.0.0+incompatible", "2.0.0"), 0);
}

TEST(VersionCompare, Pep440NormalisesSpellings) {
  EXPECT_EQ(compare_pep440("1.0-ALPHA.1", "1.0a1"), 0);
  EXPECT_EQ(compare_pep440("1.0.post", "1.0.post0"), 0);
  EXPECT_EQ(compare_pep440("v1.0", "1.0.0"), 0);
  EXPECT_LT(compare_pep440("1.0rc1", "1.0"), 0);
  EXPECT_LT(compare_pep440("1.0", "1.0.post1"), 0);
  EXPECT_LT(compare_pep440("1!0.1", "2!0.0"), 0);
  EXPECT_GT(compare_pep440("1!0.1", "99.0"), 0);
}

TEST(VersionCompare, DebianTildeSortsBeforeRelease) {
  EXPECT_LT(compare_dpkg("1.0~rc1-1", "1.0-1"), 0);
  EXPECT_GT(compare_dpkg("1:0.9-1", "2.0-1"), 0);
  EXPECT_LT(compare_dpkg("2.36.1-8", "2.36.1-8+deb12u1"), 0);
}

TEST(VersionCompare, HugeNumbersDoNotOverflow) {
  std::string big(400, '9');
  std::string bigger = "1" + big;
  for (auto compare :
       {compare_semver, compare_nuget, compare_pep440, compare_maven,
        compare_rubygems, compare_packagist, compare_dpkg, compare_apk,
        compare_rpm, compare_dotted}) {
    EXPECT_LT(compare(big, bigger), 0);
    EXPECT_GT(compare(bigger, big), 0);
    EXPECT_EQ(compare(big, big), 0);
  }
}

TEST(VersionCompare, HostileInputIsOrderedWithoutFailing) {
  std::string dashes(100000, '-');
  std::string mixed;
  for (int i = 0; i < 20000; ++i) mixed += "a1-";
  for (auto compare :
       {compare_semver, compare_nuget, compare_pep440, compare_maven,
        compare_rubygems, compare_packagist, compare_dpkg, compare_apk,
        compare_rpm, compare_dotted}) {
    EXPECT_EQ(compare(dashes, dashes), 0);
    EXPECT_EQ(compare(mixed, mixed), 0);
    EXPECT_EQ(compare("", ""), 0);
    (void)compare(mixed, dashes);
    (void)compare("", "\xff\x00\x01");
  }
}

}  // namespace
}  // namespace rampart::scan::vuln
