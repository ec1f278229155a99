// SPDX-License-Identifier: Apache-2.0
//
// `rampart scan`: scan a project for misconfigurations, secrets and vulnerable dependencies
#include "cli/commands.h"

namespace rampart::cli {

// TODO(cli): `rampart scan` is declared but its engine has not landed;
// it exits 2 with a message saying so.
CommandRunner add_scan_command(CLI::App& root) {
  root.add_subcommand("scan", "scan a project for misconfigurations, secrets and vulnerable dependencies");
  return [] { return fail("'scan' is not available in this build yet"); };
}

}  // namespace rampart::cli
