// SPDX-License-Identifier: Apache-2.0
//
// npm package-lock.json and npm-shrinkwrap.json, lockfile versions 1, 2 and
// 3. Untrusted JSON; parsed by simdjson with a nesting bound (json.h), and
// v1's recursive "dependencies" tree is walked with the same depth bound.
//
// v2/v3: the "packages" map, keyed by install path ("node_modules/a/
// node_modules/b"); the root "" and workspace links are skipped, the name is
// the entry's "name" (npm aliases) or the last path segment, and a git
// "resolved" URL gives the commit. Top-level entries named in the root's
// dependency lists are direct; nested install paths give the dependency
// path. v1 (or a v2 file without "packages"): the recursive "dependencies"
// tree, where "npm:name@version" is an alias, and git or file: specifiers
// carry no registry version (a git one gives the commit). "dev": true marks
// development-only packages.
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

std::set<std::string> root_dependencies(object packages) {
  std::set<std::string> names;
  element root;
  if (packages[""].get(root) != simdjson::SUCCESS) return names;
  for (std::string_view list : {"dependencies", "devDependencies",
                                "optionalDependencies", "peerDependencies"}) {
    object deps;
    if (!json_object(root, list, &deps)) continue;
    for (auto field : deps) names.emplace(field.key);
  }
  return names;
}

Result<std::vector<Package>> parse_packages(const Context& ctx,
                                            object packages) {
  std::set<std::string> direct = root_dependencies(packages);
  LineCursor lines(ctx.content);
  std::vector<Package> out;
  for (auto [key, entry] : packages) {
    if (key.empty() || json_bool(entry, "link")) continue;
    std::vector<std::string> chain = install_chain(key);
    std::string name(json_string(entry, "name"));
    if (name.empty()) name = chain.back();
    std::string version(json_string(entry, "version"));
    int line = lines.find("\"" + std::string(key) + "\"");

    Package package = make_package(ctx, "npm", name, version, line);
    package.commit = git_commit(json_string(entry, "resolved"));
    package.dev = json_bool(entry, "dev");
    package.direct = chain.size() == 1 && direct.count(chain[0]) != 0 &&
                     starts_with(key, "node_modules/");
    if (chain.size() > 1) package.dependency_path = chain;
    out.push_back(std::move(package));
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

class V1Walker {
 public:
  V1Walker(const Context& ctx) : ctx_(ctx), lines_(ctx.content) {}

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
      package.direct = chain.empty();
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
  const Context& ctx_;
  LineCursor lines_;
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
  V1Walker walker(ctx);
  std::vector<std::string> chain;
  RAMPART_RETURN_IF_ERROR(walker.walk(dependencies, chain));
  return walker.take();
}

}  // namespace rampart::scan::vuln::lockfile
