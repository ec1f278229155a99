// SPDX-License-Identifier: Apache-2.0
//
// Pipenv's Pipfile.lock. Untrusted JSON, parsed through json.h (nesting
// bound, nothing throws).
//
// Reads the "default" (runtime) and "develop" sections: each key is a
// package, its "version" is "==X". Entries without a version (editable git
// checkouts, local paths) are skipped: they have no registry version to
// match. The git "ref", when present, is kept as the commit. Packages that
// the Pipfile beside the lockfile lists are direct.
#include <set>
#include <string>
#include <utility>

#include "scan/vuln/lockfile/json.h"
#include "scan/vuln/lockfile/parsers.h"
#include "scan/vuln/lockfile/toml.h"

namespace rampart::scan::vuln::lockfile {

namespace {

// The Pipfile beside the lockfile names the project's own packages
// ([packages], [dev-packages]); the lockfile alone does not say.
void mark_pipfile_roots(const Context& ctx, std::vector<Package>* packages) {
  Context manifest = ctx;
  manifest.source_file = join_path(dir_name(ctx.source_file), "Pipfile");
  Result<std::string> content = ctx.read(manifest.source_file);
  if (!content.is_ok()) return;
  manifest.content = *content;
  Result<toml::table> parsed = parse_toml(manifest);
  if (!parsed.is_ok()) return;
  std::set<std::string> declared;
  for (const char* section : {"packages", "dev-packages"}) {
    if (const toml::table* table = (*parsed)[section].as_table()) {
      for (const auto& [name, spec] : *table) {
        (void)spec;
        declared.insert(pep503_name(name.str()));
      }
    }
  }
  for (Package& package : *packages) {
    package.direct = declared.count(pep503_name(package.name)) != 0;
  }
}

}  // namespace

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
  mark_pipfile_roots(ctx, &packages);
  return merge_duplicates(std::move(packages));
}

}  // namespace rampart::scan::vuln::lockfile
