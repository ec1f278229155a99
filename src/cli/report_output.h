// SPDX-License-Identifier: Apache-2.0
//
// How the commands that report findings (`rampart scan`, `rampart audit`)
// write their report and pick their exit code, so both behave the same:
// the report goes to `-o FILE` atomically (never half-written) or to
// stdout, a table is coloured only on a terminal without NO_COLOR, and the
// exit code follows the severity threshold.
#pragma once

#include <string>

#include "rampart/findings/report.h"

namespace rampart::cli {

// The current UTC time as RFC 3339 ("2026-12-04T16:00:00Z").
std::string rfc3339_now();

// Renders `report` and writes it to `output`, or to stdout when `output` is
// empty. Sets `options.color` itself. Returns kExitOk, or kExitError after
// one line on stderr naming what could not be written.
int write_report(const ScanReport& report, ReportFormat format,
                 const std::string& output, ReportOptions options);

// kExitOk when no finding reaches the report's threshold; otherwise the
// user's `--exit-code` when one was given (>= 0), else kExitFindings.
int exit_code_for(const ScanReport& report, int chosen_exit_code);

}  // namespace rampart::cli
