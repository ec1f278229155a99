// SPDX-License-Identifier: Apache-2.0
//
// The exit codes every rampart command shares (DESIGN.md, "Command
// contracts"). Commands return one of these; nothing else calls exit().
#pragma once

namespace rampart::cli {

// Success, and nothing at or above the severity threshold.
inline constexpr int kExitOk = 0;
// Findings at or above the threshold, or a failed `rampart test`.
inline constexpr int kExitFindings = 1;
// Usage error, unreadable input, or an internal error.
inline constexpr int kExitError = 2;

}  // namespace rampart::cli
