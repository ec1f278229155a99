// SPDX-License-Identifier: Apache-2.0
//
// How the two built-in fuzz targets (fuzz_rego_builtins,
// fuzz_rego_builtins_b) read their input: after a selector byte, up to
// `count` NUL-separated strings, missing ones empty; an argument that
// parses as JSON becomes that value, anything else stays a string.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/document/json.h"
#include "rampart/document/value.h"

namespace rampart::fuzz {

inline std::vector<std::string> split_arguments(std::string_view data,
                                                std::size_t count) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (parts.size() < count) {
    auto nul = data.find('\0', start);
    parts.emplace_back(data.substr(start, nul - start));
    if (nul == std::string_view::npos) break;
    start = nul + 1;
  }
  while (parts.size() < count) parts.emplace_back();
  return parts;
}

inline Value json_or_string(const std::string& text) {
  auto parsed = parse_json(text);
  return parsed ? parsed.value() : Value::string(text);
}

}  // namespace rampart::fuzz
