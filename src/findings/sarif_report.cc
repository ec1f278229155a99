// SPDX-License-Identifier: Apache-2.0
//
// SARIF 2.1.0 (OASIS), shaped for GitHub code scanning: one run, one rule
// per rule id with help text and `security-severity`, results with a
// physical location and region, and `partialFingerprints` so that GitHub
// tracks a finding across commits. Paths are relative to the scan root
// (uriBaseId %SRCROOT%), percent-encoded as URI references.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "rampart/findings/report.h"

#include "findings/json_writer.h"
#include "findings/text.h"

namespace rampart {

namespace {

struct Rule {
  const Finding* first = nullptr;          // title, remediation, references
  Severity severity = Severity::kUnknown;  // worst seen for the rule
  std::size_t index = 0;
};

// GitHub buckets security-severity as critical > 9.0, high 7.0-8.9,
// medium 4.0-6.9, low 0.1-3.9; these sit inside each bucket.
const char* security_severity(Severity severity) {
  switch (severity) {
    case Severity::kCritical:
      return "9.5";
    case Severity::kHigh:
      return "8.0";
    case Severity::kMedium:
      return "5.5";
    case Severity::kLow:
      return "2.0";
    case Severity::kUnknown:
      return "0.0";
  }
  return "0.0";
}

const char* sarif_level(Severity severity) {
  switch (severity) {
    case Severity::kCritical:
    case Severity::kHigh:
      return "error";
    case Severity::kMedium:
      return "warning";
    default:
      return "note";
  }
}

std::map<std::string, Rule> collect_rules(const ScanReport& report,
                                          std::vector<std::string>& order) {
  std::map<std::string, Rule> rules;
  for (const Finding& finding : report.findings) {
    auto [it, added] = rules.try_emplace(finding.rule_id);
    if (added) {
      it->second.first = &finding;
      it->second.index = order.size();
      order.push_back(finding.rule_id);
    }
    it->second.severity = std::max(it->second.severity, finding.severity);
  }
  return rules;
}

std::string help_markdown(const Finding& finding) {
  std::string text = fmt::format("**{}**\n\n", finding.title);
  if (!finding.remediation.empty()) {
    text += fmt::format("Remediation: {}\n\n", finding.remediation);
  }
  for (const std::string& url : finding.references) {
    text += fmt::format("- <{}>\n", url);
  }
  return text;
}

std::string help_text(const Finding& finding) {
  std::string text = finding.title;
  if (!finding.remediation.empty())
    text += "\nRemediation: " + finding.remediation;
  for (const std::string& url : finding.references) text += "\n" + url;
  return text;
}

void write_rule(JsonWriter& json, const std::string& id, const Rule& rule) {
  const Finding& f = *rule.first;
  json.begin_object();
  json.field("id", id);
  json.field("name", id);
  json.key("shortDescription");
  json.begin_object();
  json.field("text", f.title.empty() ? id : f.title);
  json.end_object();
  json.key("fullDescription");
  json.begin_object();
  json.field("text", f.title.empty() ? id : f.title);
  json.end_object();
  if (!f.references.empty()) json.field("helpUri", f.references.front());
  json.key("help");
  json.begin_object();
  json.field("text", help_text(f));
  json.field("markdown", help_markdown(f));
  json.end_object();
  json.key("defaultConfiguration");
  json.begin_object();
  json.field("level", sarif_level(rule.severity));
  json.end_object();
  json.key("properties");
  json.begin_object();
  json.field("security-severity", security_severity(rule.severity));
  json.key("tags");
  json.begin_array();
  json.string("security");
  json.string(f.scanner);
  json.end_array();
  json.end_object();
  json.end_object();
}

// SARIF locations name files of the analysed checkout only. A secret found
// in git history may no longer be there, so the location says which commit
// holds those lines and how to see them.
void write_commit_message(JsonWriter& json, const Finding& finding) {
  std::string_view commit = finding_commit(finding);
  if (commit.empty()) return;
  json.key("message");
  json.begin_object();
  json.field("text", fmt::format("in git commit {}; see it with: git show "
                                 "{}:{}",
                                 commit, commit, finding.target));
  json.end_object();
}

void write_location(JsonWriter& json, const Finding& finding) {
  json.begin_object();
  json.key("physicalLocation");
  json.begin_object();
  json.key("artifactLocation");
  json.begin_object();
  json.field("uri", report_text::uri_path(finding.target));
  json.field("uriBaseId", "%SRCROOT%");
  json.end_object();
  // GitHub needs a region on every result; findings without lines (an
  // inventory-wide problem) point at the first line of their file.
  int start = std::max(finding.start_line, 1);
  int end = std::max(finding.end_line, start);
  json.key("region");
  json.begin_object();
  json.field("startLine", start);
  json.field("endLine", end);
  if (finding.start_column > 0) json.field("startColumn", finding.start_column);
  if (finding.end_column > 0 &&
      (end > start || finding.end_column > finding.start_column)) {
    json.field("endColumn", finding.end_column);
  }
  json.end_object();
  json.end_object();
  write_commit_message(json, finding);
  json.end_object();
}

void write_result(JsonWriter& json, const Finding& finding, const Rule& rule) {
  json.begin_object();
  json.field("ruleId", finding.rule_id);
  json.field("ruleIndex", rule.index);
  json.field("level", sarif_level(finding.severity));
  json.key("message");
  json.begin_object();
  json.field("text", finding.message.empty() ? finding.title : finding.message);
  json.end_object();
  json.key("locations");
  json.begin_array();
  write_location(json, finding);
  json.end_array();
  if (!finding.fingerprint.empty()) {
    json.key("partialFingerprints");
    json.begin_object();
    json.field("rampartFingerprint/v1", finding.fingerprint);
    json.end_object();
  }
  json.key("properties");
  json.begin_object();
  json.field("severity", severity_name(finding.severity));
  json.field("scanner", finding.scanner);
  for (const auto& [name, value] : finding.properties) json.field(name, value);
  json.end_object();
  json.end_object();
}

void write_driver(JsonWriter& json, const ScanReport& report,
                  const std::map<std::string, Rule>& rules,
                  const std::vector<std::string>& order) {
  json.key("tool");
  json.begin_object();
  json.key("driver");
  json.begin_object();
  json.field("name", "rampart");
  json.field("version", report.tool_version);
  json.field("semanticVersion", report.tool_version);
  json.key("rules");
  json.begin_array();
  for (const std::string& id : order) write_rule(json, id, rules.at(id));
  json.end_array();
  json.end_object();
  json.end_object();
}

// Scan problems (unparsable files, failed policies) become tool execution
// notifications, so a viewer can show that the scan was incomplete.
void write_invocation(JsonWriter& json, const ScanReport& report,
                      const ReportOptions& options) {
  json.key("invocations");
  json.begin_array();
  json.begin_object();
  bool clean = true;
  for (const ScanNote& note : report.notes) {
    clean = clean && note.level != ScanNote::Level::kError;
  }
  json.field("executionSuccessful", clean);
  if (!options.timestamp.empty()) {
    json.field("endTimeUtc", options.timestamp);
  }
  json.key("toolExecutionNotifications");
  json.begin_array();
  for (const ScanNote& note : report.notes) {
    json.begin_object();
    json.field("level", note.level == ScanNote::Level::kError     ? "error"
                        : note.level == ScanNote::Level::kWarning ? "warning"
                                                                  : "note");
    json.key("message");
    json.begin_object();
    json.field("text", note.target.empty()
                           ? note.message
                           : fmt::format("{}: {}", note.target, note.message));
    json.end_object();
    json.end_object();
  }
  json.end_array();
  json.end_object();
  json.end_array();
}

}  // namespace

std::string render_sarif(const ScanReport& report,
                         const ReportOptions& options) {
  std::vector<std::string> order;
  std::map<std::string, Rule> rules = collect_rules(report, order);

  JsonWriter json;
  json.begin_object();
  json.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  json.field("version", "2.1.0");
  json.key("runs");
  json.begin_array();
  json.begin_object();
  write_driver(json, report, rules, order);
  write_invocation(json, report, options);
  json.key("originalUriBaseIds");
  json.begin_object();
  json.key("%SRCROOT%");
  json.begin_object();
  json.key("description");
  json.begin_object();
  json.field("text", "the scanned folder: " + report.target);
  json.end_object();
  json.end_object();
  json.end_object();
  json.key("results");
  json.begin_array();
  for (const Finding& finding : report.findings) {
    write_result(json, finding, rules.at(finding.rule_id));
  }
  json.end_array();
  json.end_object();
  json.end_array();
  json.end_object();
  return json.take();
}

}  // namespace rampart
