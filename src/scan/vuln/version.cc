// SPDX-License-Identifier: Apache-2.0
//
// Picks the version ordering for an OSV ecosystem and holds the helpers the
// per-scheme comparators share (unbounded digit comparison, dotted numbers).
// Pure functions over untrusted text; nothing here can fail or allocate.
#include "rampart/scan/vuln/version.h"

#include <array>
#include <utility>

namespace rampart::scan::vuln {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct EcosystemScheme {
  std::string_view ecosystem;
  VersionScheme scheme;
};

// OSV ecosystem names (https://ossf.github.io/osv-schema/), before any ':'.
constexpr std::array<EcosystemScheme, 22> kSchemes = {{
    {"npm", VersionScheme::kSemver},
    {"crates.io", VersionScheme::kSemver},
    {"Go", VersionScheme::kSemver},
    {"Hex", VersionScheme::kSemver},
    {"Pub", VersionScheme::kSemver},
    {"SwiftURL", VersionScheme::kSemver},
    {"Julia", VersionScheme::kSemver},
    {"Bitnami", VersionScheme::kSemver},
    {"NuGet", VersionScheme::kNuGet},
    {"PyPI", VersionScheme::kPep440},
    {"Maven", VersionScheme::kMaven},
    {"RubyGems", VersionScheme::kRubyGems},
    {"Packagist", VersionScheme::kPackagist},
    {"Debian", VersionScheme::kDebian},
    {"Ubuntu", VersionScheme::kDebian},
    {"Alpine", VersionScheme::kAlpine},
    {"Wolfi", VersionScheme::kAlpine},
    {"Chainguard", VersionScheme::kAlpine},
    {"Red Hat", VersionScheme::kRpm},
    {"Rocky Linux", VersionScheme::kRpm},
    {"AlmaLinux", VersionScheme::kRpm},
    {"Hackage", VersionScheme::kDotted},
}};

}  // namespace

std::optional<VersionScheme> scheme_for_ecosystem(std::string_view ecosystem) {
  std::string_view base = ecosystem.substr(0, ecosystem.find(':'));
  if (base == "GHC") return VersionScheme::kDotted;
  if (base == "openSUSE" || base == "SUSE") return VersionScheme::kRpm;
  for (const EcosystemScheme& entry : kSchemes) {
    if (entry.ecosystem == base) return entry.scheme;
  }
  return std::nullopt;
}

int compare_versions(VersionScheme scheme, std::string_view a,
                     std::string_view b) {
  switch (scheme) {
    case VersionScheme::kSemver:
      return compare_semver(a, b);
    case VersionScheme::kNuGet:
      return compare_nuget(a, b);
    case VersionScheme::kPep440:
      return compare_pep440(a, b);
    case VersionScheme::kMaven:
      return compare_maven(a, b);
    case VersionScheme::kRubyGems:
      return compare_rubygems(a, b);
    case VersionScheme::kPackagist:
      return compare_packagist(a, b);
    case VersionScheme::kDebian:
      return compare_dpkg(a, b);
    case VersionScheme::kAlpine:
      return compare_apk(a, b);
    case VersionScheme::kRpm:
      return compare_rpm(a, b);
    case VersionScheme::kDotted:
      return compare_dotted(a, b);
  }
  return 0;
}

int compare_digit_runs(std::string_view a, std::string_view b) {
  // Leading zeros carry no value; after them the longer run is larger and
  // runs of equal length compare like strings.
  while (!a.empty() && a.front() == '0') a.remove_prefix(1);
  while (!b.empty() && b.front() == '0') b.remove_prefix(1);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int order = a.compare(b);
  return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

namespace {

// Takes the next run of digits from `text`, skipping one separator before
// it; an absent component reads as an empty run, i.e. zero.
std::string_view next_number(std::string_view& text) {
  while (!text.empty() && !is_digit(text.front())) text.remove_prefix(1);
  size_t end = 0;
  while (end < text.size() && is_digit(text[end])) ++end;
  std::string_view run = text.substr(0, end);
  text.remove_prefix(end);
  return run;
}

}  // namespace

int compare_dotted(std::string_view a, std::string_view b) {
  // Haskell's Data.Version: lists of numbers, a proper prefix sorts first.
  while (true) {
    std::string_view left = next_number(a);
    std::string_view right = next_number(b);
    if (left.empty() || right.empty()) {
      return left.empty() == right.empty() ? 0 : (left.empty() ? -1 : 1);
    }
    int order = compare_digit_runs(left, right);
    if (order != 0) return order;
  }
}

}  // namespace rampart::scan::vuln
