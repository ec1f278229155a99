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

bool is_status_d(std::string_view path) {
  return ends_with(dir_name(path), "status.d") ||
         starts_with(base_name(path), "status.d");
}

}  // namespace

Result<std::vector<Package>> parse_dpkg_status(const Context& ctx) {
  Result<std::vector<Paragraph>> parsed = paragraphs(ctx, false);
  if (!parsed.is_ok()) return parsed.status();
  bool status_d = is_status_d(ctx.source_file);

  std::vector<Package> packages;
  for (const Paragraph& paragraph : *parsed) {
    std::string name = field(paragraph, "Package");
    std::string version = field(paragraph, "Version");
    if (name.empty() || version.empty()) continue;
    if (!dpkg_installed(paragraph, status_d)) continue;
    Package package = make_package(ctx, "Debian", std::move(name),
                                   std::move(version), paragraph.line);
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

  std::vector<Package> packages;
  for (const Paragraph& paragraph : *parsed) {
    std::string name = field(paragraph, "P");
    if (name.empty()) continue;
    Package package = make_package(ctx, "Alpine", std::move(name),
                                   field(paragraph, "V"), paragraph.line);
    package.source_name = field(paragraph, "o");
    package.commit = field(paragraph, "c");
    packages.push_back(std::move(package));
  }
  return merge_duplicates(std::move(packages));
}

}  // namespace rampart::scan::vuln::lockfile
