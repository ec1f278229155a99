// SPDX-License-Identifier: Apache-2.0
//
// Formats whose parser has not landed yet answer kUnsupported.
#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {
namespace {

Result<std::vector<Package>> pending(const Context& ctx) {
  return Status(StatusCode::kUnsupported,
                std::string(inventory_format_name(ctx.format)) +
                    " parsing is not implemented yet",
                SourceLocation{ctx.source_file, 0, 0});
}

}  // namespace

// TODO(vuln): each parser below moves to its own file; until then scans
// report the file as unsupported.
Result<std::vector<Package>> parse_maven_pom(const Context& c) {
  return pending(c);
}

}  // namespace rampart::scan::vuln::lockfile
