// SPDX-License-Identifier: Apache-2.0
//
// NuGet's packages.lock.json (lock file version 1). Untrusted JSON, parsed
// through json.h (nesting bound, nothing throws).
//
// "dependencies" maps each target framework to its packages; an entry's
// "resolved" is the installed version and "type" says Direct, Transitive,
// CentralTransitive or Project. Project references have no version and are
// skipped. The same package in several frameworks is reported once per
// version. Each entry's "dependencies" give the graph from the Direct
// entries, hence the dependency paths. Any "version" other than 1 is refused as
// unsupported.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "scan/vuln/lockfile/json.h"
#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {

Result<std::vector<Package>> parse_nuget_lock(const Context& ctx) {
  JsonDocument document;
  RAMPART_RETURN_IF_ERROR(document.parse(ctx));
  simdjson::dom::element root = document.root();
  if (!root.is_object()) {
    return parse_error(ctx, "the top level is not a JSON object");
  }
  int64_t version = 0;
  if (root["version"].get(version) != simdjson::SUCCESS) {
    return parse_error(ctx, "no lock file \"version\"");
  }
  if (version != 1) {
    return Status(StatusCode::kUnsupported,
                  fmt::format("packages.lock.json version {} is not "
                              "supported (only version 1)",
                              version),
                  SourceLocation{ctx.source_file, 0, 0});
  }

  std::vector<Package> packages;
  simdjson::dom::object frameworks;
  if (!json_object(root, "dependencies", &frameworks)) return packages;

  // Each framework is its own graph: "Direct" entries are the roots and
  // an entry's "dependencies" name packages of the same framework.
  DependencyGraph graph;
  std::vector<std::vector<std::string>> requires_;
  std::map<std::pair<std::string, std::string>, std::size_t> by_name;
  std::vector<std::string> framework_of;
  for (auto [framework, entries] : frameworks) {
    simdjson::dom::object list;
    if (entries.get(list) != simdjson::SUCCESS) continue;
    LineCursor lines(ctx.content);
    lines.find("\"" + std::string(framework) + "\"");
    for (auto [name, entry] : list) {
      std::string_view resolved = json_string(entry, "resolved");
      if (resolved.empty()) continue;
      int line = lines.find("\"" + std::string(name) + "\"");
      by_name.emplace(std::make_pair(std::string(framework), to_lower(name)),
                      packages.size());
      if (json_string(entry, "type") == "Direct") {
        graph.roots.push_back(packages.size());
      }
      std::vector<std::string> names;
      simdjson::dom::object deps;
      if (json_object(entry, "dependencies", &deps)) {
        for (auto dep : deps) names.push_back(to_lower(dep.key));
      }
      requires_.push_back(std::move(names));
      framework_of.emplace_back(framework);
      packages.push_back(make_package(ctx, "NuGet", std::string(name),
                                      std::string(resolved), line));
    }
  }
  graph.edges.resize(packages.size());
  for (std::size_t i = 0; i < packages.size(); ++i) {
    for (const std::string& name : requires_[i]) {
      auto found = by_name.find({framework_of[i], name});
      if (found != by_name.end()) graph.edges[i].push_back(found->second);
    }
  }
  apply_dependency_graph(graph, &packages);
  return merge_duplicates(std::move(packages));
}

}  // namespace rampart::scan::vuln::lockfile
