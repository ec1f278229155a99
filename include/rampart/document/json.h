// SPDX-License-Identifier: Apache-2.0
//
// JSON to and from Value.
//
// The reader accepts RFC 8259 JSON from untrusted sources: nesting is capped
// (JsonLimits::max_depth), invalid UTF-8 and trailing garbage are errors,
// numbers of any size keep their exact value (big integers stay exact), and
// duplicate object keys keep the last value. Errors are a Status naming the
// source and, where simdjson reports one, the byte offset.
//
// The writer prints Values as OPA does: objects with sorted keys, sets as
// arrays, non-string object keys as their own JSON text ("0", "true"),
// no HTML escaping. Both are pure functions, safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "rampart/base/status.h"
#include "rampart/document/value.h"

namespace rampart {

struct JsonLimits {
  std::size_t max_depth = 1000;
};

// Parses one JSON document. `source` names the input in error messages.
Result<Value> parse_json(std::string_view text, std::string_view source = "",
                         JsonLimits limits = {});

struct JsonStyle {
  bool pretty = false;  // newlines and indentation
  int indent = 2;       // spaces per level when pretty
};

// Serialises `value`; never fails.
std::string to_json(const Value& value, JsonStyle style = {});
void append_json(std::string& out, const Value& value, JsonStyle style = {},
                 int depth = 0);
// Appends `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

}  // namespace rampart
