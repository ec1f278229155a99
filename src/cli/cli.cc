// SPDX-License-Identifier: Apache-2.0
//
// The command tree: parses arguments with CLI11, dispatches to the chosen
// subcommand, and turns parse errors and stray exceptions into exit code 2
// with one line on stderr.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace rampart::cli {

int fail(std::string_view message) {
  std::fprintf(stderr, "rampart: %.*s\n", static_cast<int>(message.size()),
               message.data());
  return kExitError;
}

namespace {

struct Subcommand {
  CLI::App* app;
  CommandRunner run;
};

// CLI11 signals --help and --version through exceptions; everything else it
// throws is a usage error, reported as one line with a pointer to --help.
int handle_parse_error(const CLI::App& root, const CLI::ParseError& error) {
  if (dynamic_cast<const CLI::CallForHelp*>(&error) != nullptr ||
      dynamic_cast<const CLI::CallForAllHelp*>(&error) != nullptr ||
      dynamic_cast<const CLI::CallForVersion*>(&error) != nullptr) {
    return root.exit(error);
  }
  return fail(std::string(error.what()) + " (see 'rampart --help')");
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App root{
      "rampart: security gates for cloud-native delivery.\n"
      "Policy as code (Rego), CI scanning and Kubernetes admission control.",
      "rampart"};
  root.set_version_flag("--version", "rampart " RAMPART_VERSION);
  root.require_subcommand(1);
  root.fallthrough(false);

  std::vector<Subcommand> subcommands;
  auto add = [&](CommandRunner (*adder)(CLI::App&)) {
    CommandRunner run = adder(root);
    subcommands.push_back({root.get_subcommands({}).back(), std::move(run)});
  };
  add(add_eval_command);
  add(add_test_command);
  add(add_scan_command);
  add(add_db_command);
  add(add_serve_command);
  add(add_verify_command);
  add(add_audit_command);

  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return handle_parse_error(root, error);
  }

  try {
    for (const Subcommand& sub : subcommands) {
      if (sub.app->parsed()) return sub.run();
    }
  } catch (const std::exception& error) {
    return fail(std::string("internal error: ") + error.what());
  }
  return fail("no command given (see 'rampart --help')");
}

}  // namespace rampart::cli
