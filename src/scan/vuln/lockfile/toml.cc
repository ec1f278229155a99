// SPDX-License-Identifier: Apache-2.0
//
// toml++ wrapper for the lockfile parsers; see toml.h.
#include "scan/vuln/lockfile/toml.h"

#include <exception>

#include "fmt/format.h"

namespace rampart::scan::vuln::lockfile {

Result<toml::table> parse_toml(const Context& ctx) {
  try {
    return toml::parse(ctx.content, ctx.source_file);
  } catch (const toml::parse_error& error) {
    return parse_error(ctx,
                       fmt::format("invalid TOML ({})", error.description()),
                       static_cast<int>(error.source().begin.line));
  } catch (const std::exception& error) {
    return parse_error(ctx, fmt::format("invalid TOML ({})", error.what()));
  }
}

}  // namespace rampart::scan::vuln::lockfile
