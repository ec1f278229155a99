// SPDX-License-Identifier: Apache-2.0
//
// The JSON report: rampart's own versioned schema, documented in
// docs/scan.md ("JSON output"). Field names are snake_case and stable within
// a schema version; consumers should ignore fields they do not know.
#include <map>

#include "rampart/findings/report.h"

#include "findings/json_writer.h"

namespace rampart {

namespace {

void write_finding(JsonWriter& json, const Finding& finding) {
  json.begin_object();
  json.field("scanner", finding.scanner);
  json.field("rule_id", finding.rule_id);
  json.field("title", finding.title);
  json.field("severity", severity_name(finding.severity));
  json.field("target", finding.target);
  json.field("start_line", finding.start_line);
  json.field("end_line", finding.end_line);
  json.field("start_column", finding.start_column);
  json.field("end_column", finding.end_column);
  json.field("message", finding.message);
  json.field("remediation", finding.remediation);
  json.key("references");
  json.begin_array();
  for (const std::string& url : finding.references) json.string(url);
  json.end_array();
  json.field("fingerprint", finding.fingerprint);
  json.key("properties");
  json.begin_object();
  for (const auto& [name, value] : finding.properties) json.field(name, value);
  json.end_object();
  json.end_object();
}

const char* note_level_name(ScanNote::Level level) {
  switch (level) {
    case ScanNote::Level::kError:
      return "error";
    case ScanNote::Level::kWarning:
      return "warning";
    case ScanNote::Level::kInfo:
      return "info";
  }
  return "info";
}

void write_note(JsonWriter& json, const ScanNote& note) {
  json.begin_object();
  json.field("level", note_level_name(note.level));
  json.field("scanner", note.scanner);
  json.field("target", note.target);
  json.field("line", note.line);
  json.field("message", note.message);
  json.end_object();
}

void write_component(JsonWriter& json, const Component& component) {
  json.begin_object();
  json.field("ecosystem", component.ecosystem);
  json.field("name", component.name);
  json.field("version", component.version);
  json.field("purl", component.purl);
  json.field("source_file", component.source_file);
  json.field("line", component.line);
  json.field("direct", component.direct);
  json.field("dev", component.dev);
  json.end_object();
}

void write_summary(JsonWriter& json, const ScanReport& report) {
  std::map<std::string, std::size_t> by_scanner;
  for (const std::string& name : report.scanners) by_scanner[name] = 0;
  std::size_t by_severity[5] = {};
  for (const Finding& finding : report.findings) {
    ++by_scanner[finding.scanner];
    ++by_severity[static_cast<int>(finding.severity)];
  }

  json.key("summary");
  json.begin_object();
  json.field("total", report.findings.size());
  json.field("at_or_above_threshold",
             count_at_or_above(report.findings, report.threshold));
  json.field("suppressed", report.suppressed);
  json.key("by_severity");
  json.begin_object();
  for (int s = 4; s >= 0; --s) {
    json.field(severity_name(static_cast<Severity>(s)), by_severity[s]);
  }
  json.end_object();
  json.key("by_scanner");
  json.begin_object();
  for (const auto& [name, count] : by_scanner) json.field(name, count);
  json.end_object();
  json.field("files_walked", report.stats.files_walked);
  json.field("files_scanned", report.stats.files_scanned);
  json.field("bytes_scanned",
             static_cast<std::int64_t>(report.stats.bytes_scanned));
  json.field("duration_ms",
             static_cast<std::int64_t>(report.stats.seconds * 1000.0));
  json.end_object();
}

}  // namespace

std::string render_json(const ScanReport& report,
                        const ReportOptions& options) {
  JsonWriter json;
  json.begin_object();
  json.field("schema_version", kJsonReportSchemaVersion);
  json.key("tool");
  json.begin_object();
  json.field("name", "rampart");
  json.field("version", report.tool_version);
  json.end_object();
  if (!options.timestamp.empty()) json.field("created_at", options.timestamp);
  json.field("target", report.target);
  json.key("scanners");
  json.begin_array();
  for (const std::string& name : report.scanners) json.string(name);
  json.end_array();
  json.field("severity_threshold", severity_name(report.threshold));
  write_summary(json, report);

  json.key("findings");
  json.begin_array();
  for (const Finding& finding : report.findings) write_finding(json, finding);
  json.end_array();
  json.key("notes");
  json.begin_array();
  for (const ScanNote& note : report.notes) write_note(json, note);
  json.end_array();
  json.key("components");
  json.begin_array();
  for (const Component& c : report.components) write_component(json, c);
  json.end_array();
  json.end_object();
  return json.take();
}

}  // namespace rampart
