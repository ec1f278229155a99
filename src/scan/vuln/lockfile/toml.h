// SPDX-License-Identifier: Apache-2.0
//
// The one place the lockfile parsers call toml++. Its parser bounds nesting
// (TOML_MAX_NESTED_VALUES); the toml::parse_error it throws is caught in
// parse_toml() and becomes a parse error naming the file and line.
// Stateless; thread-safe.
#pragma once

#include <toml++/toml.h>

#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {

Result<toml::table> parse_toml(const Context& ctx);

}  // namespace rampart::scan::vuln::lockfile
