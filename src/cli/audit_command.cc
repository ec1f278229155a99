// SPDX-License-Identifier: Apache-2.0
//
// `rampart audit`: evaluate Gatekeeper constraints against existing objects
#include "cli/commands.h"

namespace rampart::cli {

// TODO(cli): `rampart audit` is declared but its engine has not landed;
// it exits 2 with a message saying so.
CommandRunner add_audit_command(CLI::App& root) {
  root.add_subcommand("audit", "evaluate Gatekeeper constraints against existing objects");
  return [] { return fail("'audit' is not available in this build yet"); };
}

}  // namespace rampart::cli
