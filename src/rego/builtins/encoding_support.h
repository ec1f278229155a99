// SPDX-License-Identifier: Apache-2.0
//
// Codecs shared by the encoding, JWT and crypto built-ins, each behaving as
// the Go standard library function OPA calls: base64 (standard and URL
// alphabets, with or without padding), hex, URL query escaping, Go's
// encoding/json output (json.Marshal and json.Indent) and Go yaml.v2's
// block output. Pure functions over untrusted bytes: linear scans, no
// recursion deeper than the Value being printed. Never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rampart/document/value.h"

namespace rampart::rego::encoding {

std::string base64_encode(std::string_view data, bool url, bool pad);
// Go's (Raw)(Std|URL)Encoding.DecodeString: "\r" and "\n" are skipped;
// on failure `error` reads "illegal base64 data at input byte N".
std::optional<std::string> base64_decode(std::string_view text, bool url,
                                         bool pad, std::string* error);
std::string hex_encode(std::string_view data);

// Go's url.QueryEscape / url.QueryUnescape.
std::string query_escape(std::string_view text);
std::optional<std::string> query_unescape(std::string_view text,
                                          std::string* error);

// Go's json.Marshal of the value's JSON form: sorted keys, sets as arrays,
// "<", ">" and "&" escaped as \u003c, \u003e, \u0026.
std::string go_json(const Value& value);
// Go's json.Indent of compact JSON text.
std::string go_indent(std::string_view compact, std::string_view prefix,
                      std::string_view indent);
// What Go's sigs.k8s.io/yaml Marshal prints for the value.
std::string go_yaml(const Value& value);
// Go's strconv.FormatFloat(f, 'g', -1, 64).
std::string go_format_float(double value);
// An untagged plain YAML scalar as Go's yaml.v2 resolves it (YAML 1.1):
// yes/no/on/off/y/n are booleans, "010" is octal, underscores are dropped
// from numbers, timestamps stay strings. For rampart::YamlLimits.
Value yaml11_plain_scalar(std::string_view text);

}  // namespace rampart::rego::encoding
