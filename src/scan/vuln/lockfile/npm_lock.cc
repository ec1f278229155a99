// SPDX-License-Identifier: Apache-2.0
//
// npm package-lock.json and npm-shrinkwrap.json, lockfile versions 1, 2 and
// 3. Untrusted JSON; parsed by simdjson with a nesting bound (json.h), and
// v1's recursive "dependencies" tree is walked with the same depth bound.
//
// v2/v3: the "packages" map, keyed by install path ("node_modules/a/
// node_modules/b"); the root "" and workspace links are skipped, the name is
// the entry's "name" (npm aliases) or the last path segment, and a git
// "resolved" URL gives the commit. The dependency path is the shortest
// chain from the project through the entries' dependency lists, resolved
// the way Node looks modules up (nearest node_modules upwards); packages
// the project names itself are direct. v1 (or a v2 file without "packages"):
// the recursive "dependencies" tree, where "npm:name@version" is an alias, and
// git or file: specifiers carry no registry version (a git one gives the
// commit). "dev": true marks development-only packages.
#include <map>
#include <set>
#include <string>
#include <utility>

#include "scan/vuln/lockfile/json.h"
#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

// "git+ssh://host/repo.git#abc" -> "abc" for git-like specifiers.
std::string git_commit(std::string_view spec) {
  std::size_t hash = spec.rfind('#');
  if (hash == std::string_view::npos) return {};
  bool git = starts_with(spec, "git") || starts_with(spec, "github:") ||
             starts_with(spec, "gitlab:") || starts_with(spec, "bitbucket:") ||
             spec.find(".git#") != std::string_view::npos;
  return git ? std::string(spec.substr(hash + 1)) : std::string();
}

// Splits "node_modules/a/node_modules/@s/b" into {"a", "@s/b"}; a path
// outside node_modules ("deps/etag") gives its last segment.
std::vector<std::string> install_chain(std::string_view key) {
  std::vector<std::string> chain;
  constexpr std::string_view kMarker = "node_modules/";
  std::size_t at = key.find(kMarker);
  if (at == std::string_view::npos) {
    chain.emplace_back(base_name(key));
    return chain;
  }
  while (at != std::string_view::npos) {
    std::size_t start = at + kMarker.size();
    std::size_t next = key.find("/" + std::string(kMarker), start);
    std::string_view part =
        key.substr(start, next == std::string_view::npos ? next : next - start);
    chain.emplace_back(part);
    at = next == std::string_view::npos ? next : next + 1;
  }
  return chain;
}

// The install path a dependency `dep` of the package installed at `from`
// resolves to, following Node's lookup: the nearest node_modules folder
// upwards that holds it. Empty when none does.
std::string resolve_from(const std::map<std::string_view, element>& all,
                         std::string_view from, std::string_view dep) {
  std::string base(from);
  while (true) {
    std::string candidate = base.empty()
                                ? "node_modules/" + std::string(dep)
                                : base + "/node_modules/" + std::string(dep);
    if (all.count(candidate) != 0) return candidate;
    if (base.empty()) return {};
    std::size_t cut = base.rfind("/node_modules/");
    base = cut == std::string::npos ? std::string() : base.substr(0, cut);
  }
}

std::string display_name(std::string_view key, element entry) {
  std::string_view name = json_string(entry, "name");
  return name.empty() ? install_chain(key).back() : std::string(name);
}

// The package index a dependency `dep` of the entry at `from` resolves to,
// following a workspace link to its folder; kNone when it resolves to no
// reported package.
constexpr std::size_t kNone = static_cast<std::size_t>(-1);
std::size_t dependency_target(
    const std::map<std::string_view, element>& all,
    const std::map<std::string, std::size_t>& index_of, std::string_view from,
    std::string_view dep) {
  std::string target = resolve_from(all, from, dep);
  if (target.empty()) return kNone;
  element found = all.at(target);
  if (json_bool(found, "link")) {
    std::string linked(json_string(found, "resolved"));
    if (all.count(linked) != 0) target = linked;
  }
  auto index = index_of.find(target);
  return index == index_of.end() ? kNone : index->second;
}

Result<std::vector<Package>> parse_packages(const Context& ctx,
                                            object packages) {
  std::map<std::string_view, element> all;
  std::map<std::string, std::size_t> index_of;
  std::vector<std::string_view> keys;
  LineCursor lines(ctx.content);
  std::vector<Package> out;
  for (auto [key, entry] : packages) {
    all.emplace(key, entry);
    if (key.empty() || json_bool(entry, "link")) continue;
    std::string version(json_string(entry, "version"));
    int line = lines.find("\"" + std::string(key) + "\"");
    Package package =
        make_package(ctx, "npm", display_name(key, entry), version, line);
    package.commit = git_commit(json_string(entry, "resolved"));
    package.dev = json_bool(entry, "dev");
    index_of.emplace(std::string(key), out.size());
    keys.push_back(key);
    out.push_back(std::move(package));
  }

  // The graph: every entry's dependency lists, resolved as Node does; the
  // project's own ("") lists are the roots.
  DependencyGraph graph;
  graph.edges.resize(out.size());
  for (const auto& [key, entry] : all) {
    auto from = index_of.find(std::string(key));
    if (!key.empty() && from == index_of.end()) continue;  // a link
    for (std::string_view list : {"dependencies", "optionalDependencies",
                                  "peerDependencies", "devDependencies"}) {
      if (list == "devDependencies" && !key.empty()) continue;
      object deps;
      if (!json_object(entry, list, &deps)) continue;
      for (auto field : deps) {
        std::size_t target = dependency_target(all, index_of, key, field.key);
        if (target == kNone) continue;
        // npm's own "dev" flags are authoritative, so devDependencies are
        // plain roots here: they only give direct flags and paths.
        if (!key.empty()) {
          graph.edges[from->second].push_back(target);
        } else {
          graph.roots.push_back(target);
        }
      }
    }
  }
  apply_dependency_graph(graph, &out);

  // What no list reaches still shows how it is installed.
  for (std::size_t i = 0; i < out.size(); ++i) {
    std::vector<std::string> nesting = install_chain(keys[i]);
    if (!out[i].direct && out[i].dependency_path.empty() &&
        nesting.size() > 1) {
      out[i].dependency_path = std::move(nesting);
    }
  }
  return merge_duplicates(std::move(out));
}

// One v1 entry: the version field may be an alias, a git or a file spec.
void v1_version(std::string_view spec, std::string* name, std::string* version,
                std::string* commit) {
  if (starts_with(spec, "npm:")) {
    std::string_view alias = spec.substr(4);
    std::size_t at = alias.rfind('@');
    if (at != std::string_view::npos && at > 0) {
      *name = std::string(alias.substr(0, at));
      *version = std::string(alias.substr(at + 1));
      return;
    }
  }
  *commit = git_commit(spec);
  bool registry = spec.find(':') == std::string_view::npos &&
                  spec.find('/') == std::string_view::npos;
  *version = registry ? std::string(spec) : std::string();
}

// Every name that a v1 entry's "requires" lists, through nested trees.
std::set<std::string> required_names(object dependencies, int depth) {
  std::set<std::string> names;
  if (depth >= kMaxNestingDepth) return names;
  for (auto [key, entry] : dependencies) {
    object requires_map;
    if (json_object(entry, "requires", &requires_map)) {
      for (auto field : requires_map) names.emplace(field.key);
    }
    object nested;
    if (json_object(entry, "dependencies", &nested)) {
      std::set<std::string> more = required_names(nested, depth + 1);
      names.insert(more.begin(), more.end());
    }
  }
  return names;
}

class V1Walker {
 public:
  // `declared`: what package.json lists (empty when unknown); `required`:
  // every name some lockfile entry requires.
  V1Walker(const Context& ctx, const std::vector<DeclaredDependency>& declared,
           std::set<std::string> required)
      : ctx_(ctx), lines_(ctx.content), required_(std::move(required)) {
    for (const DeclaredDependency& dependency : declared) {
      declared_.insert(dependency.name);
    }
  }

  Status walk(object dependencies, std::vector<std::string>& chain) {
    if (chain.size() >= static_cast<std::size_t>(kMaxNestingDepth)) {
      return limit_error(ctx_, "dependency tree nested too deeply");
    }
    for (auto [key, entry] : dependencies) {
      std::string name(key);
      std::string version;
      std::string commit;
      v1_version(json_string(entry, "version"), &name, &version, &commit);
      int line = lines_.find("\"" + std::string(key) + "\"");
      Package package = make_package(ctx_, "npm", name, version, line);
      package.commit = std::move(commit);
      package.dev = json_bool(entry, "dev");
      package.direct = chain.empty() && is_direct(std::string(key));
      chain.emplace_back(key);
      if (chain.size() > 1) package.dependency_path = chain;
      out_.push_back(std::move(package));

      object nested;
      if (json_object(entry, "dependencies", &nested)) {
        RAMPART_RETURN_IF_ERROR(walk(nested, chain));
      }
      chain.pop_back();
    }
    return Status::ok();
  }

  std::vector<Package> take() { return merge_duplicates(std::move(out_)); }

 private:
  // v1 hoists transitive packages to the top level too. package.json says
  // which are the project's own; without it, a top-level package that no
  // other entry requires can only be there for the project.
  bool is_direct(const std::string& name) const {
    if (!declared_.empty()) return declared_.count(name) != 0;
    return required_.count(name) == 0;
  }

  const Context& ctx_;
  LineCursor lines_;
  std::set<std::string> declared_;
  std::set<std::string> required_;
  std::vector<Package> out_;
};

}  // namespace

Result<std::vector<Package>> parse_npm_lock(const Context& ctx) {
  JsonDocument document;
  RAMPART_RETURN_IF_ERROR(document.parse(ctx));
  element root = document.root();
  if (!root.is_object()) {
    return parse_error(ctx, "the top level is not a JSON object");
  }

  object packages;
  if (json_object(root, "packages", &packages)) {
    return parse_packages(ctx, packages);
  }
  object dependencies;
  if (!json_object(root, "dependencies", &dependencies)) {
    return std::vector<Package>();  // an empty project
  }
  V1Walker walker(ctx, package_json_dependencies(ctx, ctx.source_file),
                  required_names(dependencies, 0));
  std::vector<std::string> chain;
  RAMPART_RETURN_IF_ERROR(walker.walk(dependencies, chain));
  return walker.take();
}

}  // namespace rampart::scan::vuln::lockfile
