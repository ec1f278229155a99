// SPDX-License-Identifier: Apache-2.0
//
// OSV record parsing with simdjson's DOM API (error codes, no exceptions),
// the record's reported severity, and package name normalisation. See
// osv.h for the accepted subset and the limits.
#include "rampart/scan/vuln/osv.h"

#include <cctype>
#include <optional>
#include <string>

#include <simdjson.h>

#include "rampart/scan/vuln/cvss.h"

namespace rampart::scan::vuln {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

Status field_error(const std::string& field, const std::string& problem) {
  return Status(StatusCode::kParseError,
                "OSV record: '" + field + "' " + problem);
}

// Reads an optional string member; a present member of another type is a
// schema violation.
Status optional_string(object parent, std::string_view key,
                       const std::string& path, std::string& out) {
  element value;
  if (parent[key].get(value) != simdjson::SUCCESS) return Status::ok();
  if (value.is_null()) return Status::ok();
  std::string_view text;
  if (value.get(text) != simdjson::SUCCESS) {
    return field_error(path, "must be a string");
  }
  out = std::string(text);
  return Status::ok();
}

// Reads an optional list of strings.
Status string_list(object parent, std::string_view key, const std::string& path,
                   std::vector<std::string>& out) {
  element value;
  if (parent[key].get(value) != simdjson::SUCCESS || value.is_null()) {
    return Status::ok();
  }
  array items;
  if (value.get(items) != simdjson::SUCCESS) {
    return field_error(path, "must be a list of strings");
  }
  if (items.size() > kMaxOsvListEntries) {
    return Status(StatusCode::kLimitExceeded,
                  "OSV record: '" + path + "' has too many entries");
  }
  for (element item : items) {
    std::string_view text;
    if (item.get(text) != simdjson::SUCCESS) {
      return field_error(path, "must be a list of strings");
    }
    out.emplace_back(text);
  }
  return Status::ok();
}

Status parse_event(element value, const std::string& path, OsvEvent& event) {
  object fields;
  if (value.get(fields) != simdjson::SUCCESS || fields.size() != 1) {
    return field_error(path, "must be an object with exactly one event");
  }
  auto [key, version] = *fields.begin();
  std::string_view text;
  if (version.get(text) != simdjson::SUCCESS) {
    return field_error(path, "must hold a version string");
  }
  if (key == "introduced") {
    event.kind = OsvEvent::Kind::kIntroduced;
  } else if (key == "fixed") {
    event.kind = OsvEvent::Kind::kFixed;
  } else if (key == "last_affected") {
    event.kind = OsvEvent::Kind::kLastAffected;
  } else if (key == "limit") {
    event.kind = OsvEvent::Kind::kLimit;
  } else {
    return field_error(path, "has unknown event '" + std::string(key) + "'");
  }
  event.version = std::string(text);
  return Status::ok();
}

Status parse_range(element value, const std::string& path, OsvRange& range) {
  object fields;
  if (value.get(fields) != simdjson::SUCCESS) {
    return field_error(path, "must be an object");
  }
  std::string_view type;
  if (fields["type"].get(type) != simdjson::SUCCESS) {
    return field_error(path + ".type", "must be a string");
  }
  if (type == "SEMVER") {
    range.type = OsvRange::Type::kSemver;
  } else if (type == "ECOSYSTEM") {
    range.type = OsvRange::Type::kEcosystem;
  } else if (type == "GIT") {
    range.type = OsvRange::Type::kGit;
  } else {
    return field_error(path + ".type", "is not SEMVER, ECOSYSTEM or GIT");
  }

  array events;
  if (fields["events"].get(events) != simdjson::SUCCESS) {
    return field_error(path + ".events", "must be a list");
  }
  if (events.size() > kMaxOsvListEntries) {
    return Status(StatusCode::kLimitExceeded,
                  "OSV record: '" + path + ".events' has too many entries");
  }
  size_t index = 0;
  for (element item : events) {
    OsvEvent event;
    RAMPART_RETURN_IF_ERROR(parse_event(
        item, path + ".events[" + std::to_string(index++) + "]", event));
    range.events.push_back(std::move(event));
  }
  return Status::ok();
}

// "severity" inside database_specific or ecosystem_specific, when a string.
void severity_label(object parent, std::string& out) {
  for (std::string_view holder : {"database_specific", "ecosystem_specific"}) {
    object specific;
    std::string_view label;
    if (parent[holder].get(specific) == simdjson::SUCCESS &&
        specific["severity"].get(label) == simdjson::SUCCESS) {
      out = std::string(label);
      return;
    }
  }
}

Status parse_affected(element value, const std::string& path,
                      OsvAffected& affected) {
  object fields;
  if (value.get(fields) != simdjson::SUCCESS) {
    return field_error(path, "must be an object");
  }
  object package;
  element package_value;
  if (fields["package"].get(package_value) == simdjson::SUCCESS) {
    if (package_value.get(package) != simdjson::SUCCESS) {
      return field_error(path + ".package", "must be an object");
    }
    std::string where = path + ".package";
    RAMPART_RETURN_IF_ERROR(optional_string(
        package, "ecosystem", where + ".ecosystem", affected.ecosystem));
    RAMPART_RETURN_IF_ERROR(
        optional_string(package, "name", where + ".name", affected.name));
    RAMPART_RETURN_IF_ERROR(
        optional_string(package, "purl", where + ".purl", affected.purl));
    if (affected.ecosystem.empty() || affected.name.empty()) {
      return field_error(where, "must name an ecosystem and a package");
    }
  }

  array ranges;
  element ranges_value;
  if (fields["ranges"].get(ranges_value) == simdjson::SUCCESS) {
    if (ranges_value.get(ranges) != simdjson::SUCCESS) {
      return field_error(path + ".ranges", "must be a list");
    }
    size_t index = 0;
    for (element item : ranges) {
      OsvRange range;
      RAMPART_RETURN_IF_ERROR(parse_range(
          item, path + ".ranges[" + std::to_string(index++) + "]", range));
      affected.ranges.push_back(std::move(range));
    }
  }
  RAMPART_RETURN_IF_ERROR(
      string_list(fields, "versions", path + ".versions", affected.versions));
  severity_label(fields, affected.severity_label);
  return Status::ok();
}

Status parse_severity_list(object record, std::vector<OsvSeverity>& out) {
  element value;
  if (record["severity"].get(value) != simdjson::SUCCESS || value.is_null()) {
    return Status::ok();
  }
  array entries;
  if (value.get(entries) != simdjson::SUCCESS) {
    return field_error("severity", "must be a list");
  }
  for (element item : entries) {
    object fields;
    std::string_view type;
    std::string_view score;
    if (item.get(fields) != simdjson::SUCCESS ||
        fields["type"].get(type) != simdjson::SUCCESS ||
        fields["score"].get(score) != simdjson::SUCCESS) {
      return field_error("severity", "entries need a type and a score string");
    }
    out.push_back({std::string(type), std::string(score)});
  }
  return Status::ok();
}

void parse_references(object record, std::vector<std::string>& out) {
  array references;
  if (record["references"].get(references) != simdjson::SUCCESS) return;
  for (element item : references) {
    std::string_view url;
    if (item["url"].get(url) == simdjson::SUCCESS && out.size() < 50) {
      out.emplace_back(url);
    }
  }
}

Status parse_affected_list(object fields, OsvRecord& record) {
  element value;
  if (fields["affected"].get(value) != simdjson::SUCCESS || value.is_null()) {
    return Status::ok();
  }
  array affected;
  if (value.get(affected) != simdjson::SUCCESS) {
    return field_error("affected", "must be a list");
  }
  if (affected.size() > kMaxOsvListEntries) {
    return Status(StatusCode::kLimitExceeded,
                  "OSV record: 'affected' has too many entries");
  }
  size_t index = 0;
  for (element item : affected) {
    OsvAffected entry;
    RAMPART_RETURN_IF_ERROR(parse_affected(
        item, "affected[" + std::to_string(index++) + "]", entry));
    record.affected.push_back(std::move(entry));
  }
  return Status::ok();
}

Status parse_fields(object fields, OsvRecord& record) {
  RAMPART_RETURN_IF_ERROR(optional_string(fields, "id", "id", record.id));
  if (record.id.empty()) return field_error("id", "is missing");
  RAMPART_RETURN_IF_ERROR(
      optional_string(fields, "modified", "modified", record.modified));
  if (record.modified.empty()) return field_error("modified", "is missing");
  RAMPART_RETURN_IF_ERROR(
      optional_string(fields, "published", "published", record.published));
  RAMPART_RETURN_IF_ERROR(
      optional_string(fields, "withdrawn", "withdrawn", record.withdrawn));
  RAMPART_RETURN_IF_ERROR(
      string_list(fields, "aliases", "aliases", record.aliases));
  RAMPART_RETURN_IF_ERROR(
      optional_string(fields, "summary", "summary", record.summary));
  if (record.summary.empty()) {
    std::string details;
    RAMPART_RETURN_IF_ERROR(
        optional_string(fields, "details", "details", details));
    record.summary = details.substr(0, details.find('\n')).substr(0, 200);
  }
  RAMPART_RETURN_IF_ERROR(parse_severity_list(fields, record.severity));
  severity_label(fields, record.severity_label);
  parse_references(fields, record.references);
  return parse_affected_list(fields, record);
}

std::optional<Severity> label_severity(std::string_view label) {
  if (label == "MODERATE" || label == "moderate" || label == "Moderate") {
    return Severity::kMedium;
  }
  std::optional<Severity> parsed = ::rampart::parse_severity(label);
  if (parsed && *parsed == Severity::kUnknown) return std::nullopt;
  return parsed;
}

}  // namespace

Result<OsvRecord> parse_osv_record(std::string_view json) {
  if (json.size() > kMaxOsvRecordBytes) {
    return Status(StatusCode::kLimitExceeded,
                  "OSV record larger than " +
                      std::to_string(kMaxOsvRecordBytes) + " bytes");
  }
  // One parser per thread: it keeps its buffers between records.
  thread_local simdjson::dom::parser parser;
  element root;
  simdjson::error_code error =
      parser.parse(json.data(), json.size(), /*realloc_if_needed=*/true)
          .get(root);
  if (error != simdjson::SUCCESS) {
    return Status(StatusCode::kParseError, std::string("not valid JSON: ") +
                                               simdjson::error_message(error));
  }
  object fields;
  if (root.get(fields) != simdjson::SUCCESS) {
    return Status(StatusCode::kParseError, "OSV record must be a JSON object");
  }
  OsvRecord record;
  RAMPART_RETURN_IF_ERROR(parse_fields(fields, record));
  return record;
}

RecordSeverity record_severity(const OsvRecord& record) {
  RecordSeverity result;
  for (const OsvSeverity& entry : record.severity) {
    if (entry.type != "CVSS_V3") continue;
    Result<CvssScore> score = cvss3_base_score(entry.score);
    if (score.is_ok() && score->base_score >= result.score) {
      result.score = score->base_score;
      result.level = score->rating;
      result.vector = entry.score;
    }
  }
  if (!result.vector.empty()) return result;

  // v4.0 only when the record has no v3 vector: thresholds written against
  // v3 scores (NVD's, Trivy's) keep meaning the same thing.
  for (const OsvSeverity& entry : record.severity) {
    if (entry.type != "CVSS_V4") continue;
    Result<CvssScore> score = cvss4_base_score(entry.score);
    if (score.is_ok() && score->base_score >= result.score) {
      result.score = score->base_score;
      result.level = score->rating;
      result.vector = entry.score;
    }
  }
  if (!result.vector.empty()) return result;

  std::optional<Severity> label = label_severity(record.severity_label);
  for (const OsvAffected& affected : record.affected) {
    if (label) break;
    label = label_severity(affected.severity_label);
  }
  if (label) result.level = *label;
  return result;
}

std::string_view base_ecosystem(std::string_view ecosystem) {
  return ecosystem.substr(0, ecosystem.find(':'));
}

std::string normalize_package_name(std::string_view ecosystem,
                                   std::string_view name) {
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name[0]))) {
    name.remove_prefix(1);
  }
  while (!name.empty() &&
         std::isspace(static_cast<unsigned char>(name.back()))) {
    name.remove_suffix(1);
  }
  std::string_view base = base_ecosystem(ecosystem);
  bool pypi = base == "PyPI";
  bool lower = pypi || base == "crates.io" || base == "NuGet" ||
               base == "Packagist" || base == "Hackage";
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (pypi && (c == '-' || c == '_' || c == '.')) {
      if (out.empty() || out.back() != '-') out += '-';
      continue;
    }
    out += lower
               ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
               : c;
  }
  return out;
}

}  // namespace rampart::scan::vuln
