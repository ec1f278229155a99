// SPDX-License-Identifier: Apache-2.0
//
// Maven pom.xml: the dependencies a project declares, with the versions the
// file (and its local parent poms) give them. Untrusted XML parsed by
// pugixml, which neither throws (compiled without exceptions in its API
// used here), expands external entities, nor reads DTDs; encodings are
// detected from the declaration (ISO-8859-1 poms work). Parent poms are
// followed through the SiblingReader, at most kMaxParents deep, and
// property references at most kMaxInterpolation deep.
//
// Read: project/dependencies and profiles/profile/dependencies (all
// profiles, since any may be active in CI); dependencyManagement supplies
// missing versions but is not itself reported; build plugins' dependencies
// are ignored. `${name}` references are resolved from <properties> and the
// project.* / parent coordinates, the child overriding its parents. A
// dependency whose group or artifact stays unresolved is dropped; one with
// no resolvable version is reported with an empty version. A version range
// reports its lower bound. Scope `test` marks dev-only dependencies; all
// declared dependencies are direct. The first declaration of a coordinate
// wins. This is not a Maven resolver: transitive dependencies need
// Maven's own resolution and are not reported.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include <pugixml.hpp>

#include "fmt/format.h"
#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {
namespace {

constexpr int kMaxParents = 8;
constexpr int kMaxInterpolation = 16;

struct Declared {
  std::string group;
  std::string artifact;
  std::string version;
  std::string scope;
  int line = 0;
};

// One pom file, reduced to what the inventory needs.
struct Pom {
  std::string path;
  std::map<std::string, std::string> properties;
  std::vector<Declared> dependencies;
  std::vector<Declared> managed;
  std::string parent_group;
  std::string parent_artifact;
  std::string parent_relative_path;
  bool has_parent = false;
};

std::string text_of(const pugi::xml_node& node, const char* child) {
  return std::string(trim(node.child(child).text().as_string()));
}

int line_at(std::string_view content, std::ptrdiff_t offset) {
  if (offset < 0 || static_cast<std::size_t>(offset) > content.size()) {
    return 0;
  }
  return 1 + static_cast<int>(
                 std::count(content.begin(), content.begin() + offset, '\n'));
}

std::vector<Declared> read_dependencies(const pugi::xml_node& list,
                                        std::string_view content) {
  std::vector<Declared> out;
  for (pugi::xml_node node : list.children("dependency")) {
    Declared declared;
    declared.group = text_of(node, "groupId");
    declared.artifact = text_of(node, "artifactId");
    declared.version = text_of(node, "version");
    declared.scope = text_of(node, "scope");
    declared.line = line_at(content, node.offset_debug());
    out.push_back(std::move(declared));
  }
  return out;
}

Result<Pom> read_pom(const Context& ctx, const std::string& path,
                     std::string_view content) {
  pugi::xml_document document;
  pugi::xml_parse_result parsed = document.load_buffer(
      content.data(), content.size(), pugi::parse_default, pugi::encoding_auto);
  Context here = ctx;
  here.source_file = path;
  if (!parsed) {
    return parse_error(here,
                       fmt::format("invalid XML ({})", parsed.description()),
                       line_at(content, parsed.offset));
  }
  pugi::xml_node project = document.child("project");
  if (!project) return parse_error(here, "no <project> element");

  Pom pom;
  pom.path = path;
  for (pugi::xml_node property : project.child("properties").children()) {
    if (property.type() != pugi::node_element) continue;
    pom.properties[property.name()] =
        std::string(trim(property.text().as_string()));
  }
  pom.dependencies = read_dependencies(project.child("dependencies"), content);
  for (pugi::xml_node profile : project.child("profiles").children("profile")) {
    std::vector<Declared> more =
        read_dependencies(profile.child("dependencies"), content);
    pom.dependencies.insert(pom.dependencies.end(), more.begin(), more.end());
  }
  pom.managed = read_dependencies(
      project.child("dependencyManagement").child("dependencies"), content);

  pugi::xml_node parent = project.child("parent");
  std::string version = text_of(project, "version");
  std::string group = text_of(project, "groupId");
  if (parent) {
    pom.has_parent = true;
    pom.parent_group = text_of(parent, "groupId");
    pom.parent_artifact = text_of(parent, "artifactId");
    pom.parent_relative_path = text_of(parent, "relativePath");
    std::string parent_version = text_of(parent, "version");
    pom.properties["project.parent.version"] = parent_version;
    pom.properties["project.parent.groupId"] = pom.parent_group;
    if (version.empty()) version = parent_version;
    if (group.empty()) group = pom.parent_group;
  }
  pom.properties["project.version"] = version;
  pom.properties["project.groupId"] = group;
  pom.properties["project.artifactId"] = text_of(project, "artifactId");
  pom.properties["version"] = version;
  return pom;
}

// The parent pom file named by <relativePath> (default ../pom.xml).
std::string parent_path(const Pom& pom) {
  std::string relative = pom.parent_relative_path.empty()
                             ? "../pom.xml"
                             : pom.parent_relative_path;
  if (!ends_with(relative, ".xml")) relative += "/pom.xml";
  return join_path(dir_name(pom.path), relative);
}

// Reads the local parents, nearest first; stops quietly at the first one
// that is missing, unreadable or not the declared parent.
std::vector<Pom> read_parents(const Context& ctx, const Pom& child) {
  std::vector<Pom> parents;
  const Pom* current = &child;
  while (current->has_parent &&
         parents.size() < static_cast<std::size_t>(kMaxParents)) {
    std::string path = parent_path(*current);
    Result<std::string> content = ctx.read(path);
    if (!content.is_ok()) break;
    Result<Pom> parent = read_pom(ctx, path, *content);
    if (!parent.is_ok()) break;
    bool matches =
        parent->properties["project.artifactId"] == current->parent_artifact;
    if (!matches) break;
    parents.push_back(std::move(*parent));
    current = &parents.back();
  }
  return parents;
}

// Replaces ${name} references; unknown ones stay as written.
std::string interpolate(std::string text,
                        const std::map<std::string, std::string>& properties) {
  for (int round = 0; round < kMaxInterpolation; ++round) {
    std::size_t open = text.find("${");
    if (open == std::string::npos) break;
    std::size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    auto found = properties.find(text.substr(open + 2, close - open - 2));
    if (found == properties.end()) break;
    text.replace(open, close - open + 1, found->second);
  }
  return text;
}

// "[1.2,2.0)" -> "1.2"; a plain version stays.
std::string lower_bound_of(std::string_view version) {
  if (version.empty() || (version[0] != '[' && version[0] != '(')) {
    return std::string(version);
  }
  version.remove_prefix(1);
  return std::string(trim(version.substr(0, version.find(','))));
}

}  // namespace

Result<std::vector<Package>> parse_maven_pom(const Context& ctx) {
  Result<Pom> child = read_pom(ctx, ctx.source_file, ctx.content);
  if (!child.is_ok()) return child.status();
  std::vector<Pom> chain;
  chain.push_back(std::move(*child));
  for (Pom& parent : read_parents(ctx, chain.front())) {
    chain.push_back(std::move(parent));
  }

  // Nearest definition wins: the child first, then each parent.
  std::map<std::string, std::string> properties;
  std::map<std::string, std::string> managed;
  std::vector<Declared> declared;
  for (const Pom& pom : chain) {
    properties.insert(pom.properties.begin(), pom.properties.end());
    declared.insert(declared.end(), pom.dependencies.begin(),
                    pom.dependencies.end());
  }
  for (const Pom& pom : chain) {
    for (const Declared& entry : pom.managed) {
      std::string key = interpolate(entry.group, properties) + ":" +
                        interpolate(entry.artifact, properties);
      managed.emplace(key, interpolate(entry.version, properties));
    }
  }

  std::vector<Package> packages;
  std::set<std::string> seen;
  for (const Declared& entry : declared) {
    std::string group = interpolate(entry.group, properties);
    std::string artifact = interpolate(entry.artifact, properties);
    bool unresolved = group.find("${") != std::string::npos ||
                      artifact.find("${") != std::string::npos;
    if (group.empty() || artifact.empty() || unresolved) continue;
    std::string name = group + ":" + artifact;
    if (!seen.insert(name).second) continue;

    std::string version = interpolate(entry.version, properties);
    if (version.empty()) version = managed[name];
    if (version.find("${") != std::string::npos) version.clear();
    Package package =
        make_package(ctx, "Maven", name, lower_bound_of(version), entry.line);
    package.direct = true;
    package.dev = entry.scope == "test";
    packages.push_back(std::move(package));
  }
  return packages;
}

}  // namespace rampart::scan::vuln::lockfile
