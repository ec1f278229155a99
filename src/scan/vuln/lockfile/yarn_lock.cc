// SPDX-License-Identifier: Apache-2.0
//
// yarn.lock, both the classic v1 format and Berry (yarn 2+, a YAML subset).
// Untrusted text; bounded by the caller's size limit; read line by line with
// two levels of indentation, so there is no nesting to bound.
//
// Accepted subset: `#` comments; an entry header at column 0 listing one or
// more comma-separated, optionally quoted descriptors ("name@range") and
// ending in ':'; indented `key value` (v1) or `key: value` (Berry) fields,
// of which version, resolved (v1) and resolution (Berry) are read; deeper
// indented blocks (dependencies) are skipped. Berry's `__metadata` and the
// project root (`resolution: "name@workspace:."`) are left out; other
// workspaces stay. The name comes from the Berry resolution or, in v1, from
// the first descriptor, where "alias@npm:real@range" names `real`. A git
// source gives the commit. A column-0 line that is not a header means the
// file is not a yarn.lock and is a parse error. The entries' dependencies
// blocks, resolved through the header descriptors, give the dependency
// graph; its roots are what package.json beside the lockfile declares
// (devDependencies make dev roots), or else Berry's project entry.
#include <cctype>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "scan/vuln/lockfile/json.h"
#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {
namespace {

struct Entry {
  std::string descriptor;                // first one of the header
  std::vector<std::string> descriptors;  // all of them
  // (name, range) of its dependencies and optionalDependencies blocks.
  std::vector<std::pair<std::string, std::string>> dependencies;
  std::string version;
  std::string resolved;    // v1
  std::string resolution;  // Berry
  int line = 0;
  bool metadata = false;
};

std::string_view unquote(std::string_view text) {
  text = trim(text);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = text.substr(1, text.size() - 2);
  }
  return text;
}

// The package name in "name@range" (the '@' at 0 belongs to a scope).
std::string_view name_of(std::string_view descriptor) {
  std::size_t at = descriptor.find('@', 1);
  return at == std::string_view::npos ? descriptor : descriptor.substr(0, at);
}

std::string_view range_of(std::string_view descriptor) {
  std::size_t at = descriptor.find('@', 1);
  return at == std::string_view::npos ? std::string_view()
                                      : descriptor.substr(at + 1);
}

bool all_hex(std::string_view text) {
  if (text.size() < 7) return false;
  for (char c : text) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

// The commit a v1 `resolved` URL or a Berry resolution points at, if any.
std::string commit_of(std::string_view source) {
  for (std::string_view marker : {"#commit=", "#commit:"}) {
    std::size_t at = source.find(marker);
    if (at != std::string_view::npos) {
      return std::string(source.substr(at + marker.size()));
    }
  }
  constexpr std::string_view kCodeload = "codeload.github.com/";
  if (source.find(kCodeload) != std::string_view::npos) {
    std::string_view last = base_name(source);
    return all_hex(last) ? std::string(last) : std::string();
  }
  std::size_t hash = source.rfind('#');
  if (hash == std::string_view::npos) return {};
  std::string_view before = source.substr(0, hash);
  std::string_view after = source.substr(hash + 1);
  // A registry tarball's fragment is its checksum, not a commit.
  if (ends_with(before, ".tgz") || !all_hex(after)) return {};
  return std::string(after);
}

// First descriptor of a header line such as
// `"a@^1", a@~1.2:` or `"@s/b@npm:^2":`.
std::string first_descriptor(std::string_view header) {
  header = trim(header);
  if (ends_with(header, ":")) header.remove_suffix(1);
  if (starts_with(header, "\"")) {
    std::size_t close = header.find('"', 1);
    return std::string(header.substr(1, close == std::string_view::npos
                                            ? std::string_view::npos
                                            : close - 1));
  }
  return std::string(trim(header.substr(0, header.find(','))));
}

// Every descriptor of a header line, unquoted.
std::vector<std::string> all_descriptors(std::string_view header) {
  std::vector<std::string> out;
  header = trim(header);
  if (ends_with(header, ":")) header.remove_suffix(1);
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    if (starts_with(trim(header), "\"")) {
      std::size_t open = header.find('"');
      std::size_t close = header.find('"', open + 1);
      comma = close == std::string_view::npos ? close : header.find(',', close);
    }
    std::string_view part = unquote(header.substr(0, comma));
    if (!part.empty()) out.emplace_back(part);
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return out;
}

// "version "1.2.3"" or "version: 1.2.3" -> ("version", "1.2.3").
std::pair<std::string_view, std::string_view> field(std::string_view line) {
  line = trim(line);
  std::size_t split = line.find_first_of(" :");
  if (split == std::string_view::npos) return {line, {}};
  std::string_view key = unquote(line.substr(0, split));
  std::string_view value = line.substr(split + 1);
  if (line[split] == ':') value = trim(value);
  return {key, unquote(value)};
}

Package to_package(const Context& ctx, const Entry& entry) {
  std::string name;
  if (!entry.resolution.empty()) {
    name = std::string(name_of(entry.resolution));
  } else {
    name = std::string(name_of(entry.descriptor));
    std::string_view range = range_of(entry.descriptor);
    if (starts_with(range, "npm:") && range.size() > 4 &&
        range.find('@', 5) != std::string_view::npos) {
      name = std::string(name_of(range.substr(4)));
    }
  }
  Package package =
      make_package(ctx, "npm", std::move(name), entry.version, entry.line);
  package.commit =
      commit_of(entry.resolution.empty() ? entry.resolved : entry.resolution);
  return package;
}

bool is_project_root(const Entry& entry) {
  return ends_with(entry.resolution, "@workspace:.");
}

class DescriptorIndex {
 public:
  void add(const std::vector<std::string>& descriptors, std::size_t index) {
    for (const std::string& descriptor : descriptors) {
      by_descriptor_.emplace(descriptor, index);
    }
  }

  // kNone when the lockfile has no entry for it.
  std::size_t find(const std::string& name, const std::string& range) const {
    for (const std::string& key :
         {name + "@" + range, name + "@npm:" + range}) {
      auto found = by_descriptor_.find(key);
      if (found != by_descriptor_.end()) return found->second;
    }
    return kNone;
  }

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

 private:
  std::map<std::string, std::size_t> by_descriptor_;
};

// Roots: package.json beside the lockfile (runtime and dev), else the
// dependencies Berry records on the project's own entry.
void add_roots(const Context& ctx, const DescriptorIndex& index,
               const std::vector<std::pair<std::string, std::string>>&
                   project_dependencies,
               DependencyGraph* graph) {
  std::vector<DeclaredDependency> declared =
      package_json_dependencies(ctx, ctx.source_file);
  for (const DeclaredDependency& dependency : declared) {
    std::size_t found = index.find(dependency.name, dependency.range);
    if (found == DescriptorIndex::kNone) continue;
    (dependency.dev ? graph->dev_roots : graph->roots).push_back(found);
  }
  if (!declared.empty()) return;
  for (const auto& [name, range] : project_dependencies) {
    std::size_t found = index.find(name, range);
    if (found != DescriptorIndex::kNone) graph->roots.push_back(found);
  }
}

}  // namespace

Result<std::vector<Package>> parse_yarn_lock(const Context& ctx) {
  std::vector<Package> packages;
  std::vector<std::vector<std::pair<std::string, std::string>>> requires_;
  std::vector<std::pair<std::string, std::string>> project_dependencies;
  DescriptorIndex index;
  Entry entry;
  bool open = false;
  auto flush = [&]() {
    if (open && is_project_root(entry)) {
      project_dependencies = std::move(entry.dependencies);
    } else if (open && !entry.metadata) {
      index.add(entry.descriptors, packages.size());
      packages.push_back(to_package(ctx, entry));
      requires_.push_back(std::move(entry.dependencies));
    }
    entry = Entry();
    open = false;
  };

  std::string block;  // the indented block being read ("dependencies", ...)
  std::vector<std::string_view> lines = split_lines(ctx.content);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    int number = static_cast<int>(i) + 1;
    if (trim(line).empty() || starts_with(trim(line), "#")) continue;
    bool indented = line[0] == ' ' || line[0] == '\t';
    if (!indented) {
      if (!ends_with(trim(line), ":")) {
        return parse_error(ctx, "expected an entry header ending in ':'",
                           number);
      }
      flush();
      open = true;
      entry.line = number;
      entry.descriptor = first_descriptor(line);
      entry.descriptors = all_descriptors(line);
      entry.metadata = entry.descriptor == "__metadata";
      block.clear();
      continue;
    }
    if (!open) continue;
    bool top_field = line.size() > 2 && line[2] != ' ' && line[2] != '\t';
    auto [key, value] = field(line);
    if (!top_field) {
      bool listed = block == "dependencies" || block == "optionalDependencies";
      if (listed && !key.empty()) {
        entry.dependencies.emplace_back(key, value);
      }
      continue;
    }
    block = value.empty() ? std::string(key) : std::string();
    if (key == "version") entry.version = std::string(value);
    if (key == "resolved") entry.resolved = std::string(value);
    if (key == "resolution") entry.resolution = std::string(value);
  }
  flush();

  // The dependency graph: each entry's dependencies resolve through the
  // descriptors of the entry headers.
  DependencyGraph graph;
  graph.edges.resize(packages.size());
  for (std::size_t i = 0; i < packages.size(); ++i) {
    for (const auto& [name, range] : requires_[i]) {
      std::size_t found = index.find(name, range);
      if (found != DescriptorIndex::kNone) graph.edges[i].push_back(found);
    }
  }
  add_roots(ctx, index, project_dependencies, &graph);
  apply_dependency_graph(graph, &packages);
  return merge_duplicates(std::move(packages));
}

}  // namespace rampart::scan::vuln::lockfile
