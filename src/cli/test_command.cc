// SPDX-License-Identifier: Apache-2.0
//
// `rampart test`: run Rego unit tests (test_* rules), as 'opa test' does
#include "cli/commands.h"

namespace rampart::cli {

// TODO(cli): `rampart test` is declared but its engine has not landed;
// it exits 2 with a message saying so.
CommandRunner add_test_command(CLI::App& root) {
  root.add_subcommand("test", "run Rego unit tests (test_* rules), as 'opa test' does");
  return [] { return fail("'test' is not available in this build yet"); };
}

}  // namespace rampart::cli
