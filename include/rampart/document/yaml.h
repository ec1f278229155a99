// SPDX-License-Identifier: Apache-2.0
//
// YAML to Value, with positions.
//
// Reads a YAML 1.2 stream (one or more documents) from untrusted input with
// libfyaml's event parser. Plain scalars resolve by the YAML 1.2 core schema
// (null, booleans, integers in decimal/octal/hex, floats, .inf, .nan);
// quoted scalars are strings; `!!str`, `!!int`, `!!float`, `!!bool` and
// `!!null` tags are honoured; other tags are ignored. Merge keys (`<<`) are
// applied. Aliases are expanded, with every expansion counted against
// YamlLimits::max_nodes, so a "billion laughs" document fails with
// kLimitExceeded instead of exhausting memory; nesting is capped by
// max_depth.
//
// When asked, each document records where every node starts, keyed by its
// JSON Pointer ("/spec/containers/0/image"), so findings can name the exact
// line of a field. Input that is not valid UTF-8, or holds control
// characters YAML forbids (NUL, ...), is refused before parsing. Errors name
// the source, line and column. Pure function; safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/document/value.h"

namespace rampart {

struct YamlLimits {
  std::size_t max_depth = 256;
  std::size_t max_nodes = 4'000'000;  // per stream, aliases expanded
  bool record_positions = false;
  // When set, untagged plain scalars resolve through this function instead
  // of the YAML 1.2 core schema (OPA's yaml.unmarshal reads YAML 1.1, as
  // Go's yaml.v2 does). Quoted and tagged scalars are unaffected.
  Value (*resolve_plain)(std::string_view text) = nullptr;
};

// Where a node sits in its file; lines and columns count from 1.
struct TextPosition {
  int line = 0;
  int column = 0;
  int end_line = 0;
};

struct YamlDocument {
  Value value;
  int start_line = 0;
  int end_line = 0;
  // JSON Pointer of a node -> where it is. For a mapping member the position
  // is that of its key, which is what a reader clicks to. Empty unless
  // YamlLimits::record_positions.
  std::unordered_map<std::string, TextPosition> positions;
};

// Every document of the stream, in order. An empty stream yields none.
Result<std::vector<YamlDocument>> parse_yaml(std::string_view text,
                                             std::string_view source = "",
                                             YamlLimits limits = {});

// Exactly one document (an empty stream reads as null); more is an error.
Result<Value> parse_yaml_value(std::string_view text,
                               std::string_view source = "",
                               YamlLimits limits = {});

// Appends one JSON Pointer segment for `key` ("~" and "/" escaped).
void append_pointer_segment(std::string& pointer, std::string_view key);

}  // namespace rampart
