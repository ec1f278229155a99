// SPDX-License-Identifier: Apache-2.0
//
// OSV range evaluation and inventory matching; see matcher.h.
#include "rampart/scan/vuln/matcher.h"

#include <algorithm>
#include <optional>

#include "rampart/scan/vuln/version.h"

namespace rampart::scan::vuln {

namespace {

// Sorts events by version; at equal versions an `introduced` comes first,
// so "introduced X, fixed X" (an empty span) stays empty.
std::vector<const OsvEvent*> sorted_events(const OsvRange& range,
                                           VersionScheme scheme) {
  std::vector<const OsvEvent*> events;
  for (const OsvEvent& event : range.events) {
    if (event.kind != OsvEvent::Kind::kLimit) events.push_back(&event);
  }
  auto key_is_zero = [](const OsvEvent* event) {
    return event->kind == OsvEvent::Kind::kIntroduced && event->version == "0";
  };
  std::stable_sort(
      events.begin(), events.end(), [&](const OsvEvent* a, const OsvEvent* b) {
        if (key_is_zero(a) || key_is_zero(b)) {
          return key_is_zero(a) && !key_is_zero(b);
        }
        int order = compare_versions(scheme, a->version, b->version);
        if (order != 0) return order < 0;
        return a->kind == OsvEvent::Kind::kIntroduced &&
               b->kind != OsvEvent::Kind::kIntroduced;
      });
  return events;
}

// True when `version` is below every `limit` of the range (or there is
// none).
bool within_limits(const OsvRange& range, VersionScheme scheme,
                   std::string_view version) {
  for (const OsvEvent& event : range.events) {
    if (event.kind != OsvEvent::Kind::kLimit) continue;
    if (event.version == "*") continue;
    if (compare_versions(scheme, version, event.version) >= 0) return false;
  }
  return true;
}

bool range_affects(const OsvRange& range, VersionScheme scheme,
                   std::string_view version) {
  if (!within_limits(range, scheme, version)) return false;
  bool affected = false;
  for (const OsvEvent* event : sorted_events(range, scheme)) {
    bool is_zero = event->version == "0";
    switch (event->kind) {
      case OsvEvent::Kind::kIntroduced:
        if (is_zero || compare_versions(scheme, version, event->version) >= 0) {
          affected = true;
        }
        break;
      case OsvEvent::Kind::kFixed:
        if (compare_versions(scheme, version, event->version) >= 0) {
          affected = false;
        }
        break;
      case OsvEvent::Kind::kLastAffected:
        if (compare_versions(scheme, version, event->version) > 0) {
          affected = false;
        }
        break;
      case OsvEvent::Kind::kLimit:
        break;
    }
  }
  return affected;
}

// The lowest `fixed` event of the range above `version`, if lower than
// `best`.
void lowest_fix_above(const OsvRange& range, VersionScheme scheme,
                      std::string_view version, std::string& best) {
  for (const OsvEvent& event : range.events) {
    if (event.kind != OsvEvent::Kind::kFixed) continue;
    if (compare_versions(scheme, event.version, version) <= 0) continue;
    if (best.empty() || compare_versions(scheme, event.version, best) < 0) {
      best = event.version;
    }
  }
}

std::optional<VersionScheme> range_scheme(const OsvRange& range,
                                          std::string_view ecosystem) {
  if (range.type == OsvRange::Type::kSemver) return VersionScheme::kSemver;
  return scheme_for_ecosystem(ecosystem);
}

// "Debian:12" advisories apply to a "Debian:12" package; a package without
// a release ("Debian") is checked against every release.
bool same_ecosystem(std::string_view package, std::string_view affected) {
  if (package.find(':') == std::string_view::npos ||
      affected.find(':') == std::string_view::npos) {
    return base_ecosystem(package) == base_ecosystem(affected);
  }
  return package == affected;
}

}  // namespace

bool is_os_ecosystem(std::string_view ecosystem) {
  std::string_view base = base_ecosystem(ecosystem);
  return base == "Debian" || base == "Ubuntu" || base == "Alpine";
}

AdvisoryKey advisory_key(const Package& package) {
  if (!is_os_ecosystem(package.ecosystem) || package.source_name.empty()) {
    return {package.name, package.version, false};
  }
  bool dpkg = base_ecosystem(package.ecosystem) != "Alpine";
  std::string_view version = dpkg && !package.source_version.empty()
                                 ? package.source_version
                                 : package.version;
  return {package.source_name, version, true};
}

AffectedVerdict evaluate_affected(const OsvAffected& affected,
                                  std::string_view version) {
  AffectedVerdict verdict;
  for (const std::string& listed : affected.versions) {
    if (listed == version) verdict.affected = true;
  }

  for (const OsvRange& range : affected.ranges) {
    if (range.type == OsvRange::Type::kGit) {
      ++verdict.git_ranges;
      continue;
    }
    std::optional<VersionScheme> scheme =
        range_scheme(range, affected.ecosystem);
    if (!scheme) {
      ++verdict.unordered_ranges;
      continue;
    }
    if (range_affects(range, *scheme, version)) verdict.affected = true;
    lowest_fix_above(range, *scheme, version, verdict.fixed_version);
  }
  if (!verdict.affected) verdict.fixed_version.clear();
  return verdict;
}

namespace {

VulnMatch make_match(const Package& package, const StoredAdvisory& advisory,
                     std::string fixed_version) {
  VulnMatch match;
  match.package = package;
  match.advisory_id = advisory.id;
  match.aliases = advisory.aliases;
  match.summary = advisory.summary;
  match.severity = advisory.severity;
  match.score = advisory.score;
  match.cvss_vector = advisory.vector;
  match.fixed_version = std::move(fixed_version);
  match.references = advisory.references;
  return match;
}

// Evaluates every affected entry of the advisory that names this package;
// the lowest fix across entries wins.
Status match_advisory(VulnStore& store, const Package& package,
                      std::string_view version, StoredAdvisory& advisory,
                      MatchReport& report) {
  bool affected = false;
  std::string fix;
  for (const OsvAffected& entry : advisory.affected) {
    if (!same_ecosystem(package.ecosystem, entry.ecosystem)) continue;
    AffectedVerdict verdict = evaluate_affected(entry, version);
    report.git_ranges += verdict.git_ranges;
    report.unordered_ranges += verdict.unordered_ranges;
    if (!verdict.affected) continue;
    affected = true;
    std::optional<VersionScheme> scheme = scheme_for_ecosystem(entry.ecosystem);
    if (!verdict.fixed_version.empty() &&
        (fix.empty() ||
         (scheme &&
          compare_versions(*scheme, verdict.fixed_version, fix) < 0))) {
      fix = verdict.fixed_version;
    }
  }
  if (!affected) return Status::ok();
  RAMPART_RETURN_IF_ERROR(store.load_details(advisory));
  report.matches.push_back(make_match(package, advisory, fix));
  return Status::ok();
}

}  // namespace

Result<MatchReport> match_packages(VulnStore& store,
                                   const std::vector<Package>& packages) {
  MatchReport report;
  for (const Package& package : packages) {
    ++report.packages;
    if (package.version.empty()) {
      ++report.unpinned;
      continue;
    }
    if (is_os_ecosystem(package.ecosystem) &&
        package.ecosystem.find(':') == std::string::npos) {
      ++report.os_without_release;
    }
    AdvisoryKey key = advisory_key(package);
    Result<std::vector<StoredAdvisory>> advisories =
        store.advisories_for(package.ecosystem, key.name, /*details=*/false);
    if (!advisories.is_ok()) return advisories.status();
    for (StoredAdvisory& advisory : *advisories) {
      if (!advisory.withdrawn.empty()) continue;
      RAMPART_RETURN_IF_ERROR(
          match_advisory(store, package, key.version, advisory, report));
    }
  }
  return report;
}

}  // namespace rampart::scan::vuln
