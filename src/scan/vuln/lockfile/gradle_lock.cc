// SPDX-License-Identifier: Apache-2.0
//
// Gradle dependency lockfiles (gradle.lockfile, and the older per-
// configuration gradle/dependency-locks/*.lockfile). Untrusted text; bounded
// by the caller's size limit; one record per line.
//
// Accepted format: `group:artifact:version=configuration,...` per line;
// `#` comments and the `empty=` line are skipped, and so is any line that
// does not have exactly three colon-separated coordinates (Gradle writes
// none, so they are treated as stray text rather than a reason to reject the
// whole file). Configurations whose names all mention "test" mark the
// dependency as dev-only.
#include <string>
#include <utility>

#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {
namespace {

bool only_test_configurations(std::string_view configurations) {
  if (configurations.empty()) return false;
  while (!configurations.empty()) {
    std::size_t comma = configurations.find(',');
    std::string name = to_lower(configurations.substr(0, comma));
    if (name.find("test") == std::string::npos) return false;
    if (comma == std::string_view::npos) break;
    configurations.remove_prefix(comma + 1);
  }
  return true;
}

}  // namespace

Result<std::vector<Package>> parse_gradle_lock(const Context& ctx) {
  std::vector<Package> packages;
  std::vector<std::string_view> lines = split_lines(ctx.content);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = trim(lines[i]);
    if (line.empty() || starts_with(line, "#")) continue;
    std::size_t equals = line.find('=');
    std::string_view coordinates = line.substr(0, equals);
    std::string_view configurations = equals == std::string_view::npos
                                          ? std::string_view()
                                          : line.substr(equals + 1);
    std::size_t first = coordinates.find(':');
    std::size_t second = first == std::string_view::npos
                             ? first
                             : coordinates.find(':', first + 1);
    if (second == std::string_view::npos ||
        coordinates.find(':', second + 1) != std::string_view::npos) {
      continue;
    }
    std::string_view group = trim(coordinates.substr(0, first));
    std::string_view artifact =
        trim(coordinates.substr(first + 1, second - first - 1));
    std::string_view version = trim(coordinates.substr(second + 1));
    if (group.empty() || artifact.empty() || version.empty()) continue;
    Package package = make_package(
        ctx, "Maven", std::string(group) + ":" + std::string(artifact),
        std::string(version), static_cast<int>(i) + 1);
    package.dev = only_test_configurations(configurations);
    packages.push_back(std::move(package));
  }
  return merge_duplicates(std::move(packages));
}

}  // namespace rampart::scan::vuln::lockfile
