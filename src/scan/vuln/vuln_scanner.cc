// SPDX-License-Identifier: Apache-2.0
//
// The "vuln" scanner: inventory collection during the walk, matching in
// finish(); see vuln_scanner.h.
#include "rampart/scan/vuln/vuln_scanner.h"

#include <functional>
#include <string>

#include "rampart/scan/vuln/lockfile.h"
#include "rampart/scan/vuln/matcher.h"
#include "rampart/scan/vuln/store.h"

namespace rampart::scan::vuln {

namespace {

std::string join(const std::vector<std::string>& items,
                 std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// A short, stable, non-cryptographic digest (FNV-1a, 64 bits) for the
// fingerprint; it identifies, it does not protect anything.
std::string fingerprint(std::string_view text) {
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char out[17];
  std::snprintf(out, sizeof(out), "%016llx",
                static_cast<unsigned long long>(hash));
  return out;
}

// The scan root, from a file's opened path and its path relative to the
// root, so that go.sum and other neighbours can be read.
std::string scan_root(const FileEntry& file) {
  const std::string& path = file.path;
  const std::string& relative = file.relative_path;
  if (path.size() >= relative.size() &&
      path.compare(path.size() - relative.size(), relative.size(), relative) ==
          0) {
    std::string root = path.substr(0, path.size() - relative.size());
    if (root.empty()) return ".";
    return root;
  }
  return ".";
}

ScanNote note(ScanNote::Level level, std::string target, std::string message) {
  ScanNote result;
  result.level = level;
  result.scanner = std::string(kScannerVuln);
  result.target = std::move(target);
  result.message = std::move(message);
  return result;
}

}  // namespace

Finding finding_for_match(const VulnMatch& match) {
  const Package& package = match.package;
  Finding finding;
  finding.scanner = std::string(kScannerVuln);
  finding.rule_id = match.advisory_id;
  finding.title = match.summary.empty() ? match.advisory_id : match.summary;
  finding.severity = match.severity;
  finding.target = package.source_file;
  finding.start_line = package.line;
  finding.end_line = package.line;

  std::string aliases = join(match.aliases, ", ");
  AdvisoryKey key = advisory_key(package);
  finding.message = package.name + "@" + package.version;
  if (key.from_source) {
    finding.message += " (from source package " + std::string(key.name) + " " +
                       std::string(key.version) + ")";
  }
  finding.message += " is affected by " + match.advisory_id +
                     (aliases.empty() ? "" : " (" + aliases + ")");
  if (!match.fixed_version.empty() && key.from_source) {
    // The fix is a version of the source package; the binary package's
    // own version may differ (epochs, rebuilds).
    finding.message +=
        "; fixed in " + std::string(key.name) + " " + match.fixed_version;
    finding.remediation =
        "upgrade " + package.name + " to the build of source package " +
        std::string(key.name) + " " + match.fixed_version + " or later";
  } else if (!match.fixed_version.empty()) {
    finding.message += "; fixed in " + match.fixed_version;
    finding.remediation =
        "upgrade " + package.name + " to " + match.fixed_version + " or later";
  } else {
    finding.remediation = "no fixed version is known; consider replacing " +
                          package.name + " or mitigating the advisory";
  }
  finding.references = match.references;
  finding.fingerprint = fingerprint(
      match.advisory_id + "|" + package.source_file + "|" + package.ecosystem +
      "|" + package.name + "|" + package.version);

  auto& p = finding.properties;
  p["package"] = package.name;
  p["installed_version"] = package.version;
  p["fixed_version"] = match.fixed_version;
  p["aliases"] = aliases;
  p["ecosystem"] = package.ecosystem;
  if (key.from_source) {
    p["source_package"] = std::string(key.name);
    p["source_version"] = std::string(key.version);
  }
  p["direct"] = package.direct ? "true" : "false";
  if (!package.dependency_path.empty()) {
    p["dependency_path"] = join(package.dependency_path, " > ");
  }
  if (!package.purl.empty()) p["purl"] = package.purl;
  if (!match.severity_from.empty()) p["severity_from"] = match.severity_from;
  if (!match.cvss_vector.empty()) {
    char score[16];
    std::snprintf(score, sizeof(score), "%.1f", match.score);
    p["cvss_score"] = score;
    p["cvss_vector"] = match.cvss_vector;
  }
  return finding;
}

VulnScanner::VulnScanner(VulnScannerOptions options)
    : options_(std::move(options)) {}

bool VulnScanner::wants(const FileEntry& file) const {
  return is_inventory_file(file.relative_path);
}

void VulnScanner::scan_file(const FileEntry& file, std::string_view content,
                            FindingSink& sink) {
  Result<std::vector<Package>> parsed = parse_inventory(
      file.relative_path, content, directory_sibling_reader(scan_root(file)));
  if (!parsed.is_ok()) {
    ScanNote problem = note(ScanNote::Level::kWarning, file.relative_path,
                            parsed.status().message());
    problem.line = parsed.status().location().line;
    sink.note(std::move(problem));
    return;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  packages_.insert(packages_.end(), std::make_move_iterator(parsed->begin()),
                   std::make_move_iterator(parsed->end()));
}

std::vector<Package> VulnScanner::packages() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return packages_;
}

void VulnScanner::finish(FindingSink& sink) {
  if (packages_.empty()) return;
  std::string path =
      options_.db_path.empty() ? default_store_path() : options_.db_path;
  Result<VulnStore> store = VulnStore::open(path, VulnStore::Mode::kReadOnly);
  if (!store.is_ok()) {
    sink.note(note(ScanNote::Level::kError, path,
                   store.status().message() + "; " +
                       std::to_string(packages_.size()) +
                       " packages were not checked"));
    return;
  }
  Result<MatchReport> report = match_packages(*store, packages_);
  if (!report.is_ok()) {
    sink.note(note(ScanNote::Level::kError, path, report.status().message()));
    return;
  }

  for (const VulnMatch& match : report->matches) {
    sink.add(finding_for_match(match));
  }
  if (report->unpinned > 0) {
    sink.note(note(ScanNote::Level::kInfo, "",
                   std::to_string(report->unpinned) +
                       " packages have no pinned version and were not "
                       "checked"));
  }
  if (report->os_without_release > 0) {
    sink.note(note(ScanNote::Level::kInfo, "",
                   std::to_string(report->os_without_release) +
                       " OS packages have no known distribution release "
                       "(no etc/os-release VERSION_ID or release file); "
                       "they were checked against the advisories of every "
                       "release"));
  }
  if (report->git_ranges > 0) {
    sink.note(note(ScanNote::Level::kInfo, "",
                   std::to_string(report->git_ranges) +
                       " GIT ranges (commit-based) in matching advisories "
                       "were ignored"));
  }
  if (report->unordered_ranges > 0) {
    sink.note(note(ScanNote::Level::kInfo, "",
                   std::to_string(report->unordered_ranges) +
                       " ranges of ecosystems without a known version "
                       "order were ignored (explicit version lists still "
                       "match)"));
  }
}

}  // namespace rampart::scan::vuln
