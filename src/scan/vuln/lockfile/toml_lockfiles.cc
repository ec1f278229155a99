// SPDX-License-Identifier: Apache-2.0
//
// The TOML lockfiles: Cargo.lock, poetry.lock and uv.lock. Untrusted text
// parsed by toml++, whose parser bounds nesting (TOML_MAX_NESTED_VALUES);
// its parse_error exception is caught in parse_toml(), the one function
// that calls it, and becomes a parse error naming the file and line.
//
// All three list `[[package]]` tables with `name` and `version`:
// - Cargo.lock: every package, local path crates included; a `source` of
//   "git+URL#commit" gives the commit.
// - poetry.lock: `category = "dev"` (Poetry 1) or `groups` without "main"
//   (Poetry 2) mark dev-only packages; a git `[package.source]` gives its
//   `resolved_reference` as the commit.
// - uv.lock: the project itself (`source = { virtual/editable = "." }`) is
//   left out; a `source = { git = "URL#commit" }` gives the commit.
#include <exception>
#include <string>
#include <utility>

#include <toml++/toml.h>

#include "fmt/format.h"
#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {
namespace {

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

}  // namespace

Result<std::vector<Package>> parse_cargo_lock(const Context& ctx) {
  Result<toml::table> root = parse_toml(ctx);
  if (!root.is_ok()) return root.status();
  std::vector<Package> packages;
  for_each_package(*root, [&](const toml::table& table) {
    Package package = make_package(ctx, "crates.io", str(table, "name"),
                                   str(table, "version"), line_of(table));
    std::string source = str(table, "source");
    if (starts_with(source, "git+")) package.commit = commit_after_hash(source);
    packages.push_back(std::move(package));
  });
  return merge_duplicates(std::move(packages));
}

Result<std::vector<Package>> parse_poetry_lock(const Context& ctx) {
  Result<toml::table> root = parse_toml(ctx);
  if (!root.is_ok()) return root.status();
  std::vector<Package> packages;
  for_each_package(*root, [&](const toml::table& table) {
    Package package = make_package(ctx, "PyPI", str(table, "name"),
                                   str(table, "version"), line_of(table));
    package.dev = poetry_dev_only(table);
    const toml::table* source = table["source"].as_table();
    if (source != nullptr && str(*source, "type") == "git") {
      package.commit = str(*source, "resolved_reference");
    }
    packages.push_back(std::move(package));
  });
  return merge_duplicates(std::move(packages));
}

Result<std::vector<Package>> parse_uv_lock(const Context& ctx) {
  Result<toml::table> root = parse_toml(ctx);
  if (!root.is_ok()) return root.status();
  std::vector<Package> packages;
  for_each_package(*root, [&](const toml::table& table) {
    if (uv_is_project(table)) return;
    Package package = make_package(ctx, "PyPI", str(table, "name"),
                                   str(table, "version"), line_of(table));
    const toml::table* source = table["source"].as_table();
    if (source != nullptr && source->get("git") != nullptr) {
      package.commit = commit_after_hash(str(*source, "git"));
    }
    packages.push_back(std::move(package));
  });
  return merge_duplicates(std::move(packages));
}

}  // namespace rampart::scan::vuln::lockfile
