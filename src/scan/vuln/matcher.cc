// SPDX-License-Identifier: Apache-2.0
//
// OSV range evaluation and inventory matching; see matcher.h. Evaluation
// works on views of the events (into an OsvAffected, or into the store's
// encoded row while it is being visited) with reused buffers, so matching
// an inventory allocates only for the advisories that match.
#include "rampart/scan/vuln/matcher.h"

#include <algorithm>
#include <optional>

#include "rampart/scan/vuln/version.h"

#include "range_codec.h"

namespace rampart::scan::vuln {

namespace {

using codec::EventView;

// Buffers reused from one range to the next.
struct Scratch {
  std::vector<EventView> events;
  std::vector<const EventView*> sorted;
};

// The verdict for one affected entry while it is being evaluated; `fix`
// views the event text.
struct Verdict {
  bool affected = false;
  std::string_view fix;  // lowest `fixed` event above the version
  std::size_t git_ranges = 0;
  std::size_t unordered_ranges = 0;
};

bool is_zero_introduced(const EventView* event) {
  return event->kind == OsvEvent::Kind::kIntroduced && event->version == "0";
}

// Sorts events by version; at equal versions an `introduced` comes first,
// so "introduced X, fixed X" (an empty span) stays empty.
void sort_events(const std::vector<EventView>& events, VersionScheme scheme,
                 std::vector<const EventView*>& sorted) {
  sorted.clear();
  for (const EventView& event : events) {
    if (event.kind != OsvEvent::Kind::kLimit) sorted.push_back(&event);
  }
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](const EventView* a, const EventView* b) {
                     if (is_zero_introduced(a) || is_zero_introduced(b)) {
                       return is_zero_introduced(a) && !is_zero_introduced(b);
                     }
                     int order =
                         compare_versions(scheme, a->version, b->version);
                     if (order != 0) return order < 0;
                     return a->kind == OsvEvent::Kind::kIntroduced &&
                            b->kind != OsvEvent::Kind::kIntroduced;
                   });
}

// True when `version` is below every `limit` of the range (or there is
// none).
bool within_limits(const std::vector<EventView>& events, VersionScheme scheme,
                   std::string_view version) {
  for (const EventView& event : events) {
    if (event.kind != OsvEvent::Kind::kLimit) continue;
    if (event.version == "*") continue;
    if (compare_versions(scheme, version, event.version) >= 0) return false;
  }
  return true;
}

bool range_affects(VersionScheme scheme, std::string_view version,
                   Scratch& scratch) {
  if (!within_limits(scratch.events, scheme, version)) return false;
  sort_events(scratch.events, scheme, scratch.sorted);
  bool affected = false;
  for (const EventView* event : scratch.sorted) {
    switch (event->kind) {
      case OsvEvent::Kind::kIntroduced:
        if (event->version == "0" ||
            compare_versions(scheme, version, event->version) >= 0) {
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

// Lowers `best` to the lowest `fixed` event of the range above `version`.
void lowest_fix_above(const std::vector<EventView>& events,
                      VersionScheme scheme, std::string_view version,
                      std::string_view& best) {
  for (const EventView& event : events) {
    if (event.kind != OsvEvent::Kind::kFixed) continue;
    if (compare_versions(scheme, event.version, version) <= 0) continue;
    if (best.empty() || compare_versions(scheme, event.version, best) < 0) {
      best = event.version;
    }
  }
}

// Adds one range (its events in scratch.events) to the verdict.
void evaluate_range(OsvRange::Type type, std::string_view ecosystem,
                    std::string_view version, Scratch& scratch,
                    Verdict& verdict) {
  if (type == OsvRange::Type::kGit) {
    ++verdict.git_ranges;
    return;
  }
  std::optional<VersionScheme> scheme = type == OsvRange::Type::kSemver
                                            ? VersionScheme::kSemver
                                            : scheme_for_ecosystem(ecosystem);
  if (!scheme) {
    ++verdict.unordered_ranges;
    return;
  }
  if (range_affects(*scheme, version, scratch)) verdict.affected = true;
  lowest_fix_above(scratch.events, *scheme, version, verdict.fix);
}

// A stored row, evaluated straight from its encoded text.
Verdict evaluate_row(const AffectedRow& row, std::string_view version,
                     Scratch& scratch) {
  Verdict verdict;
  std::string_view ranges = row.ranges;
  OsvRange::Type type = OsvRange::Type::kEcosystem;
  while (codec::next_range(ranges, type, scratch.events)) {
    evaluate_range(type, row.ecosystem, version, scratch, verdict);
  }
  // The explicit list only matters when no range says so already.
  if (!verdict.affected) {
    verdict.affected = codec::versions_contain(row.versions(), version);
  }
  if (!verdict.affected) verdict.fix = {};
  return verdict;
}

// "Debian:12" advisories apply to a "Debian:12" package; a package without
// a release ("Debian") is checked against every release. A release may be
// followed by a qualifier in the advisory: "Ubuntu:22.04" meets
// "Ubuntu:22.04:LTS" (but not "Ubuntu:Pro:22.04:LTS", another product).
bool same_ecosystem(std::string_view package, std::string_view affected) {
  if (package.find(':') == std::string_view::npos ||
      affected.find(':') == std::string_view::npos) {
    return base_ecosystem(package) == base_ecosystem(affected);
  }
  if (package == affected) return true;
  return affected.size() > package.size() &&
         affected.substr(0, package.size()) == package &&
         affected[package.size()] == ':';
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
  Verdict verdict;
  for (const std::string& listed : affected.versions) {
    if (listed == version) verdict.affected = true;
  }
  Scratch scratch;
  for (const OsvRange& range : affected.ranges) {
    scratch.events.clear();
    for (const OsvEvent& event : range.events) {
      scratch.events.push_back({event.kind, event.version});
    }
    evaluate_range(range.type, affected.ecosystem, version, scratch, verdict);
  }

  AffectedVerdict result;
  result.affected = verdict.affected;
  if (verdict.affected) result.fixed_version = std::string(verdict.fix);
  result.git_ranges = verdict.git_ranges;
  result.unordered_ranges = verdict.unordered_ranges;
  return result;
}

namespace {

// The advisory whose rows are being visited: its rows come one after the
// other (the store orders them by advisory id).
struct Pending {
  std::string id;
  bool affected = false;
  std::string fix;  // lowest fix across the affected entries
};

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
  match.severity_from = advisory.severity_from;
  match.fixed_version = std::move(fixed_version);
  match.references = advisory.references;
  return match;
}

// Reports the pending advisory if one of its entries matched; the
// advisory's text is read only now.
Status flush(VulnStore& store, const Package& package, Pending& pending,
             MatchReport& report) {
  if (!pending.affected) return Status::ok();
  pending.affected = false;
  StoredAdvisory advisory;
  advisory.id = pending.id;
  RAMPART_RETURN_IF_ERROR(store.load_details(advisory));
  report.matches.push_back(make_match(package, advisory, pending.fix));
  return Status::ok();
}

// Folds one entry's verdict into the pending advisory; across entries the
// lowest fix wins.
void merge(const Verdict& verdict, std::string_view ecosystem,
           Pending& pending) {
  pending.affected = true;
  if (verdict.fix.empty()) return;
  std::optional<VersionScheme> scheme = scheme_for_ecosystem(ecosystem);
  if (pending.fix.empty() ||
      (scheme && compare_versions(*scheme, verdict.fix, pending.fix) < 0)) {
    pending.fix.assign(verdict.fix);
  }
}

Status match_package(VulnStore& store, const Package& package, Scratch& scratch,
                     MatchReport& report) {
  AdvisoryKey key = advisory_key(package);
  Pending pending;
  Status visited = store.for_each_affected(
      package.ecosystem, key.name, [&](const AffectedRow& row) {
        if (row.advisory_id != pending.id) {
          RAMPART_RETURN_IF_ERROR(flush(store, package, pending, report));
          pending.id.assign(row.advisory_id);
          pending.fix.clear();
        }
        if (!row.withdrawn.empty()) return Status::ok();
        if (!same_ecosystem(package.ecosystem, row.ecosystem)) {
          return Status::ok();
        }
        Verdict verdict = evaluate_row(row, key.version, scratch);
        report.git_ranges += verdict.git_ranges;
        report.unordered_ranges += verdict.unordered_ranges;
        if (verdict.affected) merge(verdict, row.ecosystem, pending);
        return Status::ok();
      });
  RAMPART_RETURN_IF_ERROR(visited);
  return flush(store, package, pending, report);
}

Status match_all(VulnStore& store, const std::vector<Package>& packages,
                 MatchReport& report) {
  Scratch scratch;
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
    RAMPART_RETURN_IF_ERROR(match_package(store, package, scratch, report));
  }
  return Status::ok();
}

}  // namespace

Result<MatchReport> match_packages(VulnStore& store,
                                   const std::vector<Package>& packages) {
  MatchReport report;
  Status status =
      store.with_snapshot([&]() { return match_all(store, packages, report); });
  if (!status.is_ok()) return status;
  return report;
}

}  // namespace rampart::scan::vuln
