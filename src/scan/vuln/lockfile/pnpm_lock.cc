// SPDX-License-Identifier: Apache-2.0
//
// pnpm-lock.yaml, lockfile versions 5.x, 6 and 9. Untrusted YAML parsed by
// libfyaml (C, no exceptions) in parse_yaml(), the one function calling it.
// Before parsing, flow nesting deeper than kMaxNestingDepth is refused, and
// aliases are never expanded (no "billion laughs"), since only plain
// mappings and scalars are read.
//
// The `packages` mapping is read. Its keys are dependency paths:
// "/name/1.2.3_peer@1" (5.x), "/name@1.2.3(peer@1)" (6), "name@1.2.3" (9),
// optionally behind a registry host ("registry.npmjs.org/name/1.2.3"), or a
// tarball, git or file: locator, for which the entry's own `name` and
// `version` fields are authoritative. Peer suffixes are dropped. An entry
// whose key yields no name is a parse error; one that yields no version
// (a bare git host path) is skipped. `dev: true` (5.x, 6) marks dev-only
// packages; a `resolution.commit` or a codeload tarball gives the commit.
// The entries' (v9: the snapshots') dependency maps give the dependency
// graph; its roots are the top-level (5.x, 6) or the importers' dependency
// maps, devDependencies making dev roots.
#include <cctype>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include <libfyaml.h>

#include "fmt/format.h"
#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {
namespace {

struct DocumentDeleter {
  void operator()(fy_document* document) const {
    fy_document_destroy(document);
  }
};
using Document = std::unique_ptr<fy_document, DocumentDeleter>;

// Deepest [ / { nesting, ignoring quoted text: libfyaml has no depth bound.
int flow_depth(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  char quote = 0;
  for (char c : text) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') quote = c;
    if (c == '\n') quote = 0;
    if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return deepest;
}

// True when `text` is well-formed UTF-8 (no overlongs or surrogates are
// checked for; libfyaml only needs the byte structure to be sound).
bool is_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    if (lead >= 0x80) {
      if ((lead & 0xE0) == 0xC0) {
        extra = 1;
      } else if ((lead & 0xF0) == 0xE0) {
        extra = 2;
      } else if ((lead & 0xF8) == 0xF0) {
        extra = 3;
      } else {
        return false;
      }
    }
    if (extra > text.size() - i - 1) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
        return false;
      }
    }
    i += extra + 1;
  }
  return true;
}

bool has_directive(std::string_view text) {
  for (std::string_view line : split_lines(text)) {
    if (starts_with(line, "%")) return true;
  }
  return false;
}

Result<Document> parse_yaml(const Context& ctx) {
  if (flow_depth(ctx.content) > kMaxNestingDepth) {
    return limit_error(ctx, fmt::format("YAML nested deeper than {} levels",
                                        kMaxNestingDepth));
  }
  // libfyaml 0.7.12 (Debian 12) can loop forever on a directive line that
  // holds malformed UTF-8 (found by fuzz_lockfile). pnpm never writes YAML
  // directives, and its files are UTF-8, so both are refused up front.
  if (!is_utf8(ctx.content)) return parse_error(ctx, "the file is not UTF-8");
  if (has_directive(ctx.content)) {
    return parse_error(ctx, "YAML directives ('%' lines) are not expected");
  }
  fy_parse_cfg config{};
  config.flags = FYPCF_QUIET;
  Document document(fy_document_build_from_string(&config, ctx.content.data(),
                                                  ctx.content.size()));
  if (document == nullptr) return parse_error(ctx, "not valid YAML");
  return document;
}

fy_node* child(fy_node* mapping, std::string_view key) {
  if (mapping == nullptr || !fy_node_is_mapping(mapping)) return nullptr;
  return fy_node_mapping_lookup_value_by_simple_key(mapping, key.data(),
                                                    key.size());
}

std::string_view scalar(fy_node* node) {
  if (node == nullptr || !fy_node_is_scalar(node)) return {};
  std::size_t length = 0;
  const char* text = fy_node_get_scalar(node, &length);
  return text == nullptr ? std::string_view() : std::string_view(text, length);
}

// Calls visit(key, value) for each pair of a mapping node.
template <typename Visit>
void for_each_pair(fy_node* mapping, Visit visit) {
  if (mapping == nullptr || !fy_node_is_mapping(mapping)) return;
  void* iterator = nullptr;
  while (fy_node_pair* pair = fy_node_mapping_iterate(mapping, &iterator)) {
    visit(fy_node_pair_key(pair), fy_node_pair_value(pair));
  }
}

int line_of(fy_node* node) {
  if (node == nullptr) return 0;
  fy_token* token = fy_node_get_scalar_token(node);
  const fy_mark* mark = token == nullptr ? nullptr : fy_token_start_mark(token);
  return mark == nullptr ? 0 : mark->line + 1;
}

double lockfile_version(fy_node* root) {
  std::string text(scalar(child(root, "lockfileVersion")));
  char* end = nullptr;
  double version = std::strtod(text.c_str(), &end);
  return end == text.c_str() ? 0 : version;
}

struct NameVersion {
  std::string name;
  std::string version;
  bool valid = false;  // the key had a recognisable shape
};

// Drops "(peer@1)" (v6+) and "_peer@1" (5.x) suffixes.
std::string_view drop_peers(std::string_view version) {
  version = version.substr(0, version.find('('));
  return version.substr(0, version.find('_'));
}

// "/@s/a/1.0.0_x" or "registry.example/@s/a/1.0.0": slash-separated, 5.x.
NameVersion split_slash_path(std::string_view path) {
  NameVersion out;
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    std::size_t slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  std::size_t scope =
      parts.size() >= 3 && starts_with(parts[parts.size() - 3], "@")
          ? parts.size() - 3
          : parts.size();
  if (parts.size() < 2) return out;
  out.valid = true;
  if (scope != parts.size()) {
    out.name = std::string(parts[scope]) + "/" + std::string(parts[scope + 1]);
  } else {
    out.name = std::string(parts[parts.size() - 2]);
  }
  out.version = std::string(drop_peers(parts.back()));
  return out;
}

// "/@s/a@1.0.0(peer@1)" or "a@1.0.0": v6 and v9.
NameVersion split_at_path(std::string_view path) {
  NameVersion out;
  std::string_view bare = path.substr(0, path.find('('));
  std::size_t at = bare.find('@', 1);
  if (at == std::string_view::npos) return out;
  out.valid = true;
  out.name = std::string(path.substr(0, at));
  out.version = std::string(drop_peers(path.substr(at + 1)));
  return out;
}

NameVersion split_key(std::string_view key, double version) {
  bool leading_slash = starts_with(key, "/");
  if (leading_slash) key.remove_prefix(1);
  if (version >= 6) {
    NameVersion out = split_at_path(key);
    if (out.valid || !leading_slash) return out;
  }
  // 5.x, or a host-prefixed path: drop a leading registry host.
  std::size_t slash = key.find('/');
  if (!leading_slash && slash != std::string_view::npos &&
      key.substr(0, slash).find('.') != std::string_view::npos) {
    key.remove_prefix(slash + 1);
  }
  return split_slash_path(key);
}

bool looks_like_version(std::string_view version) {
  return !version.empty() &&
         std::isdigit(static_cast<unsigned char>(version[0])) != 0;
}

std::string commit_of(fy_node* entry) {
  fy_node* resolution = child(entry, "resolution");
  std::string commit(scalar(child(resolution, "commit")));
  if (!commit.empty()) return commit;
  std::string_view tarball = scalar(child(resolution, "tarball"));
  if (tarball.find("codeload.github.com/") != std::string_view::npos) {
    return std::string(base_name(tarball));
  }
  return {};
}

// Finds packages by their key in `packages` or by (name, version).
struct PnpmIndex {
  std::map<std::string, std::size_t, std::less<>> by_path;
  std::map<std::pair<std::string, std::string>, std::size_t> by_name_version;

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  std::size_t find(const std::string& name, const std::string& version) const {
    auto found = by_name_version.find({name, version});
    return found == by_name_version.end() ? kNone : found->second;
  }
};

// Resolves what a dependency map says `name` points at: a version with
// peer suffixes ("1.2.3_b@2", "1.2.3(b@2)"), an alias path ("/real/1.2.3",
// "/real@1.2.3", v9 "real@1.2.3"), or a key of the packages map.
std::size_t resolve_ref(const PnpmIndex& index, std::string_view name,
                        std::string_view ref, double version) {
  auto exact = index.by_path.find(ref);
  if (exact != index.by_path.end()) return exact->second;
  std::string_view bare = ref.substr(0, ref.find('('));
  bool alias = starts_with(ref, "/") ||
               (version >= 9 && bare.find('@') != std::string_view::npos);
  if (alias) {
    NameVersion split = split_key(ref, version);
    return split.valid ? index.find(split.name, split.version)
                       : PnpmIndex::kNone;
  }
  return index.find(std::string(name), std::string(drop_peers(ref)));
}

// Adds the targets of an entry's dependency maps to `out`. In importers
// (v6, v9) each value is a mapping whose `version` is the reference.
void add_dependency_edges(const PnpmIndex& index, fy_node* holder,
                          std::initializer_list<std::string_view> lists,
                          double version, std::vector<std::size_t>* out) {
  for (std::string_view list : lists) {
    for_each_pair(child(holder, list), [&](fy_node* key, fy_node* value) {
      std::string_view ref = fy_node_is_mapping(value)
                                 ? scalar(child(value, "version"))
                                 : scalar(value);
      std::size_t target = resolve_ref(index, scalar(key), ref, version);
      if (target != PnpmIndex::kNone) out->push_back(target);
    });
  }
}

// Roots: the top-level maps (5.x, 6) or every importer's (v9, workspaces).
void add_roots(const PnpmIndex& index, fy_node* root, double version,
               DependencyGraph* graph) {
  std::vector<fy_node*> holders = {root};
  for_each_pair(child(root, "importers"), [&](fy_node*, fy_node* importer) {
    holders.push_back(importer);
  });
  for (fy_node* holder : holders) {
    add_dependency_edges(index, holder,
                         {"dependencies", "optionalDependencies"}, version,
                         &graph->roots);
    add_dependency_edges(index, holder, {"devDependencies"}, version,
                         &graph->dev_roots);
  }
}

bool only_comments(std::string_view text) {
  for (std::string_view line : split_lines(text)) {
    std::string_view content = trim(line);
    if (!content.empty() && content[0] != '#') return false;
  }
  return true;
}

}  // namespace

Result<std::vector<Package>> parse_pnpm_lock(const Context& ctx) {
  // libfyaml yields no document for a stream of comments.
  if (only_comments(ctx.content)) return std::vector<Package>();
  Result<Document> document = parse_yaml(ctx);
  if (!document.is_ok()) return document.status();
  fy_node* root = fy_document_root(document->get());
  if (root == nullptr) return std::vector<Package>();
  if (!fy_node_is_mapping(root)) {
    return parse_error(ctx, "the top level is not a YAML mapping");
  }

  double version = lockfile_version(root);
  std::vector<Package> packages;
  std::vector<fy_node*> entries;
  PnpmIndex index;
  Status failure;
  for_each_pair(child(root, "packages"), [&](fy_node* key, fy_node* entry) {
    std::string_view path = scalar(key);
    NameVersion split = split_key(path, version);
    std::string name(scalar(child(entry, "name")));
    std::string resolved(scalar(child(entry, "version")));
    if (name.empty()) name = split.name;
    if (resolved.empty()) resolved = split.version;
    if (name.empty() || (!split.valid && resolved.empty())) {
      if (failure.is_ok() && !starts_with(path, "file:")) {
        failure = parse_error(
            ctx, fmt::format("cannot read a package from the path '{}'", path),
            line_of(key));
      }
      return;
    }
    if (!looks_like_version(resolved)) return;
    index.by_path.emplace(std::string(path), packages.size());
    index.by_name_version.emplace(std::make_pair(name, resolved),
                                  packages.size());
    Package package = make_package(ctx, "npm", name, resolved, line_of(key));
    package.dev = scalar(child(entry, "dev")) == "true";
    package.commit = commit_of(entry);
    packages.push_back(std::move(package));
    entries.push_back(entry);
  });
  if (!failure.is_ok()) return failure;

  // The graph: v9 keeps dependencies in `snapshots`, older versions on the
  // package entries themselves.
  DependencyGraph graph;
  graph.edges.resize(packages.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    add_dependency_edges(index, entries[i],
                         {"dependencies", "optionalDependencies"}, version,
                         &graph.edges[i]);
  }
  for_each_pair(child(root, "snapshots"), [&](fy_node* key, fy_node* entry) {
    NameVersion split = split_key(scalar(key), version);
    std::size_t from = index.find(split.name, split.version);
    if (from == PnpmIndex::kNone) return;
    add_dependency_edges(index, entry, {"dependencies", "optionalDependencies"},
                         version, &graph.edges[from]);
  });
  add_roots(index, root, version, &graph);
  apply_dependency_graph(graph, &packages);
  return merge_duplicates(std::move(packages));
}

}  // namespace rampart::scan::vuln::lockfile
