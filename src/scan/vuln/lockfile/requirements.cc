// SPDX-License-Identifier: Apache-2.0
//
// pip requirements files (requirements*.txt). Untrusted text; bounded by the
// caller's size limit, by kMaxIncludeDepth nested `-r` files and by a
// visited set that breaks include cycles.
//
// Accepted subset of pip's requirements-file format: `#` comments (at line
// start or after whitespace), backslash line continuations (joined before
// comments are stripped, as pip does), `-r`/`--requirement` includes
// (followed through the SiblingReader, relative to the including file),
// other options ignored (`-c`, `-e`, `-i`, `--hash` ...), requirement lines
// `name[extras] specifiers ; markers --per-requirement-options`. URLs, local
// paths and `name @ url` references are skipped: they have no registry
// version. A requirement is pinned when it has an `==`/`===` specifier
// without a wildcard; anything else is reported with an empty version.
// pip-compile's `# via` comments mark transitive requirements.
#include <cctype>
#include <set>
#include <string>
#include <utility>

#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {
namespace {

constexpr int kMaxIncludeDepth = 16;

struct LogicalLine {
  std::string text;
  int line = 0;  // first physical line
};

// True when `text` ends with an odd number of backslashes: an unescaped
// continuation.
bool continues(std::string_view text) {
  std::size_t count = 0;
  while (count < text.size() && text[text.size() - 1 - count] == '\\') {
    ++count;
  }
  return count % 2 == 1;
}

// Joins continuation lines, then strips comments.
std::vector<LogicalLine> logical_lines(std::string_view content) {
  std::vector<LogicalLine> out;
  std::vector<std::string_view> lines = split_lines(content);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    LogicalLine logical{std::string(lines[i]), static_cast<int>(i) + 1};
    while (continues(logical.text)) {
      logical.text.pop_back();
      if (i + 1 >= lines.size()) break;
      logical.text += lines[++i];
    }
    out.push_back(std::move(logical));
  }
  return out;
}

// A comment starts at '#' at line start or after whitespace.
std::string_view strip_comment(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '#') continue;
    if (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t') {
      return text.substr(0, i);
    }
  }
  return text;
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' ||
         c == '_' || c == '.';
}

// Cuts per-requirement options (" --hash=...", " -C x"): they start at a
// whitespace-preceded '-'.
std::string_view strip_options(std::string_view text) {
  for (std::size_t i = 1; i < text.size(); ++i) {
    bool space_before = text[i - 1] == ' ' || text[i - 1] == '\t';
    if (space_before && text[i] == '-') return text.substr(0, i);
  }
  return text;
}

bool looks_like_path_or_url(std::string_view text) {
  return text.find("://") != std::string_view::npos || starts_with(text, ".") ||
         starts_with(text, "/") || ends_with(text, ".whl") ||
         ends_with(text, ".tar.gz") || ends_with(text, ".zip");
}

struct Requirement {
  std::string name;
  std::string version;  // empty when not pinned
  bool valid = false;
};

// The pinned version among comma-separated specifiers, if any.
// Returns false when an `==` specifier is present but unusable.
bool pinned_version(std::string_view specifiers, std::string* version) {
  while (!specifiers.empty()) {
    std::size_t comma = specifiers.find(',');
    std::string_view spec = trim(specifiers.substr(0, comma));
    specifiers = comma == std::string_view::npos ? std::string_view()
                                                 : specifiers.substr(comma + 1);
    if (!starts_with(spec, "==")) continue;
    spec.remove_prefix(starts_with(spec, "===") ? 3 : 2);
    spec = trim(spec);
    if (spec.empty() || spec.find("${") != std::string_view::npos) {
      return false;
    }
    if (spec.find('*') != std::string_view::npos) continue;
    *version = std::string(spec);
  }
  return true;
}

Requirement parse_requirement(std::string_view text) {
  Requirement requirement;
  text = trim(strip_options(text));
  if (text.empty() || looks_like_path_or_url(text)) return requirement;

  std::size_t end = 0;
  while (end < text.size() && is_name_char(text[end])) ++end;
  if (end == 0) return requirement;
  requirement.name = std::string(text.substr(0, end));
  std::string_view rest = trim(text.substr(end));

  if (starts_with(rest, "[")) {
    std::size_t close = rest.find(']');
    if (close == std::string_view::npos) return requirement;
    rest = trim(rest.substr(close + 1));
  }
  if (starts_with(rest, "@")) return requirement;  // direct URL reference
  rest = rest.substr(0, rest.find(';'));           // environment markers
  if (!rest.empty() &&
      std::string_view("=<>!~").find(rest[0]) == std::string_view::npos) {
    return requirement;  // "asdf 1.0": not a specifier
  }
  requirement.valid = pinned_version(rest, &requirement.version);
  return requirement;
}

// "-r file", "-rfile", "--requirement file", "--requirement=file".
std::string include_target(std::string_view option) {
  for (std::string_view prefix : {"--requirement", "-r"}) {
    if (!starts_with(option, prefix)) continue;
    std::string_view rest = option.substr(prefix.size());
    if (starts_with(rest, "=")) rest.remove_prefix(1);
    if (prefix == "--requirement" && !rest.empty() && rest[0] != ' ' &&
        rest[0] != '\t' && option[prefix.size()] != '=') {
      return {};
    }
    return std::string(trim(rest));
  }
  return {};
}

class Parser {
 public:
  explicit Parser(const Context& ctx) : ctx_(ctx) {}

  Result<std::vector<Package>> run() {
    RAMPART_RETURN_IF_ERROR(parse_file(ctx_.source_file, ctx_.content, 0));
    return merge_duplicates(std::move(packages_));
  }

 private:
  Status parse_file(const std::string& path, std::string_view content,
                    int depth) {
    visited_.insert(path);
    Package* last = nullptr;
    bool in_via = false;
    bool via_direct = false;
    for (const LogicalLine& logical : logical_lines(content)) {
      std::string_view raw = trim(logical.text);
      if (starts_with(raw, "#")) {
        note_via(raw, last, &in_via, &via_direct);
        continue;
      }
      close_via(last, &in_via, via_direct);
      std::string_view text = trim(strip_comment(logical.text));
      if (text.empty()) continue;
      if (starts_with(text, "-")) {
        RAMPART_RETURN_IF_ERROR(follow_include(path, text, depth));
        last = nullptr;
        continue;
      }
      last = add(path, text, logical.line);
    }
    close_via(last, &in_via, via_direct);
    return Status::ok();
  }

  // pip-compile writes "# via pkg" or "# via\n#   -r requirements.in".
  static void note_via(std::string_view comment, Package* last, bool* in_via,
                       bool* via_direct) {
    if (last == nullptr) return;
    std::string_view body = trim(comment.substr(1));
    if (starts_with(body, "via")) {
      *in_via = true;
      *via_direct = false;
      body = trim(body.substr(3));
    }
    if (*in_via && starts_with(body, "-r ")) *via_direct = true;
  }

  static void close_via(Package* last, bool* in_via, bool via_direct) {
    if (*in_via && last != nullptr) last->direct = via_direct;
    *in_via = false;
  }

  Package* add(const std::string& path, std::string_view text, int line) {
    Requirement requirement = parse_requirement(text);
    if (!requirement.valid) return nullptr;
    Context here = ctx_;
    here.source_file = path;
    Package package = make_package(here, "PyPI", std::move(requirement.name),
                                   std::move(requirement.version), line);
    package.direct = true;
    packages_.push_back(std::move(package));
    return &packages_.back();
  }

  Status follow_include(const std::string& path, std::string_view option,
                        int depth) {
    std::string target = include_target(option);
    if (target.empty()) return Status::ok();  // another option: ignored
    std::string resolved = join_path(dir_name(path), target);
    if (resolved.empty() || visited_.count(resolved) != 0) {
      return Status::ok();  // outside the root, or an include cycle
    }
    if (depth + 1 > kMaxIncludeDepth) {
      return limit_error(ctx_, "more than 16 nested -r includes");
    }
    // TODO(vuln): a missing include is skipped silently; pip would refuse
    // the file. A warnings channel in the API would let the scan say so.
    Result<std::string> content = ctx_.read(resolved);
    if (!content.is_ok()) return Status::ok();
    return parse_file(resolved, *content, depth + 1);
  }

  const Context& ctx_;
  std::vector<Package> packages_;
  std::set<std::string> visited_;
};

}  // namespace

Result<std::vector<Package>> parse_requirements(const Context& ctx) {
  return Parser(ctx).run();
}

}  // namespace rampart::scan::vuln::lockfile
