// SPDX-License-Identifier: Apache-2.0
//
// Report writing and exit codes shared by `rampart scan` and `rampart audit`
// (see report_output.h).
#include "cli/report_output.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>

#include <unistd.h>

#include "rampart/base/file.h"

#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace rampart::cli {

std::string rfc3339_now() {
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

int write_report(const ScanReport& report, ReportFormat format,
                 const std::string& output, ReportOptions options) {
  options.color = format == ReportFormat::kTable && output.empty() &&
                  isatty(STDOUT_FILENO) != 0 &&
                  std::getenv("NO_COLOR") == nullptr;
  std::string text = render_report(report, format, options);

  if (!output.empty()) {
    Status written = write_file_atomic(output, text);
    return written.is_ok() ? kExitOk : fail(written.to_string());
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (std::fflush(stdout) != 0) return fail("cannot write to stdout");
  return kExitOk;
}

int exit_code_for(const ScanReport& report, int chosen_exit_code) {
  if (count_at_or_above(report.findings, report.threshold) == 0) {
    return kExitOk;
  }
  return chosen_exit_code >= 0 ? chosen_exit_code : kExitFindings;
}

}  // namespace rampart::cli
