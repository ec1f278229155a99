// SPDX-License-Identifier: Apache-2.0
//
// Go modules: go.mod, plus go.sum beside it for modules older than go 1.17.
// Untrusted text; bounded by the caller's size limit; line-oriented, so no
// nesting to bound.
//
// Accepted subset of the go.mod grammar: `//` comments, the directives
// module, go, toolchain, require, replace, exclude, retract, godebug, tool
// and ignore, each either on one line or as a parenthesised block. Only
// require, replace, go and toolchain matter here. `// indirect` marks a
// transitive requirement. A replace with an old version applies to that
// version only; a local-path replacement is reported under the path with no
// version. The `go` directive is the minimum language version the module
// needs, not the Go that builds it, so it is not an inventory entry. A
// `toolchain` directive names the toolchain that `go` selects for building
// (Go 1.21 and later), so it is reported as the module `stdlib` (OSV's
// name for the standard library), its version written as OSV's Go
// records write it: "toolchain go1.21rc2" -> 1.21.0-rc.2, "go1.22.4-custom"
// -> 1.22.4. Before go 1.17 go.mod lists only direct requirements, so the
// modules whose source hash appears in go.sum are added (highest version
// per module). Versions lose their `v` prefix, as OSV writes them.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <utility>

#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {
namespace {

struct Require {
  std::string path;
  std::string version;  // with its "v"
  bool indirect = false;
  int line = 0;
};

struct Replace {
  std::string old_path;
  std::string old_version;  // empty: every version
  std::string new_path;
  std::string new_version;  // empty for a local path
};

struct GoMod {
  std::string go_version;
  std::string toolchain;
  int toolchain_line = 0;
  std::vector<Require> requires_;
  std::vector<Replace> replaces;
};

// Splits on blanks, honouring Go's quoted strings ("..." and `...`).
std::vector<std::string> tokens(std::string_view line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() &&
           std::isspace(static_cast<unsigned char>(line[i]))) {
      ++i;
    }
    if (i >= line.size()) break;
    char quote = line[i];
    if (quote == '"' || quote == '`') {
      std::size_t end = line.find(quote, i + 1);
      if (end == std::string_view::npos) end = line.size();
      out.emplace_back(line.substr(i + 1, end - i - 1));
      i = end + 1;
      continue;
    }
    std::size_t start = i;
    while (i < line.size() &&
           !std::isspace(static_cast<unsigned char>(line[i]))) {
      ++i;
    }
    out.emplace_back(line.substr(start, i - start));
  }
  return out;
}

bool is_known_directive(std::string_view word) {
  for (std::string_view known :
       {"module", "go", "toolchain", "require", "replace", "exclude", "retract",
        "godebug", "tool", "ignore"}) {
    if (word == known) return true;
  }
  return false;
}

std::string strip_v(std::string_view version) {
  if (starts_with(version, "v")) version.remove_prefix(1);
  return std::string(version);
}

bool is_local_path(std::string_view path) {
  return starts_with(path, "./") || starts_with(path, "../") ||
         starts_with(path, "/") || path == "." || path == "..";
}

class ModParser {
 public:
  explicit ModParser(const Context& ctx) : ctx_(ctx) {}

  Result<GoMod> run() {
    std::vector<std::string_view> lines = split_lines(ctx_.content);
    std::string block;  // directive of the open "(" block, if any
    for (std::size_t i = 0; i < lines.size(); ++i) {
      int number = static_cast<int>(i) + 1;
      std::string_view line = lines[i];
      bool indirect = false;
      std::size_t comment = line.find("//");
      if (comment != std::string_view::npos) {
        indirect = trim(line.substr(comment + 2)).substr(0, 8) == "indirect";
        line = line.substr(0, comment);
      }
      std::vector<std::string> words = tokens(line);
      if (words.empty()) continue;
      if (!block.empty()) {
        if (words[0] == ")") {
          block.clear();
          continue;
        }
        RAMPART_RETURN_IF_ERROR(entry(block, words, indirect, number));
        continue;
      }
      if (!is_known_directive(words[0])) {
        return parse_error(ctx_, "unknown directive '" + words[0] + "'",
                           number);
      }
      std::string directive = words[0];
      words.erase(words.begin());
      if (words.size() == 1 && words[0] == "(") {
        block = directive;
        continue;
      }
      RAMPART_RETURN_IF_ERROR(entry(directive, words, indirect, number));
    }
    return std::move(mod_);
  }

 private:
  Status entry(const std::string& directive,
               const std::vector<std::string>& words, bool indirect, int line) {
    if (directive == "go" && !words.empty()) mod_.go_version = words[0];
    if (directive == "toolchain" && !words.empty()) {
      mod_.toolchain = words[0];
      mod_.toolchain_line = line;
    }
    if (directive == "require") {
      if (words.size() < 2) {
        return parse_error(ctx_, "require needs a path and a version", line);
      }
      mod_.requires_.push_back({words[0], words[1], indirect, line});
    }
    if (directive == "replace") return replace(words, line);
    return Status::ok();
  }

  Status replace(const std::vector<std::string>& words, int line) {
    auto arrow = std::find(words.begin(), words.end(), "=>");
    std::size_t left = static_cast<std::size_t>(arrow - words.begin());
    std::size_t right = words.size() - left - 1;
    if (arrow == words.end() || left < 1 || left > 2 || right < 1 ||
        right > 2) {
      return parse_error(ctx_, "malformed replace directive", line);
    }
    Replace replace;
    replace.old_path = words[0];
    if (left == 2) replace.old_version = words[1];
    replace.new_path = words[left + 1];
    if (right == 2) replace.new_version = words[left + 2];
    mod_.replaces.push_back(std::move(replace));
    return Status::ok();
  }

  const Context& ctx_;
  GoMod mod_;
};

// "go1.23.6-xyz" -> "1.23.6", "go1.21" -> "1.21.0", "go1.21rc2" ->
// "1.21.0-rc.2": the SemVer form golang/vulndb gives toolchain versions.
// Empty when the name is not a Go release ("default", "local").
std::string toolchain_version(std::string_view text) {
  if (!starts_with(text, "go")) return {};
  text.remove_prefix(2);
  text = text.substr(0, text.find('-'));
  std::size_t digits = text.find_first_not_of("0123456789.");
  std::string_view numbers = text.substr(0, digits);
  std::string_view pre =
      digits == std::string_view::npos ? "" : text.substr(digits);
  if (numbers.empty() ||
      !std::isdigit(static_cast<unsigned char>(numbers.front()))) {
    return {};
  }

  std::string version(numbers);
  int dots = static_cast<int>(std::count(version.begin(), version.end(), '.'));
  for (; dots < 2; ++dots) version += ".0";
  for (std::string_view label : {"rc", "beta"}) {
    if (starts_with(pre, label)) {
      version += "-" + std::string(label) + "." +
                 std::string(pre.substr(label.size()));
    }
  }
  return version;
}

// Orders Go module versions well enough to pick the highest from go.sum:
// numeric major.minor.patch, then a release above its pre-releases, then
// the pre-release text (pseudo-versions sort by their timestamp there).
bool version_less(std::string_view a, std::string_view b) {
  auto split = [](std::string_view v) {
    if (starts_with(v, "v")) v.remove_prefix(1);
    std::vector<long> numbers;
    std::size_t i = 0;
    while (numbers.size() < 3) {
      long n = 0;
      while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) {
        n = std::min<long>(n * 10 + (v[i] - '0'), 1L << 40);
        ++i;
      }
      numbers.push_back(n);
      if (i >= v.size() || v[i] != '.') break;
      ++i;
    }
    numbers.resize(3, 0);
    std::string_view rest = i < v.size() ? v.substr(i) : std::string_view();
    rest = rest.substr(0, rest.find('+'));
    return std::make_pair(numbers, std::string(rest));
  };
  auto [na, ra] = split(a);
  auto [nb, rb] = split(b);
  if (na != nb) return na < nb;
  if (ra.empty() != rb.empty()) return !ra.empty();
  return ra < rb;
}

bool is_before_go117(std::string_view go_version) {
  if (go_version.empty()) return false;
  return version_less(go_version, "1.17");
}

std::string sum_path(const std::string& mod_path) {
  if (ends_with(mod_path, ".mod")) {
    return mod_path.substr(0, mod_path.size() - 4) + ".sum";
  }
  return join_path(dir_name(mod_path), "go.sum");
}

// Highest version with a source hash ("path vX h1:..."), per module.
std::map<std::string, std::string> sum_modules(std::string_view sum) {
  std::map<std::string, std::string> highest;
  for (std::string_view line : split_lines(sum)) {
    std::vector<std::string> words = tokens(line);
    if (words.size() != 3 || ends_with(words[1], "/go.mod")) continue;
    if (!starts_with(words[2], "h1:") || !starts_with(words[1], "v")) continue;
    std::string& kept = highest[words[0]];
    if (kept.empty() || version_less(kept, words[1])) kept = words[1];
  }
  return highest;
}

const Replace* find_replace(const GoMod& mod, const Require& require) {
  const Replace* any_version = nullptr;
  for (const Replace& replace : mod.replaces) {
    if (replace.old_path != require.path) continue;
    if (replace.old_version == require.version) return &replace;
    if (replace.old_version.empty()) any_version = &replace;
  }
  return any_version;
}

Package module_package(const Context& ctx, const GoMod& mod,
                       const Require& require) {
  std::string path = require.path;
  std::string version = require.version;
  if (const Replace* replace = find_replace(mod, require)) {
    path = replace->new_path;
    version = is_local_path(path) ? std::string() : replace->new_version;
  }
  Package package =
      make_package(ctx, "Go", path, strip_v(version), require.line);
  package.direct = !require.indirect;
  return package;
}

}  // namespace

Result<std::vector<Package>> parse_go_mod(const Context& ctx) {
  Result<GoMod> parsed = ModParser(ctx).run();
  if (!parsed.is_ok()) return parsed.status();
  const GoMod& mod = *parsed;

  std::vector<Package> packages;
  std::map<std::string, bool> required;
  for (const Require& require : mod.requires_) {
    packages.push_back(module_package(ctx, mod, require));
    required[require.path] = true;
  }

  if (is_before_go117(mod.go_version)) {
    Result<std::string> sum = ctx.read(sum_path(ctx.source_file));
    if (sum.is_ok()) {
      for (const auto& [path, version] : sum_modules(*sum)) {
        if (required.count(path) != 0) continue;
        packages.push_back(module_package(ctx, mod, {path, version, true, 0}));
      }
    }
  }

  std::string stdlib = toolchain_version(mod.toolchain);
  if (!stdlib.empty()) {
    packages.push_back(
        make_package(ctx, "Go", "stdlib", stdlib, mod.toolchain_line));
  }
  return merge_duplicates(std::move(packages));
}

}  // namespace rampart::scan::vuln::lockfile
