// SPDX-License-Identifier: Apache-2.0
//
// Entry point of the rampart binary; all work happens in run_cli().
#include "cli/commands.h"

int main(int argc, char** argv) { return rampart::cli::run_cli(argc, argv); }
