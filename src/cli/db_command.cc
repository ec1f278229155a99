// SPDX-License-Identifier: Apache-2.0
//
// `rampart db`: manage the OSV vulnerability store
#include "cli/commands.h"

namespace rampart::cli {

// TODO(cli): `rampart db` is declared but its engine has not landed;
// it exits 2 with a message saying so.
CommandRunner add_db_command(CLI::App& root) {
  root.add_subcommand("db", "manage the OSV vulnerability store");
  return [] { return fail("'db' is not available in this build yet"); };
}

}  // namespace rampart::cli
