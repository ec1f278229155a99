// SPDX-License-Identifier: Apache-2.0
//
// CycloneDX 1.5 JSON: the project's dependency inventory (components, one per
// distinct package, with its package URL and where it was found) and the
// vulnerability findings that affect those components. Misconfigurations and
// secrets are not part of an SBOM and are left out.
#include <map>
#include <set>

#include <fmt/format.h>

#include "rampart/findings/report.h"

#include "findings/json_writer.h"

namespace rampart {

namespace {

std::string component_ref(const Component& c) {
  if (!c.purl.empty()) return c.purl;
  return fmt::format("{}:{}@{}", c.ecosystem, c.name, c.version);
}

const char* rating_name(Severity severity) {
  switch (severity) {
    case Severity::kCritical:
      return "critical";
    case Severity::kHigh:
      return "high";
    case Severity::kMedium:
      return "medium";
    case Severity::kLow:
      return "low";
    case Severity::kUnknown:
      return "unknown";
  }
  return "unknown";
}

struct Merged {
  const Component* first = nullptr;
  std::set<std::string> sources;  // every file that lists the package
  bool direct = false;
  bool dev = true;  // dev only if every occurrence is
};

void write_component(JsonWriter& json, const std::string& ref,
                     const Merged& merged) {
  const Component& c = *merged.first;
  json.begin_object();
  json.field("type", "library");
  json.field("bom-ref", ref);
  json.field("name", c.name);
  if (!c.version.empty()) json.field("version", c.version);
  if (!c.purl.empty()) json.field("purl", c.purl);
  json.field("scope", merged.dev ? "optional" : "required");
  json.key("properties");
  json.begin_array();
  auto property = [&](std::string_view name, std::string_view value) {
    json.begin_object();
    json.field("name", name);
    json.field("value", value);
    json.end_object();
  };
  property("rampart:ecosystem", c.ecosystem);
  property("rampart:direct", merged.direct ? "true" : "false");
  for (const std::string& source : merged.sources) {
    property("rampart:source_file", source);
  }
  json.end_array();
  json.end_object();
}

// The component a vulnerability finding is about: by its purl when the
// scanner gave one, else by package name and installed version.
std::string affected_ref(const Finding& finding,
                         const std::map<std::string, Merged>& components) {
  auto prop = [&](const char* name) -> std::string {
    auto it = finding.properties.find(name);
    return it == finding.properties.end() ? "" : it->second;
  };
  std::string purl = prop("purl");
  if (!purl.empty() && components.count(purl) != 0) return purl;
  std::string name = prop("package");
  std::string version = prop("installed_version");
  for (const auto& [ref, merged] : components) {
    if (merged.first->name == name && merged.first->version == version) {
      return ref;
    }
  }
  return {};
}

void write_vulnerabilities(JsonWriter& json, const ScanReport& report,
                           const std::map<std::string, Merged>& components) {
  // One entry per advisory id, affecting every component it was found in.
  std::map<std::string, std::vector<const Finding*>> by_id;
  for (const Finding& finding : report.findings) {
    if (finding.scanner == kScannerVuln)
      by_id[finding.rule_id].push_back(&finding);
  }
  json.key("vulnerabilities");
  json.begin_array();
  for (const auto& [id, findings] : by_id) {
    const Finding& first = *findings.front();
    std::set<std::string> refs;
    for (const Finding* f : findings) {
      std::string ref = affected_ref(*f, components);
      if (!ref.empty()) refs.insert(ref);
    }
    json.begin_object();
    json.field("bom-ref", "vuln:" + id);
    json.field("id", id);
    json.key("source");
    json.begin_object();
    json.field("name", "OSV");
    json.end_object();
    json.key("ratings");
    json.begin_array();
    json.begin_object();
    json.field("severity", rating_name(first.severity));
    json.field("method", "other");
    json.end_object();
    json.end_array();
    if (!first.title.empty()) json.field("description", first.title);
    if (!first.remediation.empty()) {
      json.field("recommendation", first.remediation);
    }
    if (!first.references.empty()) {
      json.key("advisories");
      json.begin_array();
      for (const std::string& url : first.references) {
        json.begin_object();
        json.field("url", url);
        json.end_object();
      }
      json.end_array();
    }
    json.key("affects");
    json.begin_array();
    for (const std::string& ref : refs) {
      json.begin_object();
      json.field("ref", ref);
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
}

void write_metadata(JsonWriter& json, const ScanReport& report,
                    const ReportOptions& options) {
  json.key("metadata");
  json.begin_object();
  if (!options.timestamp.empty()) json.field("timestamp", options.timestamp);
  json.key("tools");
  json.begin_object();
  json.key("components");
  json.begin_array();
  json.begin_object();
  json.field("type", "application");
  json.field("name", "rampart");
  json.field("version", report.tool_version);
  json.end_object();
  json.end_array();
  json.end_object();
  json.key("component");
  json.begin_object();
  json.field("type", "application");
  json.field("bom-ref", "scan-root");
  json.field("name", report.target.empty() ? "." : report.target);
  json.end_object();
  json.end_object();
}

}  // namespace

std::string render_cyclonedx(const ScanReport& report,
                             const ReportOptions& options) {
  std::map<std::string, Merged> components;
  for (const Component& c : report.components) {
    Merged& merged = components[component_ref(c)];
    if (merged.first == nullptr) merged.first = &c;
    if (!c.source_file.empty()) merged.sources.insert(c.source_file);
    merged.direct = merged.direct || c.direct;
    merged.dev = merged.dev && c.dev;
  }

  JsonWriter json;
  json.begin_object();
  json.field("$schema", "http://cyclonedx.org/schema/bom-1.5.schema.json");
  json.field("bomFormat", "CycloneDX");
  json.field("specVersion", "1.5");
  if (!options.serial_number.empty()) {
    json.field("serialNumber", options.serial_number);
  }
  json.field("version", 1);
  write_metadata(json, report, options);
  json.key("components");
  json.begin_array();
  for (const auto& [ref, merged] : components) {
    write_component(json, ref, merged);
  }
  json.end_array();
  write_vulnerabilities(json, report, components);
  json.end_object();
  return json.take();
}

}  // namespace rampart
