// SPDX-License-Identifier: Apache-2.0
//
// Bundler's Gemfile.lock (and gems.locked). Untrusted text; bounded by the
// caller's size limit; read line by line, so there is no nesting to bound.
//
// Accepted subset: sections start at column 0 (GEM, GIT, PATH, PLUGIN
// SOURCE, PLATFORMS, DEPENDENCIES, RUBY VERSION, BUNDLED WITH, in any
// order). In the source sections, `revision:` gives a git commit and the
// gems are the lines indented by exactly four spaces under `specs:`,
// written `name (version[-platform])`; the platform suffix is dropped, as
// RubyGems versions never contain '-'. Deeper lines are the gems' own
// requirements: they give the dependency graph, from which each gem's
// shortest dependency path is computed. A spec without a version is
// skipped. Gems named under DEPENDENCIES are direct.
#include <map>
#include <string>
#include <utility>

#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {
namespace {

bool is_source_section(std::string_view name) {
  return name == "GEM" || name == "GIT" || name == "PATH" ||
         name == "PLUGIN SOURCE";
}

std::size_t indentation(std::string_view line) {
  std::size_t count = 0;
  while (count < line.size() && line[count] == ' ') ++count;
  return count;
}

// "nokogiri (1.13.3-x86_64-linux)" -> ("nokogiri", "1.13.3").
bool split_spec(std::string_view text, std::string* name,
                std::string* version) {
  std::size_t open = text.find(" (");
  if (open == std::string_view::npos || !ends_with(text, ")")) return false;
  *name = std::string(text.substr(0, open));
  std::string_view inner = text.substr(open + 2);
  inner.remove_suffix(1);
  *version = std::string(inner.substr(0, inner.find('-')));
  return !name->empty() && !version->empty();
}

}  // namespace

Result<std::vector<Package>> parse_gemfile_lock(const Context& ctx) {
  std::vector<Package> packages;
  std::vector<std::vector<std::string>> requires_;  // per package
  std::vector<std::string> direct;
  std::string section;
  std::string revision;
  bool in_specs = false;
  bool last_is_spec = false;

  std::vector<std::string_view> lines = split_lines(ctx.content);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (trim(line).empty()) continue;
    std::size_t indent = indentation(line);
    std::string_view text = trim(line);
    if (indent == 0) {
      section = std::string(text);
      revision.clear();
      in_specs = false;
      continue;
    }
    if (section == "DEPENDENCIES" && indent == 2) {
      std::string_view name = text.substr(0, text.find(' '));
      if (ends_with(name, "!")) name.remove_suffix(1);
      direct.emplace_back(name);
      continue;
    }
    if (!is_source_section(section)) continue;
    if (indent == 2) {
      in_specs = text == "specs:";
      if (starts_with(text, "revision:")) {
        revision = std::string(trim(text.substr(9)));
      }
      continue;
    }
    if (in_specs && indent == 6 && last_is_spec) {
      requires_.back().emplace_back(text.substr(0, text.find(' ')));
      continue;
    }
    std::string name;
    std::string version;
    last_is_spec = in_specs && indent == 4 && split_spec(text, &name, &version);
    if (!last_is_spec) continue;
    Package package = make_package(ctx, "RubyGems", std::move(name),
                                   std::move(version), static_cast<int>(i) + 1);
    package.commit = revision;
    packages.push_back(std::move(package));
    requires_.emplace_back();
  }

  // DEPENDENCIES are the Gemfile's own gems; the specs' indented lines are
  // what each gem requires.
  std::map<std::string, std::size_t> by_name;
  for (std::size_t i = 0; i < packages.size(); ++i) {
    by_name.emplace(packages[i].name, i);
  }
  DependencyGraph graph;
  graph.edges.resize(packages.size());
  for (std::size_t i = 0; i < packages.size(); ++i) {
    for (const std::string& name : requires_[i]) {
      auto found = by_name.find(name);
      if (found != by_name.end()) graph.edges[i].push_back(found->second);
    }
  }
  for (const std::string& name : direct) {
    auto found = by_name.find(name);
    if (found != by_name.end()) graph.roots.push_back(found->second);
  }
  apply_dependency_graph(graph, &packages);
  return merge_duplicates(std::move(packages));
}

}  // namespace rampart::scan::vuln::lockfile
