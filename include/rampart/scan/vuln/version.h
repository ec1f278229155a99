// SPDX-License-Identifier: Apache-2.0
//
// Version ordering per package ecosystem, as each package manager defines
// it: the vulnerability matcher asks "is the installed version inside this
// advisory's range?", and the answer is only as good as this comparison.
//
// Schemes and what they follow:
//   kSemver     SemVer 2.0 precedence (npm, crates.io, Go with its "v" prefix
//               and pseudo-versions, Pub, Hex, ...); build metadata ignored.
//   kNuGet      NuGet's SemVer: four numeric parts, case-insensitive labels.
//   kPep440     PyPI, PEP 440 (epochs, pre/post/dev, local); versions that
//               PEP 440 rejects sort before all valid ones, as pip's old
//               "legacy" versions did.
//   kMaven      Maven's ComparableVersion (token lists, qualifiers).
//   kRubyGems   Gem::Version (numeric and string segments, "-" = ".pre.").
//   kPackagist  PHP version_compare() on Composer-canonicalised strings.
//   kDebian     dpkg (epoch, upstream, revision, '~' sorts first).
//   kAlpine     apk-tools (digits, letter, _suffix, -rN).
//   kRpm        rpmvercmp on epoch:version-release ('~' and '^').
//   kDotted     plain dotted numbers, shorter prefix first (Hackage, GHC).
//
// Input is untrusted text from lockfiles and advisories. Every comparator
// accepts any byte string without failing: numbers of any length compare by
// their digits (no overflow), and malformed versions get a defined, stable
// place in the order. Functions are pure and thread-safe.
#pragma once

#include <optional>
#include <string_view>

namespace rampart::scan::vuln {

enum class VersionScheme {
  kSemver,
  kNuGet,
  kPep440,
  kMaven,
  kRubyGems,
  kPackagist,
  kDebian,
  kAlpine,
  kRpm,
  kDotted,
};

// The scheme for an OSV ecosystem name ("PyPI", "Debian:12", "npm", ...);
// the suffix after ':' is ignored. nullopt for ecosystems whose ordering
// rampart does not know: those match only by explicit `versions` lists.
std::optional<VersionScheme> scheme_for_ecosystem(std::string_view ecosystem);

// Negative, zero or positive as `a` sorts before, equal to or after `b`.
int compare_versions(VersionScheme scheme, std::string_view a,
                     std::string_view b);

// The individual comparators, for tests and benchmarks.
int compare_semver(std::string_view a, std::string_view b);
int compare_nuget(std::string_view a, std::string_view b);
int compare_pep440(std::string_view a, std::string_view b);
int compare_maven(std::string_view a, std::string_view b);
int compare_rubygems(std::string_view a, std::string_view b);
int compare_packagist(std::string_view a, std::string_view b);
int compare_dpkg(std::string_view a, std::string_view b);
int compare_apk(std::string_view a, std::string_view b);
int compare_rpm(std::string_view a, std::string_view b);
int compare_dotted(std::string_view a, std::string_view b);

// Compares two runs of ASCII digits as unbounded non-negative integers
// (leading zeros ignored; an empty run is zero). Shared by the comparators.
int compare_digit_runs(std::string_view a, std::string_view b);

}  // namespace rampart::scan::vuln
