// SPDX-License-Identifier: Apache-2.0
//
// The one place the JSON-based lockfile parsers call simdjson. Parses with
// simdjson's error-code API (nothing throws) and a nesting bound of
// kMaxNestingDepth; turns any failure into a parse error naming the file.
// A JsonDocument is not thread-safe; each parse makes its own.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln::lockfile {

class JsonDocument {
 public:
  // Parses ctx.content; on failure returns a Status naming the file.
  Status parse(const Context& ctx);
  simdjson::dom::element root() const { return root_; }

 private:
  simdjson::dom::parser parser_;
  simdjson::dom::element root_;
};

// Lenient accessors: a missing key or a value of another type reads as
// empty / false / a null element, so parsers can probe optional fields.
std::string_view json_string(simdjson::dom::element object,
                             std::string_view key);
bool json_bool(simdjson::dom::element object, std::string_view key);
bool json_object(simdjson::dom::element object, std::string_view key,
                 simdjson::dom::object* out);
bool json_array(simdjson::dom::element object, std::string_view key,
                simdjson::dom::array* out);

// One dependency a package.json declares.
struct DeclaredDependency {
  std::string name;
  std::string range;  // as written: "^1.2.0", "npm:other@^2", ...
  bool dev = false;   // listed in devDependencies
};

// The dependencies a package.json beside `lockfile_path` declares. Empty
// when there is no readable package.json (the caller then knows nothing
// about direct ones).
std::vector<DeclaredDependency> package_json_dependencies(
    const Context& ctx, std::string_view lockfile_path);

// Finds entries' lines by text search, since simdjson keeps no positions.
// Searches forward only (entries come in file order), so a whole file costs
// one pass; returns 0 when `needle` is not found after the previous hit.
class LineCursor {
 public:
  explicit LineCursor(std::string_view content) : content_(content) {}
  int find(std::string_view needle);

 private:
  std::string_view content_;
  std::size_t offset_ = 0;
  int line_ = 1;
};

}  // namespace rampart::scan::vuln::lockfile
