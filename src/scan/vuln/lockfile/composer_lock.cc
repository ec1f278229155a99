// SPDX-License-Identifier: Apache-2.0
//
// PHP Composer's composer.lock. Untrusted JSON, parsed through json.h
// (nesting bound, nothing throws).
//
// Reads the "packages" (runtime) and "packages-dev" arrays; each entry's
// "name" and "version" as written, and the git reference of its "source"
// as the commit. A package that is in both is not dev-only.
#include <string>
#include <utility>

#include "scan/vuln/lockfile/json.h"
#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {

Result<std::vector<Package>> parse_composer_lock(const Context& ctx) {
  JsonDocument document;
  RAMPART_RETURN_IF_ERROR(document.parse(ctx));
  if (!document.root().is_object()) {
    return parse_error(ctx, "the top level is not a JSON object");
  }

  std::vector<Package> packages;
  LineCursor lines(ctx.content);
  for (std::string_view list : {"packages", "packages-dev"}) {
    simdjson::dom::array entries;
    if (!json_array(document.root(), list, &entries)) continue;
    for (simdjson::dom::element entry : entries) {
      std::string name(json_string(entry, "name"));
      if (name.empty()) continue;
      int line = lines.find("\"" + name + "\"");
      Package package =
          make_package(ctx, "Packagist", name,
                       std::string(json_string(entry, "version")), line);
      package.dev = list == "packages-dev";
      package.direct = false;  // composer.lock does not say
      simdjson::dom::element source;
      if (entry["source"].get(source) == simdjson::SUCCESS &&
          json_string(source, "type") == "git") {
        package.commit = std::string(json_string(source, "reference"));
      }
      packages.push_back(std::move(package));
    }
  }
  return merge_duplicates(std::move(packages));
}

}  // namespace rampart::scan::vuln::lockfile
