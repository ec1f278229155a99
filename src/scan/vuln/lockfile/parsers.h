// SPDX-License-Identifier: Apache-2.0
//
// Internal to the lockfile parsers: the context every format parser gets and
// the shared helpers (errors naming the file, purls, de-duplication, line
// splitting). Each parse_* function reads untrusted text, never throws, and
// returns a Status naming the file on failure. Stateless; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/scan/vuln/lockfile.h"
#include "rampart/scan/vuln/package.h"

namespace rampart::scan::vuln::lockfile {

// Deepest nesting a tree-shaped format (JSON, YAML, TOML, XML) may have.
inline constexpr int kMaxNestingDepth = 128;

struct Context {
  InventoryFormat format = InventoryFormat::kUnknown;
  std::string source_file;  // relative path, copied into each Package
  std::string_view content;
  const SiblingReader* read_sibling = nullptr;  // may be null or empty

  // Reads a neighbour; kNotFound when there is no reader or no file.
  Result<std::string> read(const std::string& relative_path) const;
};

// A kParseError whose message starts with the format name and whose location
// is the file (and line, when known).
Status parse_error(const Context& ctx, std::string message, int line = 0);
Status limit_error(const Context& ctx, std::string message);

// A Package of `ecosystem` with its purl and source_file filled in.
Package make_package(const Context& ctx, std::string_view ecosystem,
                     std::string name, std::string version, int line = 0);

// "pkg:<type>/<namespace>/<name>@<version>" with each part percent-encoded
// as the purl specification asks. Empty namespace and version are omitted.
std::string make_purl(std::string_view type, std::string_view namespace_part,
                      std::string_view name, std::string_view version,
                      std::string_view qualifiers = {});
std::string purl_for(std::string_view ecosystem, std::string_view name,
                     std::string_view version);

// Merges packages with equal (name, version, commit): direct if any copy is,
// dev only if every copy is, the shortest dependency path and the first line.
// Keeps first-seen order.
std::vector<Package> merge_duplicates(std::vector<Package> packages);

// Dependency edges between the packages a parser built, by index into its
// vector; `roots` are what the project itself depends on, `dev_roots` what
// it depends on for development only.
struct DependencyGraph {
  std::vector<std::vector<std::size_t>> edges;
  std::vector<std::size_t> roots;
  std::vector<std::size_t> dev_roots;
};

// Longest dependency_path kept; a longer chain keeps its last names behind
// a "..." entry, so that a hostile chain of N packages costs O(N), not
// O(N^2).
inline constexpr std::size_t kMaxDependencyPath = 32;

// Marks roots direct and gives every package reached from a root the
// shortest chain of names from that root down to it (left empty for the
// roots themselves). When dev_roots are given, a package reached only
// through them is dev. Call before merge_duplicates. O(packages + edges).
void apply_dependency_graph(const DependencyGraph& graph,
                            std::vector<Package>* packages);

// PEP 503 normal form of a Python package name: lower case, runs of "-_."
// as one "-".
std::string pep503_name(std::string_view name);

// Text helpers.
std::string_view trim(std::string_view text);
bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);
std::string to_lower(std::string_view text);
// Splits on '\n', dropping a trailing '\r' from each line.
std::vector<std::string_view> split_lines(std::string_view text);
std::string_view base_name(std::string_view path);
std::string_view dir_name(std::string_view path);  // "" for a bare name
// Joins a folder and a relative reference, resolving "." and ".."; returns
// "" when the result would leave the scan root.
std::string join_path(std::string_view dir, std::string_view reference);

// One function per format; see docs/inventories.md.
Result<std::vector<Package>> parse_npm_lock(const Context& ctx);
Result<std::vector<Package>> parse_yarn_lock(const Context& ctx);
Result<std::vector<Package>> parse_pnpm_lock(const Context& ctx);
Result<std::vector<Package>> parse_requirements(const Context& ctx);
Result<std::vector<Package>> parse_poetry_lock(const Context& ctx);
Result<std::vector<Package>> parse_pipfile_lock(const Context& ctx);
Result<std::vector<Package>> parse_uv_lock(const Context& ctx);
Result<std::vector<Package>> parse_go_mod(const Context& ctx);
Result<std::vector<Package>> parse_cargo_lock(const Context& ctx);
Result<std::vector<Package>> parse_gemfile_lock(const Context& ctx);
Result<std::vector<Package>> parse_composer_lock(const Context& ctx);
Result<std::vector<Package>> parse_nuget_lock(const Context& ctx);
Result<std::vector<Package>> parse_gradle_lock(const Context& ctx);
Result<std::vector<Package>> parse_maven_pom(const Context& ctx);
Result<std::vector<Package>> parse_dpkg_status(const Context& ctx);
Result<std::vector<Package>> parse_apk_installed(const Context& ctx);

}  // namespace rampart::scan::vuln::lockfile
