// SPDX-License-Identifier: Apache-2.0
//
// The table report for humans: findings grouped by file (the file with the
// worst finding first), each with its location, message, the offending lines
// marked as in a code review, and the fix; then a summary by severity and by
// scanner that says whether the gate passes. Colour only when the caller
// says the output is a terminal. All quoted text goes through
// report_text::terminal_safe so a scanned file cannot send escape sequences.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "rampart/findings/report.h"

#include "findings/text.h"

namespace rampart {

namespace {

constexpr std::size_t kMaxCodeLinesShown = 12;

class Painter {
 public:
  explicit Painter(bool enabled) : enabled_(enabled) {}

  std::string paint(std::string_view code, std::string_view text) const {
    if (!enabled_) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }
  std::string severity(Severity s) const {
    static constexpr const char* kCodes[] = {"2", "34", "33", "31", "1;31"};
    return paint(kCodes[static_cast<int>(s)],
                 fmt::format("{:<8}", severity_name(s)));
  }
  std::string bold(std::string_view text) const { return paint("1", text); }
  std::string dim(std::string_view text) const { return paint("2", text); }

 private:
  bool enabled_;
};

std::string lines_text(const Finding& finding) {
  if (finding.start_line <= 0) return finding.target;
  if (finding.end_line > finding.start_line) {
    return fmt::format("{}:{}-{}", finding.target, finding.start_line,
                       finding.end_line);
  }
  return fmt::format("{}:{}", finding.target, finding.start_line);
}

// A finding from git history says which commit holds those lines, so the
// reader can run `git show COMMIT:PATH`.
std::string location_text(const Finding& finding) {
  std::string_view commit = finding_commit(finding);
  if (commit.empty()) return lines_text(finding);
  std::string text =
      fmt::format("{} in commit {}", lines_text(finding), short_commit(commit));
  auto date = finding.properties.find("author_date");
  if (date != finding.properties.end()) text += " of " + date->second;
  return text;
}

void append_code(std::string& out, const Finding& finding,
                 const Painter& painter) {
  int width = 1;
  for (const Finding::CodeLine& line : finding.code) {
    width = std::max<int>(width,
                          static_cast<int>(std::to_string(line.number).size()));
  }
  std::size_t shown = 0;
  for (const Finding::CodeLine& line : finding.code) {
    if (shown++ == kMaxCodeLinesShown) {
      out += painter.dim("        ...\n");
      break;
    }
    std::string text = report_text::terminal_safe(line.text);
    std::string gutter = fmt::format("{} {:>{}} | ", line.offending ? '>' : ' ',
                                     line.number, width);
    if (line.offending) {
      out += "      " + painter.bold(gutter + text) + "\n";
    } else {
      out += "      " + painter.dim(gutter + text) + "\n";
    }
  }
}

void append_finding(std::string& out, const Finding& finding,
                    const Painter& painter) {
  out +=
      fmt::format("  {} {}  {}  [{}]\n", painter.severity(finding.severity),
                  painter.bold(report_text::terminal_safe(finding.rule_id)),
                  report_text::terminal_safe(finding.title), finding.scanner);
  out += fmt::format("    at {}\n",
                     report_text::terminal_safe(location_text(finding)));
  if (!finding.message.empty() && finding.message != finding.title) {
    out += fmt::format("    {}\n", report_text::terminal_safe(finding.message));
  }
  append_code(out, finding, painter);
  if (!finding.remediation.empty()) {
    out += fmt::format("    fix: {}\n",
                       report_text::terminal_safe(finding.remediation));
  }
  if (!finding.references.empty()) {
    out += fmt::format("    see: {}\n",
                       report_text::terminal_safe(finding.references.front()));
  }
  out += '\n';
}

// File order: the order in which files first appear in the sorted findings,
// so the file holding the worst finding comes first. A file as it was in a
// past commit (`rampart scan --history`) is a heading of its own.
std::vector<std::string> files_in_order(const std::vector<Finding>& findings) {
  std::vector<std::string> order;
  std::map<std::string, bool> seen;
  for (const Finding& finding : findings) {
    std::string heading = target_with_commit(finding);
    if (seen.emplace(heading, true).second) order.push_back(heading);
  }
  return order;
}

void append_summary(std::string& out, const ScanReport& report,
                    const Painter& painter) {
  std::size_t by_severity[5] = {};
  std::map<std::string, std::size_t> by_scanner;
  for (const std::string& name : report.scanners) by_scanner[name] = 0;
  for (const Finding& finding : report.findings) {
    ++by_severity[static_cast<int>(finding.severity)];
    ++by_scanner[finding.scanner];
  }

  std::vector<std::string> parts;
  for (int s = 4; s >= 0; --s) {
    parts.push_back(fmt::format("{} {}", by_severity[s],
                                severity_name(static_cast<Severity>(s))));
  }
  out += fmt::format("{} findings: {}\n",
                     painter.bold(std::to_string(report.findings.size())),
                     fmt::join(parts, ", "));
  parts.clear();
  for (const auto& [name, count] : by_scanner) {
    parts.push_back(fmt::format("{} {}", name, count));
  }
  out += fmt::format("by scanner: {}\n", fmt::join(parts, ", "));
  if (report.suppressed > 0) {
    out +=
        fmt::format("suppressed by the ignore file: {}\n", report.suppressed);
  }
  out += fmt::format("scanned {} of {} files in {:.2f} s\n",
                     report.stats.files_scanned, report.stats.files_walked,
                     report.stats.seconds);

  std::size_t failing = count_at_or_above(report.findings, report.threshold);
  std::string verdict = failing > 0 ? painter.paint("1;31", "FAILED")
                                    : painter.paint("32", "passed");
  out += fmt::format("gate {}: {} at or above {}\n", verdict, failing,
                     severity_name(report.threshold));
}

}  // namespace

std::string render_table(const ScanReport& report,
                         const ReportOptions& options) {
  Painter painter(options.color);
  std::string out;
  for (const std::string& file : files_in_order(report.findings)) {
    std::size_t count = std::count_if(
        report.findings.begin(), report.findings.end(),
        [&](const Finding& f) { return target_with_commit(f) == file; });
    std::string heading =
        fmt::format("{} ({} finding{})", report_text::terminal_safe(file),
                    count, count == 1 ? "" : "s");
    out += painter.bold(heading) + "\n";
    out += std::string(std::min<std::size_t>(heading.size(), 78), '=') + "\n";
    for (const Finding& finding : report.findings) {
      if (target_with_commit(finding) == file)
        append_finding(out, finding, painter);
    }
  }
  if (report.findings.empty()) out += "No findings.\n\n";
  append_summary(out, report, painter);
  return out;
}

}  // namespace rampart
