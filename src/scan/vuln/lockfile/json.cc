// SPDX-License-Identifier: Apache-2.0
//
// simdjson wrapper for the lockfile parsers; see json.h.
#include "scan/vuln/lockfile/json.h"

#include <algorithm>

#include "fmt/format.h"

namespace rampart::scan::vuln::lockfile {

Status JsonDocument::parse(const Context& ctx) {
  std::size_t capacity = std::max<std::size_t>(ctx.content.size(), 64);
  if (parser_.allocate(capacity, kMaxNestingDepth) != simdjson::SUCCESS) {
    return limit_error(ctx, "cannot allocate a JSON parser for the file");
  }
  // simdjson needs padding after the text; the copy provides it.
  simdjson::padded_string padded(ctx.content);
  simdjson::error_code error = parser_.parse(padded).get(root_);
  if (error == simdjson::DEPTH_ERROR) {
    return limit_error(ctx, fmt::format("JSON nested deeper than {} levels",
                                        kMaxNestingDepth));
  }
  if (error != simdjson::SUCCESS) {
    return parse_error(
        ctx, fmt::format("invalid JSON ({})", simdjson::error_message(error)));
  }
  // The parser owns the element's storage; the padded copy can go.
  return Status::ok();
}

std::string_view json_string(simdjson::dom::element object,
                             std::string_view key) {
  std::string_view value;
  if (object[key].get(value) != simdjson::SUCCESS) return {};
  return value;
}

bool json_bool(simdjson::dom::element object, std::string_view key) {
  bool value = false;
  if (object[key].get(value) != simdjson::SUCCESS) return false;
  return value;
}

bool json_object(simdjson::dom::element object, std::string_view key,
                 simdjson::dom::object* out) {
  return object[key].get(*out) == simdjson::SUCCESS;
}

bool json_array(simdjson::dom::element object, std::string_view key,
                simdjson::dom::array* out) {
  return object[key].get(*out) == simdjson::SUCCESS;
}

std::vector<DeclaredDependency> package_json_dependencies(
    const Context& ctx, std::string_view lockfile_path) {
  std::vector<DeclaredDependency> names;
  Context manifest = ctx;
  manifest.source_file = join_path(dir_name(lockfile_path), "package.json");
  Result<std::string> content = ctx.read(manifest.source_file);
  if (!content.is_ok()) return names;
  manifest.content = *content;
  JsonDocument document;
  if (!document.parse(manifest).is_ok()) return names;
  for (std::string_view list : {"dependencies", "optionalDependencies",
                                "peerDependencies", "devDependencies"}) {
    simdjson::dom::object deps;
    if (!json_object(document.root(), list, &deps)) continue;
    for (auto field : deps) {
      std::string_view range;
      if (field.value.get(range) != simdjson::SUCCESS) range = {};
      names.push_back({std::string(field.key), std::string(range),
                       list == "devDependencies"});
    }
  }
  return names;
}

int LineCursor::find(std::string_view needle) {
  std::size_t at = content_.find(needle, offset_);
  if (at == std::string_view::npos) return 0;
  line_ += static_cast<int>(
      std::count(content_.begin() + offset_, content_.begin() + at, '\n'));
  offset_ = at;
  return line_;
}

}  // namespace rampart::scan::vuln::lockfile
