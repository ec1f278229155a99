// SPDX-License-Identifier: Apache-2.0
//
// What every reporter shares: counting against the threshold, format names,
// and the dispatch from a format to its renderer.
#include "rampart/findings/report.h"

#include <array>
#include <utility>

namespace rampart {

std::size_t count_at_or_above(const std::vector<Finding>& findings,
                              Severity threshold) {
  std::size_t count = 0;
  for (const Finding& finding : findings) {
    if (finding.severity >= threshold) ++count;
  }
  return count;
}

std::optional<ReportFormat> parse_report_format(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, ReportFormat>, 5>
      kNames = {{{"table", ReportFormat::kTable},
                 {"json", ReportFormat::kJson},
                 {"sarif", ReportFormat::kSarif},
                 {"junit", ReportFormat::kJunit},
                 {"cyclonedx", ReportFormat::kCycloneDx}}};
  for (const auto& [name, format] : kNames) {
    if (name == text) return format;
  }
  return std::nullopt;
}

std::string render_report(const ScanReport& report, ReportFormat format,
                          const ReportOptions& options) {
  switch (format) {
    case ReportFormat::kTable:
      return render_table(report, options);
    case ReportFormat::kJson:
      return render_json(report, options);
    case ReportFormat::kSarif:
      return render_sarif(report, options);
    case ReportFormat::kJunit:
      return render_junit(report, options);
    case ReportFormat::kCycloneDx:
      return render_cyclonedx(report, options);
  }
  return {};
}

}  // namespace rampart
