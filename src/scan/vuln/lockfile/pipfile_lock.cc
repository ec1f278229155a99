// SPDX-License-Identifier: Apache-2.0
//
// Pipenv's Pipfile.lock. Untrusted JSON, parsed through json.h (nesting
// bound, nothing throws).
//
// Reads the "default" (runtime) and "develop" sections: each key is a
// package, its "version" is "==X". Entries without a version (editable git
// checkouts, local paths) are skipped: they have no registry version to
// match. The git "ref", when present, is kept as the commit.
#include <string>
#include <utility>

#include "scan/vuln/lockfile/json.h"
#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {

Result<std::vector<Package>> parse_pipfile_lock(const Context& ctx) {
  JsonDocument document;
  RAMPART_RETURN_IF_ERROR(document.parse(ctx));
  if (!document.root().is_object()) {
    return parse_error(ctx, "the top level is not a JSON object");
  }

  std::vector<Package> packages;
  for (std::string_view section : {"default", "develop"}) {
    simdjson::dom::object entries;
    if (!json_object(document.root(), section, &entries)) continue;
    LineCursor lines(ctx.content);
    for (auto [key, entry] : entries) {
      std::string_view version = json_string(entry, "version");
      if (!starts_with(version, "==")) continue;
      version.remove_prefix(starts_with(version, "===") ? 3 : 2);
      int line = lines.find("\"" + std::string(key) + "\"");
      Package package = make_package(ctx, "PyPI", std::string(key),
                                     std::string(trim(version)), line);
      package.dev = section == "develop";
      package.commit = std::string(json_string(entry, "ref"));
      packages.push_back(std::move(package));
    }
  }
  return merge_duplicates(std::move(packages));
}

}  // namespace rampart::scan::vuln::lockfile
