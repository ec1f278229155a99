// SPDX-License-Identifier: Apache-2.0
//
// `rampart verify`: run Gatekeeper 'gator verify' test suites
#include "cli/commands.h"

namespace rampart::cli {

// TODO(cli): `rampart verify` is declared but its engine has not landed;
// it exits 2 with a message saying so.
CommandRunner add_verify_command(CLI::App& root) {
  root.add_subcommand("verify", "run Gatekeeper 'gator verify' test suites");
  return [] { return fail("'verify' is not available in this build yet"); };
}

}  // namespace rampart::cli
