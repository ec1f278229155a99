// SPDX-License-Identifier: Apache-2.0
//
// PHP Composer's composer.lock. Untrusted JSON, parsed through json.h
// (nesting bound, nothing throws).
//
// Reads the "packages" (runtime) and "packages-dev" arrays; each entry's
// "name" and "version" as written, and the git reference of its "source"
// as the commit. A package that is in both is not dev-only. The entries'
// "require" maps give the dependency graph, whose roots come from
// composer.json beside the lockfile ("require", and "require-dev" as dev
// roots) when it is there.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "scan/vuln/lockfile/json.h"
#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {

namespace {

// Names a JSON object lists as keys ("require": {"vendor/x": "^1"}).
std::vector<std::string> required_names(simdjson::dom::element object,
                                        std::string_view key) {
  std::vector<std::string> names;
  simdjson::dom::object map;
  if (!json_object(object, key, &map)) return names;
  for (auto field : map) names.emplace_back(to_lower(field.key));
  return names;
}

// Roots from composer.json beside the lockfile: "require" and, as dev
// roots, "require-dev".
void composer_roots(const Context& ctx,
                    const std::map<std::string, std::size_t>& by_name,
                    DependencyGraph* graph) {
  Context manifest = ctx;
  manifest.source_file = join_path(dir_name(ctx.source_file), "composer.json");
  Result<std::string> content = ctx.read(manifest.source_file);
  if (!content.is_ok()) return;
  manifest.content = *content;
  JsonDocument document;
  if (!document.parse(manifest).is_ok()) return;
  for (const char* list : {"require", "require-dev"}) {
    for (const std::string& name : required_names(document.root(), list)) {
      auto found = by_name.find(name);
      if (found == by_name.end()) continue;
      (std::string_view(list) == "require" ? graph->roots : graph->dev_roots)
          .push_back(found->second);
    }
  }
}

}  // namespace

Result<std::vector<Package>> parse_composer_lock(const Context& ctx) {
  JsonDocument document;
  RAMPART_RETURN_IF_ERROR(document.parse(ctx));
  if (!document.root().is_object()) {
    return parse_error(ctx, "the top level is not a JSON object");
  }

  std::vector<Package> packages;
  std::vector<std::vector<std::string>> requires_;
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
      simdjson::dom::element source;
      if (entry["source"].get(source) == simdjson::SUCCESS &&
          json_string(source, "type") == "git") {
        package.commit = std::string(json_string(source, "reference"));
      }
      packages.push_back(std::move(package));
      requires_.push_back(required_names(entry, "require"));
    }
  }

  // Composer names are case-insensitive; "php" and "ext-*" requirements
  // are platform packages and find no entry.
  std::map<std::string, std::size_t> by_name;
  for (std::size_t i = 0; i < packages.size(); ++i) {
    by_name.emplace(to_lower(packages[i].name), i);
  }
  DependencyGraph graph;
  graph.edges.resize(packages.size());
  for (std::size_t i = 0; i < packages.size(); ++i) {
    for (const std::string& name : requires_[i]) {
      auto found = by_name.find(name);
      if (found != by_name.end()) graph.edges[i].push_back(found->second);
    }
  }
  composer_roots(ctx, by_name, &graph);
  apply_dependency_graph(graph, &packages);
  return merge_duplicates(std::move(packages));
}

}  // namespace rampart::scan::vuln::lockfile
