// SPDX-License-Identifier: Apache-2.0
//
// The subcommands of the rampart binary. Each add_*_command() declares its
// flags on a new subcommand of `root` and returns the function that runs it
// after parsing; that function returns an exit code from exit_codes.h and
// reports problems as one line on stderr.
#pragma once

#include <functional>
#include <string_view>

#include <CLI/CLI.hpp>

namespace rampart::cli {

using CommandRunner = std::function<int()>;

CommandRunner add_eval_command(CLI::App& root);
CommandRunner add_test_command(CLI::App& root);
CommandRunner add_scan_command(CLI::App& root);
CommandRunner add_db_command(CLI::App& root);
CommandRunner add_serve_command(CLI::App& root);
CommandRunner add_verify_command(CLI::App& root);
CommandRunner add_audit_command(CLI::App& root);

// Prints "rampart: <message>" on stderr and returns kExitError.
int fail(std::string_view message);

// A duration as Go writes it ("250ms", "3s", "1m30s", "1.5h"; units ns, us,
// µs, ms, s, m, h), or a bare number of milliseconds, rounded down to whole
// milliseconds. False for anything else, negative values, or more than a
// day.
bool parse_duration_ms(std::string_view text, long long& ms);

// Builds the whole command tree and runs the chosen command; `main` only
// calls this. Returns the process exit code.
int run_cli(int argc, char** argv);

}  // namespace rampart::cli
