// SPDX-License-Identifier: Apache-2.0
//
// `rampart serve`: run the Kubernetes admission webhook over HTTPS
#include "cli/commands.h"

namespace rampart::cli {

// TODO(cli): `rampart serve` is declared but its engine has not landed;
// it exits 2 with a message saying so.
CommandRunner add_serve_command(CLI::App& root) {
  root.add_subcommand("serve", "run the Kubernetes admission webhook over HTTPS");
  return [] { return fail("'serve' is not available in this build yet"); };
}

}  // namespace rampart::cli
