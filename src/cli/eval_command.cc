// SPDX-License-Identifier: Apache-2.0
//
// `rampart eval`: evaluate a Rego query, as 'opa eval' does
#include "cli/commands.h"

namespace rampart::cli {

// TODO(cli): `rampart eval` is declared but its engine has not landed;
// it exits 2 with a message saying so.
CommandRunner add_eval_command(CLI::App& root) {
  root.add_subcommand("eval", "evaluate a Rego query, as 'opa eval' does");
  return [] { return fail("'eval' is not available in this build yet"); };
}

}  // namespace rampart::cli
