// SPDX-License-Identifier: Apache-2.0
//
// OS package databases: dpkg's var/lib/dpkg/status (and the one-file-per-
// package status.d folder of distroless images) and apk's
// lib/apk/db/installed. Untrusted text; bounded by the caller's size limit;
// flat records, so no nesting to bound.
//
// dpkg: RFC 822-style paragraphs separated by blank lines; `Key: value`
// fields, continuation lines start with a blank, `#` lines are comments. A
// package is reported when its Status says "installed" (a status.d file has no
// Status and lists installed packages only) and it has both Package and
// Version. `Source: name (version)` fills source_name/source_version. apk:
// paragraphs of one-letter `K:value` fields; P is the name, V the version, o
// the origin (source) package. A record without P is skipped. In both, a line
// that fits neither shape means the file is not the database its name says, and
// is reported as a parse error with its line number.
//
// The ecosystem names the release the way OSV does ("Debian:12",
// "Alpine:v3.18", "Ubuntu:22.04") when the image root around the database
// says it: its
// etc/os-release (or usr/lib/os-release) VERSION_ID, else etc/debian_version
// or etc/alpine-release. Without one the ecosystem is the bare distribution
// name and the matcher checks the advisories of every release.
#include <cctype>
#include <map>
#include <string>
#include <utility>

#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {
namespace {

struct Paragraph {
  std::map<std::string, std::string> fields;
  int line = 0;  // first line
};

bool is_field_name(std::string_view name, bool one_letter) {
  if (name.empty() || (one_letter && name.size() != 1)) return false;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '-' &&
        c != '_') {
      return false;
    }
  }
  return true;
}

// Splits `content` into paragraphs; `one_letter` selects apk's field shape.
Result<std::vector<Paragraph>> paragraphs(const Context& ctx, bool one_letter) {
  std::vector<Paragraph> out;
  Paragraph current;
  std::string* last_value = nullptr;
  std::vector<std::string_view> lines = split_lines(ctx.content);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    int number = static_cast<int>(i) + 1;
    if (trim(line).empty()) {
      if (!current.fields.empty()) out.push_back(std::move(current));
      current = Paragraph();
      last_value = nullptr;
      continue;
    }
    if (line[0] == '#') continue;  // comment
    if (line[0] == ' ' || line[0] == '\t') {
      if (last_value == nullptr) {
        return parse_error(ctx, "continuation line outside a field", number);
      }
      *last_value += "\n" + std::string(trim(line));
      continue;
    }
    std::size_t colon = line.find(':');
    std::string_view key =
        colon == std::string_view::npos ? line : line.substr(0, colon);
    if (colon == std::string_view::npos || !is_field_name(key, one_letter)) {
      return parse_error(ctx, "expected a 'Field: value' line", number);
    }
    if (current.fields.empty()) current.line = number;
    std::string& value = current.fields[std::string(key)];
    value = std::string(trim(line.substr(colon + 1)));
    last_value = &value;
  }
  if (!current.fields.empty()) out.push_back(std::move(current));
  return out;
}

// The first line of a field: the ones read here are single-line, and a
// shuffled file may have attached another field's continuation to them.
std::string field(const Paragraph& paragraph, const std::string& key) {
  auto found = paragraph.fields.find(key);
  if (found == paragraph.fields.end()) return {};
  return found->second.substr(0, found->second.find('\n'));
}

// "install ok installed" -> installed; the state is the last word.
bool dpkg_installed(const Paragraph& paragraph, bool status_d) {
  if (paragraph.fields.count("Status") == 0) return status_d;
  std::string status_text = field(paragraph, "Status");
  std::string_view status = trim(status_text);
  std::size_t space = status.rfind(' ');
  std::string_view state =
      space == std::string_view::npos ? status : status.substr(space + 1);
  return state == "installed";
}

// "util-linux (2.38.1-5)" -> ("util-linux", "2.38.1-5").
std::pair<std::string, std::string> split_source(std::string_view source) {
  source = trim(source);
  std::size_t open = source.find('(');
  if (open == std::string_view::npos) return {std::string(source), ""};
  std::string_view version = source.substr(open + 1);
  version = version.substr(0, version.find(')'));
  return {std::string(trim(source.substr(0, open))),
          std::string(trim(version))};
}

struct OsRelease {
  std::string id;          // "debian", "ubuntu", "alpine", ...
  std::string version_id;  // "12", "22.04", "3.18.4", ...
};

// The image root of a database path: "rootfs/var/lib/dpkg/status" ->
// "rootfs", "" when the database is at the scan root, and "-" when the path
// is not laid out like an image (no os-release is looked for then).
std::string image_root(std::string_view path, std::string_view suffix) {
  std::size_t at = path.rfind(suffix);
  if (at == std::string_view::npos) return "-";
  if (at > 0 && path[at - 1] != '/') return "-";
  return std::string(path.substr(0, at == 0 ? 0 : at - 1));
}

std::string under_root(const std::string& root, const char* file) {
  return root.empty() ? file : root + "/" + file;
}

OsRelease read_os_release(const Context& ctx, const std::string& root) {
  OsRelease release;
  if (root == "-") return release;
  for (const char* file : {"etc/os-release", "usr/lib/os-release"}) {
    Result<std::string> content = ctx.read(under_root(root, file));
    if (!content.is_ok()) continue;
    for (std::string_view line : split_lines(*content)) {
      std::size_t equals = line.find('=');
      if (equals == std::string_view::npos) continue;
      std::string_view key = trim(line.substr(0, equals));
      std::string_view value = trim(line.substr(equals + 1));
      if (value.size() >= 2 && (value[0] == '"' || value[0] == '\'')) {
        value = value.substr(1, value.size() - 2);
      }
      if (key == "ID") release.id = to_lower(value);
      if (key == "VERSION_ID") release.version_id = std::string(value);
    }
    break;
  }
  return release;
}

// The first line of a one-line release file such as etc/debian_version
// ("12.4") or etc/alpine-release ("3.18.4"); empty unless it starts with a
// digit, so "trixie/sid" (Debian testing) names no release.
std::string release_file_version(const Context& ctx, const std::string& root,
                                 const char* file) {
  Result<std::string> content = ctx.read(under_root(root, file));
  if (!content.is_ok()) return {};
  std::string_view text = *content;
  std::string_view line = trim(text.substr(0, text.find('\n')));
  if (line.empty() || std::isdigit(static_cast<unsigned char>(line[0])) == 0) {
    return {};
  }
  return std::string(line.substr(0, 32));
}

// os-release first; when it is missing or names no VERSION_ID (Debian
// testing, minimal images), the distribution's own release file.
OsRelease read_release(const Context& ctx, const std::string& root,
                       std::string_view id, const char* release_file) {
  OsRelease release = read_os_release(ctx, root);
  if (root == "-" || !release.version_id.empty()) return release;
  if (!release.id.empty() && release.id != id) return release;
  std::string version = release_file_version(ctx, root, release_file);
  if (version.empty()) return release;
  release.id = std::string(id);
  release.version_id = std::move(version);
  return release;
}

// "12.4" -> "12": Debian's OSV ecosystems name major releases.
std::string major_only(std::string_view version) {
  return std::string(version.substr(0, version.find('.')));
}

// "3.18.4" -> "3.18".
std::string major_minor(std::string_view version) {
  std::size_t first = version.find('.');
  if (first == std::string_view::npos) return std::string(version);
  std::size_t second = version.find_first_not_of("0123456789", first + 1);
  return std::string(version.substr(0, second));
}

std::string dpkg_ecosystem(const OsRelease& release) {
  // OSV writes "Ubuntu:22.04:LTS" or "Ubuntu:23.10"; the matcher takes
  // "Ubuntu:22.04" to mean either (but not "Ubuntu:Pro:...").
  if (release.id == "ubuntu" && !release.version_id.empty()) {
    return "Ubuntu:" + release.version_id;
  }
  if (release.id == "ubuntu") return "Ubuntu";
  if (release.id == "debian" && !release.version_id.empty()) {
    return "Debian:" + major_only(release.version_id);
  }
  return "Debian";
}

std::string apk_ecosystem(const OsRelease& release) {
  if (release.id == "alpine" && !release.version_id.empty()) {
    return "Alpine:v" + major_minor(release.version_id);
  }
  return "Alpine";
}

// Gives the purl the distribution's namespace and a distro qualifier.
void set_os_purl(Package* package, std::string_view type,
                 const OsRelease& release, std::string_view fallback) {
  std::string ns = release.id.empty() ? std::string(fallback) : release.id;
  std::string qualifiers;
  if (!release.id.empty() && !release.version_id.empty()) {
    qualifiers = "distro=" + release.id + "-" + release.version_id;
  }
  package->purl =
      make_purl(type, ns, package->name, package->version, qualifiers);
}

bool is_status_d(std::string_view path) {
  return ends_with(dir_name(path), "status.d") ||
         starts_with(base_name(path), "status.d");
}

}  // namespace

Result<std::vector<Package>> parse_dpkg_status(const Context& ctx) {
  Result<std::vector<Paragraph>> parsed = paragraphs(ctx, false);
  if (!parsed.is_ok()) return parsed.status();
  bool status_d = is_status_d(ctx.source_file);
  std::string root =
      image_root(ctx.source_file,
                 status_d ? "var/lib/dpkg/status.d/" : "var/lib/dpkg/status");
  OsRelease release = read_release(ctx, root, "debian", "etc/debian_version");
  std::string ecosystem = dpkg_ecosystem(release);

  std::vector<Package> packages;
  for (const Paragraph& paragraph : *parsed) {
    std::string name = field(paragraph, "Package");
    std::string version = field(paragraph, "Version");
    if (name.empty() || version.empty()) continue;
    if (!dpkg_installed(paragraph, status_d)) continue;
    Package package = make_package(ctx, ecosystem, std::move(name),
                                   std::move(version), paragraph.line);
    set_os_purl(&package, "deb", release, "debian");
    std::string source = field(paragraph, "Source");
    if (!source.empty()) {
      std::tie(package.source_name, package.source_version) =
          split_source(source);
    }
    packages.push_back(std::move(package));
  }
  return merge_duplicates(std::move(packages));
}

Result<std::vector<Package>> parse_apk_installed(const Context& ctx) {
  Result<std::vector<Paragraph>> parsed = paragraphs(ctx, true);
  if (!parsed.is_ok()) return parsed.status();
  OsRelease release =
      read_release(ctx, image_root(ctx.source_file, "lib/apk/db/installed"),
                   "alpine", "etc/alpine-release");
  std::string ecosystem = apk_ecosystem(release);

  std::vector<Package> packages;
  for (const Paragraph& paragraph : *parsed) {
    std::string name = field(paragraph, "P");
    if (name.empty()) continue;
    Package package = make_package(ctx, ecosystem, std::move(name),
                                   field(paragraph, "V"), paragraph.line);
    set_os_purl(&package, "apk", release, "alpine");
    package.source_name = field(paragraph, "o");
    package.commit = field(paragraph, "c");
    packages.push_back(std::move(package));
  }
  return merge_duplicates(std::move(packages));
}

}  // namespace rampart::scan::vuln::lockfile
