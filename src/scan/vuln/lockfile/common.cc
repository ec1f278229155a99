// SPDX-License-Identifier: Apache-2.0
//
// Helpers shared by the format parsers (see parsers.h): error values that
// name the file, package URLs, de-duplication and small text utilities.
// Pure functions over their arguments; thread-safe.
#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>
#include <utility>

#include "fmt/format.h"
#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {

Result<std::string> Context::read(const std::string& relative_path) const {
  if (read_sibling == nullptr || !*read_sibling || relative_path.empty()) {
    return Status(StatusCode::kNotFound, "no reader for " + relative_path);
  }
  return (*read_sibling)(relative_path);
}

Status parse_error(const Context& ctx, std::string message, int line) {
  std::string text = fmt::format("not a valid {} file: {}",
                                 inventory_format_name(ctx.format), message);
  return Status(StatusCode::kParseError, std::move(text),
                SourceLocation{ctx.source_file, line, 0});
}

Status limit_error(const Context& ctx, std::string message) {
  return Status(StatusCode::kLimitExceeded,
                fmt::format("{} file too large: {}",
                            inventory_format_name(ctx.format), message),
                SourceLocation{ctx.source_file, 0, 0});
}

Package make_package(const Context& ctx, std::string_view ecosystem,
                     std::string name, std::string version, int line) {
  Package package;
  package.ecosystem = std::string(ecosystem);
  package.purl = purl_for(ecosystem, name, version);
  package.name = std::move(name);
  package.version = std::move(version);
  package.source_file = ctx.source_file;
  package.line = line;
  return package;
}

namespace {

// Percent-encodes all but the purl specification's unreserved characters.
std::string purl_escape(std::string_view text, bool keep_slash) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    bool plain = std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' ||
                 c == '~' || (keep_slash && c == '/');
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

// Splits "a/b/c" into ("a/b", "c"); no slash gives ("", text).
std::pair<std::string_view, std::string_view> split_last_slash(
    std::string_view text) {
  std::size_t slash = text.rfind('/');
  if (slash == std::string_view::npos) return {{}, text};
  return {text.substr(0, slash), text.substr(slash + 1)};
}

std::string pypi_purl_name(std::string_view name) {
  std::string out = to_lower(name);
  std::replace(out.begin(), out.end(), '_', '-');
  std::replace(out.begin(), out.end(), '.', '-');
  return out;
}

}  // namespace

std::string make_purl(std::string_view type, std::string_view namespace_part,
                      std::string_view name, std::string_view version,
                      std::string_view qualifiers) {
  std::string purl = "pkg:" + std::string(type) + "/";
  if (!namespace_part.empty()) {
    purl += purl_escape(namespace_part, /*keep_slash=*/true) + "/";
  }
  purl += purl_escape(name, /*keep_slash=*/false);
  if (!version.empty()) purl += "@" + purl_escape(version, false);
  if (!qualifiers.empty()) purl += "?" + std::string(qualifiers);
  return purl;
}

std::string purl_for(std::string_view ecosystem, std::string_view name,
                     std::string_view version) {
  if (ecosystem == "npm" || ecosystem == "Packagist" || ecosystem == "Go") {
    auto [ns, leaf] = split_last_slash(name);
    std::string_view type = ecosystem == "npm"         ? "npm"
                            : ecosystem == "Packagist" ? "composer"
                                                       : "golang";
    return make_purl(type, ns, leaf, version);
  }
  if (ecosystem == "Maven") {
    std::size_t colon = name.find(':');
    if (colon == std::string_view::npos) {
      return make_purl("maven", {}, name, version);
    }
    return make_purl("maven", name.substr(0, colon), name.substr(colon + 1),
                     version);
  }
  if (ecosystem == "PyPI") {
    return make_purl("pypi", {}, pypi_purl_name(name), version);
  }
  if (ecosystem == "crates.io") return make_purl("cargo", {}, name, version);
  if (ecosystem == "RubyGems") return make_purl("gem", {}, name, version);
  if (ecosystem == "NuGet") return make_purl("nuget", {}, name, version);
  if (ecosystem == "Debian") return make_purl("deb", "debian", name, version);
  if (ecosystem == "Alpine") return make_purl("apk", "alpine", name, version);
  return make_purl("generic", {}, name, version);
}

std::vector<Package> merge_duplicates(std::vector<Package> packages) {
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t>
      index;
  std::vector<Package> merged;
  merged.reserve(packages.size());
  for (Package& package : packages) {
    auto key = std::make_tuple(package.name, package.version, package.commit);
    auto found = index.find(key);
    if (found == index.end()) {
      index.emplace(std::move(key), merged.size());
      merged.push_back(std::move(package));
      continue;
    }
    Package& kept = merged[found->second];
    kept.direct = kept.direct || package.direct;
    kept.dev = kept.dev && package.dev;
    bool shorter =
        !package.dependency_path.empty() &&
        (kept.dependency_path.empty() ||
         package.dependency_path.size() < kept.dependency_path.size());
    if (shorter) kept.dependency_path = std::move(package.dependency_path);
  }
  return merged;
}

namespace {

constexpr std::size_t kNoParent = static_cast<std::size_t>(-1);
constexpr std::size_t kRootParent = kNoParent - 1;

// Breadth-first from `starts`: marks what it reaches, and gives packages
// seen for the first time their parent on a shortest path.
std::vector<bool> walk_graph(const DependencyGraph& graph,
                             const std::vector<std::size_t>& starts,
                             std::size_t count,
                             std::vector<std::size_t>* parent) {
  std::vector<bool> reached(count, false);
  std::vector<std::size_t> queue;
  for (std::size_t root : starts) {
    if (root >= count || reached[root]) continue;
    reached[root] = true;
    queue.push_back(root);
    if ((*parent)[root] == kNoParent) (*parent)[root] = kRootParent;
  }
  for (std::size_t next = 0; next < queue.size(); ++next) {
    std::size_t from = queue[next];
    if (from >= graph.edges.size()) continue;
    for (std::size_t to : graph.edges[from]) {
      if (to >= count || reached[to]) continue;
      reached[to] = true;
      queue.push_back(to);
      if ((*parent)[to] == kNoParent) (*parent)[to] = from;
    }
  }
  return reached;
}

// The names from the root down to `index`, at most kMaxDependencyPath of
// them: a longer chain keeps its end, behind a "..." marker.
std::vector<std::string> chain_to(const std::vector<Package>& packages,
                                  const std::vector<std::size_t>& parent,
                                  std::size_t index) {
  std::vector<std::string> chain;
  std::size_t at = index;
  while (at != kRootParent && at != kNoParent) {
    if (chain.size() == kMaxDependencyPath - 1) {
      chain.emplace_back("...");
      break;
    }
    chain.push_back(packages[at].name);
    at = parent[at];
  }
  return {chain.rbegin(), chain.rend()};
}

}  // namespace

void apply_dependency_graph(const DependencyGraph& graph,
                            std::vector<Package>* packages) {
  std::size_t count = packages->size();
  std::vector<std::size_t> parent(count, kNoParent);
  std::vector<bool> runtime = walk_graph(graph, graph.roots, count, &parent);
  std::vector<bool> development =
      walk_graph(graph, graph.dev_roots, count, &parent);

  for (const std::vector<std::size_t>* roots :
       {&graph.roots, &graph.dev_roots}) {
    for (std::size_t root : *roots) {
      if (root < count) (*packages)[root].direct = true;
    }
  }
  for (std::size_t i = 0; i < count; ++i) {
    Package& package = (*packages)[i];
    if (parent[i] != kNoParent && parent[i] != kRootParent) {
      package.dependency_path = chain_to(*packages, parent, i);
    }
    if (!graph.dev_roots.empty() && development[i] && !runtime[i]) {
      package.dev = true;
    }
  }
}

std::string pep503_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (out.empty() || out.back() != '-') out += '-';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

std::string_view trim(std::string_view text) {
  const char* kSpace = " \t\r\n\f\v";
  std::size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  std::size_t end = text.find_last_not_of(kSpace);
  return text.substr(begin, end - begin + 1);
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.substr(text.size() - suffix.size()) == suffix;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  return lines;
}

std::string_view base_name(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view dir_name(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view()
                                         : path.substr(0, slash);
}

std::string join_path(std::string_view dir, std::string_view reference) {
  std::vector<std::string_view> parts;
  auto push_all = [&parts](std::string_view text) {
    while (true) {
      std::size_t slash = text.find('/');
      std::string_view part = text.substr(0, slash);
      if (part == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else if (!part.empty() && part != ".") {
        parts.push_back(part);
      }
      if (slash == std::string_view::npos) return true;
      text.remove_prefix(slash + 1);
    }
  };
  if (starts_with(reference, "/")) return {};
  if (!push_all(dir) || !push_all(reference)) return {};
  std::string out;
  for (std::string_view part : parts) {
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

}  // namespace rampart::scan::vuln::lockfile
