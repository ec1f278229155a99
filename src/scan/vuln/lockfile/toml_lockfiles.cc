// SPDX-License-Identifier: Apache-2.0
//
// The TOML lockfiles: Cargo.lock, poetry.lock and uv.lock. Untrusted text
// parsed through toml.h (toml++ with its nesting bound; nothing throws).
//
// All three list `[[package]]` tables with `name` and `version`, and the
// dependency graph between them, from which the direct flag and the
// shortest dependency path are computed (see apply_dependency_graph):
// - Cargo.lock: every package, local path crates included; a `source` of
//   "git+URL#commit" gives the commit. Crates without a source are the
//   project's own, and what they depend on is direct.
// - poetry.lock: `category = "dev"` (Poetry 1) or `groups` without "main"
//   (Poetry 2) mark dev-only packages; a git `[package.source]` gives its
//   `resolved_reference` as the commit. The roots come from pyproject.toml
//   beside the lockfile (Poetry tables, PEP 621 and PEP 735), when present.
// - uv.lock: the project itself (`source = { virtual/editable = "." }`) is
//   left out but gives the roots (its dependencies, optional and dev
//   dependencies; packages reached only from dev ones are dev); a
//   `source = { git = "URL#commit" }` gives the commit.
#include <cctype>
#include <exception>
#include <map>
#include <string>
#include <utility>

#include "fmt/format.h"
#include "scan/vuln/lockfile/parsers.h"
#include "scan/vuln/lockfile/toml.h"

namespace rampart::scan::vuln::lockfile {
namespace {

std::string str(const toml::table& table, std::string_view key) {
  return std::string(table[key].value_or(std::string_view()));
}

int line_of(const toml::table& table) {
  return static_cast<int>(table.source().begin.line);
}

std::string commit_after_hash(std::string_view url) {
  std::size_t hash = url.rfind('#');
  return hash == std::string_view::npos ? std::string()
                                        : std::string(url.substr(hash + 1));
}

// Calls `visit` for each [[package]] table that has a name.
template <typename Visit>
void for_each_package(const toml::table& root, Visit visit) {
  const toml::array* packages = root["package"].as_array();
  if (packages == nullptr) return;
  for (const toml::node& node : *packages) {
    const toml::table* table = node.as_table();
    if (table == nullptr || str(*table, "name").empty()) continue;
    visit(*table);
  }
}

bool poetry_dev_only(const toml::table& table) {
  if (str(table, "category") == "dev") return true;
  const toml::array* groups = table["groups"].as_array();
  if (groups == nullptr || groups->empty()) return false;
  for (const toml::node& group : *groups) {
    if (group.value_or(std::string_view()) == "main") return false;
  }
  return true;
}

bool uv_is_project(const toml::table& table) {
  const toml::table* source = table["source"].as_table();
  if (source == nullptr) return false;
  for (std::string_view kind : {"virtual", "editable"}) {
    if (source->get(kind) != nullptr && str(*source, kind) == ".") return true;
  }
  return false;
}

// "serde", "serde 1.0.0" or "serde 1.0.0 (registry+...)" -> name, version.
std::pair<std::string, std::string> split_cargo_dependency(
    std::string_view text) {
  std::size_t space = text.find(' ');
  if (space == std::string_view::npos) return {std::string(text), ""};
  std::string_view rest = text.substr(space + 1);
  return {std::string(text.substr(0, space)),
          std::string(rest.substr(0, rest.find(' ')))};
}

// Finds a package by name (and version, when given) among `packages`,
// with names compared through `normalise`.
class PackageIndex {
 public:
  PackageIndex(const std::vector<Package>& packages,
               std::string (*normalise)(std::string_view))
      : packages_(packages), normalise_(normalise) {
    for (std::size_t i = 0; i < packages.size(); ++i) {
      by_name_[normalise(packages[i].name)].push_back(i);
    }
  }

  // Index of the match, or packages.size() when there is none.
  std::size_t find(std::string_view name, std::string_view version) const {
    auto found = by_name_.find(normalise_(name));
    if (found == by_name_.end()) return packages_.size();
    for (std::size_t index : found->second) {
      if (version.empty() || packages_[index].version == version) {
        return index;
      }
    }
    return found->second.front();
  }

 private:
  const std::vector<Package>& packages_;
  std::string (*normalise_)(std::string_view);
  std::map<std::string, std::vector<std::size_t>> by_name_;
};

std::string same_name(std::string_view name) { return std::string(name); }

// Names in a TOML array of strings or of inline tables with `name`.
std::vector<std::pair<std::string, std::string>> listed_names(
    const toml::node_view<const toml::node>& node) {
  std::vector<std::pair<std::string, std::string>> out;
  const toml::array* array = node.as_array();
  if (array == nullptr) return out;
  for (const toml::node& item : *array) {
    if (const toml::table* table = item.as_table()) {
      out.emplace_back(str(*table, "name"), str(*table, "version"));
    } else if (auto text = item.value<std::string_view>()) {
      // A PEP 508 requirement: the name is its leading run of name chars.
      std::size_t end = 0;
      while (end < text->size() &&
             (std::isalnum(static_cast<unsigned char>((*text)[end])) != 0 ||
              (*text)[end] == '-' || (*text)[end] == '_' ||
              (*text)[end] == '.')) {
        ++end;
      }
      out.emplace_back(std::string(text->substr(0, end)), "");
    }
  }
  return out;
}

// Every array in a table of arrays ({group = [...], ...}).
std::vector<std::pair<std::string, std::string>> grouped_names(
    const toml::node_view<const toml::node>& node) {
  std::vector<std::pair<std::string, std::string>> out;
  const toml::table* table = node.as_table();
  if (table == nullptr) return out;
  for (const auto& [group, list] : *table) {
    (void)group;
    auto names = listed_names(toml::node_view<const toml::node>(&list));
    out.insert(out.end(), names.begin(), names.end());
  }
  return out;
}

void add_edges(const PackageIndex& index, std::size_t size,
               const std::vector<std::pair<std::string, std::string>>& names,
               std::vector<std::size_t>* out) {
  for (const auto& [name, version] : names) {
    std::size_t target = index.find(name, version);
    if (target < size) out->push_back(target);
  }
}

// The roots poetry.lock cannot tell: pyproject.toml beside it, in both
// Poetry's own tables and PEP 621 / PEP 735 form.
void poetry_roots(const Context& ctx, const PackageIndex& index,
                  std::size_t size, DependencyGraph* graph) {
  Context manifest = ctx;
  manifest.source_file = join_path(dir_name(ctx.source_file), "pyproject.toml");
  Result<std::string> content = ctx.read(manifest.source_file);
  if (!content.is_ok()) return;
  manifest.content = *content;
  Result<toml::table> parsed = parse_toml(manifest);
  if (!parsed.is_ok()) return;
  const toml::table& root = *parsed;

  auto keys = [](const toml::node_view<const toml::node>& node) {
    std::vector<std::pair<std::string, std::string>> out;
    if (const toml::table* table = node.as_table()) {
      for (const auto& [key, value] : *table) {
        (void)value;
        if (key.str() != "python") out.emplace_back(key.str(), "");
      }
    }
    return out;
  };
  add_edges(index, size, keys(root["tool"]["poetry"]["dependencies"]),
            &graph->roots);
  add_edges(index, size, listed_names(root["project"]["dependencies"]),
            &graph->roots);
  add_edges(index, size,
            grouped_names(root["project"]["optional-dependencies"]),
            &graph->roots);
  add_edges(index, size, keys(root["tool"]["poetry"]["dev-dependencies"]),
            &graph->dev_roots);
  add_edges(index, size, grouped_names(root["dependency-groups"]),
            &graph->dev_roots);
  if (const toml::table* groups = root["tool"]["poetry"]["group"].as_table()) {
    for (const auto& [name, group] : *groups) {
      auto deps =
          keys(toml::node_view<const toml::node>(&group)["dependencies"]);
      add_edges(index, size, deps,
                name.str() == "main" ? &graph->roots : &graph->dev_roots);
    }
  }
}

}  // namespace

Result<std::vector<Package>> parse_cargo_lock(const Context& ctx) {
  Result<toml::table> root = parse_toml(ctx);
  if (!root.is_ok()) return root.status();
  std::vector<Package> packages;
  std::vector<const toml::table*> tables;
  for_each_package(*root, [&](const toml::table& table) {
    Package package = make_package(ctx, "crates.io", str(table, "name"),
                                   str(table, "version"), line_of(table));
    std::string source = str(table, "source");
    if (starts_with(source, "git+")) package.commit = commit_after_hash(source);
    packages.push_back(std::move(package));
    tables.push_back(&table);
  });

  // Crates without a source are the project's own (workspace members):
  // what they depend on is direct.
  PackageIndex index(packages, same_name);
  DependencyGraph graph;
  graph.edges.resize(packages.size());
  for (std::size_t i = 0; i < tables.size(); ++i) {
    bool local = tables[i]->get("source") == nullptr;
    const toml::array* deps = (*tables[i])["dependencies"].as_array();
    if (deps == nullptr) continue;
    for (const toml::node& dep : *deps) {
      auto [name, version] =
          split_cargo_dependency(dep.value_or(std::string_view()));
      std::size_t target = index.find(name, version);
      if (target >= packages.size()) continue;
      graph.edges[i].push_back(target);
      if (local) graph.roots.push_back(target);
    }
  }
  apply_dependency_graph(graph, &packages);
  return merge_duplicates(std::move(packages));
}

Result<std::vector<Package>> parse_poetry_lock(const Context& ctx) {
  Result<toml::table> root = parse_toml(ctx);
  if (!root.is_ok()) return root.status();
  std::vector<Package> packages;
  std::vector<const toml::table*> tables;
  for_each_package(*root, [&](const toml::table& table) {
    Package package = make_package(ctx, "PyPI", str(table, "name"),
                                   str(table, "version"), line_of(table));
    package.dev = poetry_dev_only(table);
    const toml::table* source = table["source"].as_table();
    if (source != nullptr && str(*source, "type") == "git") {
      package.commit = str(*source, "resolved_reference");
    }
    packages.push_back(std::move(package));
    tables.push_back(&table);
  });

  PackageIndex index(packages, pep503_name);
  DependencyGraph graph;
  graph.edges.resize(packages.size());
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const toml::table* deps = (*tables[i])["dependencies"].as_table();
    if (deps == nullptr) continue;
    for (const auto& [name, constraint] : *deps) {
      (void)constraint;
      std::size_t target = index.find(name.str(), "");
      if (target < packages.size()) graph.edges[i].push_back(target);
    }
  }
  poetry_roots(ctx, index, packages.size(), &graph);
  apply_dependency_graph(graph, &packages);
  return merge_duplicates(std::move(packages));
}

Result<std::vector<Package>> parse_uv_lock(const Context& ctx) {
  Result<toml::table> root = parse_toml(ctx);
  if (!root.is_ok()) return root.status();
  std::vector<Package> packages;
  std::vector<const toml::table*> tables;
  std::vector<const toml::table*> projects;
  for_each_package(*root, [&](const toml::table& table) {
    if (uv_is_project(table)) {
      projects.push_back(&table);
      return;
    }
    Package package = make_package(ctx, "PyPI", str(table, "name"),
                                   str(table, "version"), line_of(table));
    const toml::table* source = table["source"].as_table();
    if (source != nullptr && source->get("git") != nullptr) {
      package.commit = commit_after_hash(str(*source, "git"));
    }
    packages.push_back(std::move(package));
    tables.push_back(&table);
  });

  // The project's own entry lists its runtime, optional and dev roots.
  PackageIndex index(packages, pep503_name);
  DependencyGraph graph;
  graph.edges.resize(packages.size());
  for (std::size_t i = 0; i < tables.size(); ++i) {
    add_edges(index, packages.size(),
              listed_names((*tables[i])["dependencies"]), &graph.edges[i]);
  }
  for (const toml::table* project : projects) {
    add_edges(index, packages.size(), listed_names((*project)["dependencies"]),
              &graph.roots);
    add_edges(index, packages.size(),
              grouped_names((*project)["optional-dependencies"]), &graph.roots);
    add_edges(index, packages.size(),
              grouped_names((*project)["dev-dependencies"]), &graph.dev_roots);
  }
  apply_dependency_graph(graph, &packages);
  return merge_duplicates(std::move(packages));
}

}  // namespace rampart::scan::vuln::lockfile
