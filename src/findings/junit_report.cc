// SPDX-License-Identifier: Apache-2.0
//
// JUnit XML, the dialect Jenkins (junit step) and GitLab (artifacts:reports:
// junit) display: one <testsuite> per scanner, one <testcase> per check and
// target (a rule id in one file), so a finding repeated on many lines of a
// file is one failing test listing every line. Findings at or above the
// severity threshold are <failure>s; those below it pass and carry their
// details in <system-out>, matching the exit code. A scanner that found
// nothing gets one passing test case so its suite is never empty.
#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "rampart/findings/report.h"

#include "findings/text.h"

namespace rampart {

namespace {

// Escapes text for an XML attribute value or element content.
std::string xml(std::string_view raw) {
  std::string text = report_text::xml_safe(raw);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += "&#9;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Element content keeps its line breaks readable.
std::string xml_text(std::string_view raw) {
  std::string out = xml(raw);
  std::string readable;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out.compare(i, 5, "&#10;") == 0) {
      readable += '\n';
      i += 4;
    } else {
      readable += out[i];
    }
  }
  return readable;
}

struct Case {
  std::vector<const Finding*> findings;
  Severity worst = Severity::kUnknown;
};

std::string case_details(const Case& test_case) {
  std::string text;
  for (const Finding* f : test_case.findings) {
    text += fmt::format("{} {}", severity_name(f->severity), f->target);
    if (f->start_line > 0) text += fmt::format(":{}", f->start_line);
    std::string_view commit = finding_commit(*f);
    if (!commit.empty()) text += fmt::format(" in commit {}", commit);
    text += fmt::format(": {}\n", f->message.empty() ? f->title : f->message);
  }
  const Finding& first = *test_case.findings.front();
  if (!first.remediation.empty()) text += "Fix: " + first.remediation + "\n";
  for (const std::string& url : first.references) text += url + "\n";
  return text;
}

void append_case(std::string& out, const std::string& target,
                 const Case& test_case, Severity threshold) {
  const Finding& first = *test_case.findings.front();
  std::string name = fmt::format("[{}] {}: {}", severity_name(test_case.worst),
                                 first.rule_id, first.title);
  out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\">\n",
                     xml(target), xml(name));
  std::string details = xml_text(case_details(test_case));
  if (test_case.worst >= threshold) {
    out +=
        fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                    xml(first.message.empty() ? first.title : first.message),
                    severity_name(test_case.worst), details);
  } else {
    out += fmt::format("      <system-out>{}</system-out>\n", details);
  }
  out += "    </testcase>\n";
}

}  // namespace

std::string render_junit(const ScanReport& report,
                         const ReportOptions& options) {
  // scanner -> (target, rule) -> case, in order of first appearance.
  std::map<std::string,
           std::vector<std::pair<std::pair<std::string, std::string>, Case>>>
      suites;
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t>
      index;
  for (const std::string& name : report.scanners) suites[name];
  for (const Finding& finding : report.findings) {
    auto& cases = suites[finding.scanner];
    // The file as it was in a past commit is a case apart from today's.
    std::string target = target_with_commit(finding);
    auto key = std::make_pair(target, finding.rule_id);
    auto [slot, added] = index.try_emplace(
        {finding.scanner, target, finding.rule_id}, cases.size());
    if (added) cases.push_back({key, Case{}});
    Case& test_case = cases[slot->second].second;
    test_case.findings.push_back(&finding);
    test_case.worst = std::max(test_case.worst, finding.severity);
  }

  std::size_t total = 0, failures = 0;
  std::string body;
  for (const auto& [scanner, cases] : suites) {
    std::size_t failed = 0;
    for (const auto& c : cases) failed += c.second.worst >= report.threshold;
    std::size_t tests = std::max<std::size_t>(cases.size(), 1);
    total += tests;
    failures += failed;
    body += fmt::format(
        "  <testsuite name=\"rampart {}\" tests=\"{}\" failures=\"{}\" "
        "errors=\"0\" skipped=\"0\" time=\"0\"{}>\n",
        xml(scanner), tests, failed,
        options.timestamp.empty()
            ? ""
            : fmt::format(" timestamp=\"{}\"", xml(options.timestamp)));
    for (const auto& [key, test_case] : cases) {
      append_case(body, key.first, test_case, report.threshold);
    }
    if (cases.empty()) {
      body += fmt::format(
          "    <testcase classname=\"{}\" name=\"no {} findings\" "
          "time=\"0\"/>\n",
          xml(report.target), xml(scanner));
    }
    body += "  </testsuite>\n";
  }

  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format(
      "<testsuites name=\"rampart scan\" tests=\"{}\" failures=\"{}\" "
      "errors=\"0\" time=\"{:.3f}\">\n",
      total, failures, report.stats.seconds);
  out += body;
  out += "</testsuites>\n";
  return out;
}

}  // namespace rampart
