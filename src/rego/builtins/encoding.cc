// SPDX-License-Identifier: Apache-2.0
//
// OPA's encoding built-ins: base64, base64url, hex, urlquery, json.marshal
// (with options), json.unmarshal, json.is_valid, yaml.marshal,
// yaml.unmarshal and yaml.is_valid.
//
// Decoders follow Go's standard library, which OPA uses: base64 accepts
// only padded input and skips "\r" and "\n"; hex and URL unescaping report
// the first bad byte in Go's words. json.marshal prints as Go's
// encoding/json does (sorted keys, "<", ">" and "&" escaped), and
// yaml.marshal as Go's yaml.v2 prints the same document (block style,
// quoting strings that would read back as another type). All input is
// untrusted: the JSON and YAML readers enforce their own depth and size
// limits, and the other codecs are linear scans. Errors are BuiltinResults
// with OPA's messages; nothing throws. Stateless and thread-safe.
#include <cmath>
#include <cstdio>
#include <optional>

#include "rampart/document/json.h"
#include "rampart/document/yaml.h"
#include "rampart/rego/builtins.h"

#include "rego/builtins/encoding_support.h"
#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::declare;
using builtins::expect_all;

// --- base64 -----------------------------------------------------------------

BuiltinResult base64_encode(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  return BuiltinResult::of(
      Value::string(encoding::base64_encode(args[0].as_string(), false, true)));
}

BuiltinResult base64_decode(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  std::string error;
  auto decoded =
      encoding::base64_decode(args[0].as_string(), false, true, &error);
  if (!decoded) return BuiltinResult::error(error);
  return BuiltinResult::of(Value::string(std::move(*decoded)));
}

BuiltinResult base64_is_valid(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  std::string error;
  bool valid = encoding::base64_decode(args[0].as_string(), false, true, &error)
                   .has_value();
  return BuiltinResult::of(Value::boolean(valid));
}

BuiltinResult base64url_encode(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  return BuiltinResult::of(
      Value::string(encoding::base64_encode(args[0].as_string(), true, true)));
}

BuiltinResult base64url_encode_no_pad(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  return BuiltinResult::of(
      Value::string(encoding::base64_encode(args[0].as_string(), true, false)));
}

BuiltinResult base64url_decode(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  std::string text = args[0].as_string();
  // Unpadded input is padded first (RFC 7515 appendix C), as OPA does.
  if (text.empty() || text.back() != '=') {
    switch (text.size() % 4) {
      case 2:
        text += "==";
        break;
      case 3:
        text += "=";
        break;
      case 1:
        return BuiltinResult::error("illegal base64url string: " + text);
      default:
        break;
    }
  }
  std::string error;
  auto decoded = encoding::base64_decode(text, true, true, &error);
  if (!decoded) return BuiltinResult::error(error);
  return BuiltinResult::of(Value::string(std::move(*decoded)));
}

// --- hex ------------------------------------------------------------------

BuiltinResult hex_encode(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  return BuiltinResult::of(
      Value::string(encoding::hex_encode(args[0].as_string())));
}

int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Go's "%#U" of a byte taken as a rune: "U+0067 'g'".
std::string describe_byte(unsigned char c) {
  char text[16];
  std::snprintf(text, sizeof text, "U+%04X", c);
  std::string out = text;
  bool printable = (c >= 0x20 && c < 0x7f) || (c >= 0xa1 && c != 0xad);
  if (!printable) return out;
  out += " '";
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else {  // the rune in UTF-8
    out += static_cast<char>(0xc0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3f));
  }
  return out + "'";
}

BuiltinResult hex_decode(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  const std::string& text = args[0].as_string();
  std::string out;
  std::size_t i = 0;
  for (; i + 1 < text.size(); i += 2) {
    auto a = static_cast<unsigned char>(text[i]);
    auto b = static_cast<unsigned char>(text[i + 1]);
    if (hex_value(a) < 0 || hex_value(b) < 0) {
      unsigned char bad = hex_value(a) < 0 ? a : b;
      return BuiltinResult::error("encoding/hex: invalid byte: " +
                                  describe_byte(bad));
    }
    out += static_cast<char>(hex_value(a) * 16 + hex_value(b));
  }
  if (i < text.size()) {
    auto last = static_cast<unsigned char>(text[i]);
    if (hex_value(last) < 0) {
      return BuiltinResult::error("encoding/hex: invalid byte: " +
                                  describe_byte(last));
    }
    return BuiltinResult::error("encoding/hex: odd length hex string");
  }
  return BuiltinResult::of(Value::string(std::move(out)));
}

// --- urlquery ---------------------------------------------------------------

BuiltinResult urlquery_encode(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  return BuiltinResult::of(
      Value::string(encoding::query_escape(args[0].as_string())));
}

BuiltinResult urlquery_decode(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  std::string error;
  auto decoded = encoding::query_unescape(args[0].as_string(), &error);
  if (!decoded) return BuiltinResult::error(error);
  return BuiltinResult::of(Value::string(std::move(*decoded)));
}

BuiltinResult urlquery_encode_object(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeObject})) return *error;
  static const char* kAllowed =
      "operand 1 only the following data types are allowed: string, array "
      "of strings, set of strings";
  // Go's url.Values.Encode: keys sorted, each value in order.
  std::vector<std::pair<std::string, std::vector<std::string>>> entries;
  for (const auto& [key, value] : args[0].object_entries()) {
    std::string name = key.is_string() ? key.as_string() : to_json(key);
    std::vector<std::string> values;
    if (value.is_string()) {
      values.push_back(value.as_string());
    } else if (value.is_array() || value.is_set()) {
      for (const Value& item : builtins::items_of(value)) {
        if (!item.is_string()) return BuiltinResult::type_error(kAllowed);
        values.push_back(item.as_string());
      }
    } else {
      return BuiltinResult::type_error(kAllowed);
    }
    entries.emplace_back(std::move(name), std::move(values));
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (const auto& [name, values] : entries) {
    std::string escaped = encoding::query_escape(name);
    for (const std::string& value : values) {
      if (!out.empty()) out += '&';
      out += escaped + "=" + encoding::query_escape(value);
    }
  }
  return BuiltinResult::of(Value::string(std::move(out)));
}

BuiltinResult urlquery_decode_object(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  std::string_view query = args[0].as_string();
  std::vector<std::pair<std::string, std::vector<Value>>> fields;
  std::string first_error;
  // Go's url.ParseQuery: every pair is read; the first error is reported.
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view()
                                          : query.substr(amp + 1);
    if (pair.find(';') != std::string_view::npos) {
      if (first_error.empty()) {
        first_error = "invalid semicolon separator in query";
      }
      continue;
    }
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string error;
    auto key = encoding::query_unescape(pair.substr(0, eq), &error);
    auto value = encoding::query_unescape(
        eq == std::string_view::npos ? "" : pair.substr(eq + 1), &error);
    if (!key || !value) {
      if (first_error.empty()) first_error = error;
      continue;
    }
    auto found = std::find_if(fields.begin(), fields.end(),
                              [&](const auto& f) { return f.first == *key; });
    if (found == fields.end()) {
      fields.emplace_back(*key, std::vector<Value>{});
      found = fields.end() - 1;
    }
    found->second.push_back(Value::string(std::move(*value)));
  }
  if (!first_error.empty()) return BuiltinResult::error(first_error);
  std::vector<ObjectEntry> entries;
  for (auto& [key, values] : fields) {
    entries.emplace_back(Value::string(key), Value::array(std::move(values)));
  }
  return BuiltinResult::of(Value::object(std::move(entries)));
}

// --- JSON -------------------------------------------------------------------

BuiltinResult json_marshal(BuiltinArgs args, BuiltinContext&) {
  return BuiltinResult::of(Value::string(encoding::go_json(args[0])));
}

BuiltinResult json_marshal_with_options(BuiltinArgs args, BuiltinContext&) {
  if (auto error = builtins::expect(args, 1, kTypeObject)) return *error;
  std::string indent = "\t";
  std::string prefix;
  bool implicit_pretty = false;
  std::optional<bool> explicit_pretty;
  for (const auto& [key, value] : args[1].object_entries()) {
    if (!key.is_string()) {
      return BuiltinResult::type_error(
          "operand 2 failed to stringify key " + to_json(key) +
          ": operand must be string but got " + type_name(key));
    }
    const std::string& name = key.as_string();
    if (name == "prefix" || name == "indent") {
      if (!value.is_string()) {
        return BuiltinResult::type_error(
            "operand 2 key " + name + " failed cast to string: operand " +
            "must be string but got " + type_name(value));
      }
      (name == "prefix" ? prefix : indent) = value.as_string();
      implicit_pretty = true;
    } else if (name == "pretty") {
      if (!value.is_boolean()) {
        return BuiltinResult::type_error(
            "operand 2 key pretty failed cast to bool: operand must be "
            "boolean but got " +
            std::string(type_name(value)));
      }
      explicit_pretty = value.as_boolean();
    } else {
      return BuiltinResult::type_error(
          "operand 2 object contained unknown key " + name);
    }
  }
  std::string compact = encoding::go_json(args[0]);
  bool pretty = explicit_pretty.value_or(implicit_pretty);
  if (!pretty) return BuiltinResult::of(Value::string(std::move(compact)));
  return BuiltinResult::of(
      Value::string(encoding::go_indent(compact, prefix, indent)));
}

BuiltinResult json_unmarshal(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  auto parsed = parse_json(args[0].as_string());
  if (!parsed) return BuiltinResult::error(parsed.status().message());
  return BuiltinResult::of(std::move(parsed.value()));
}

BuiltinResult json_is_valid(BuiltinArgs args, BuiltinContext&) {
  bool valid = args[0].is_string() && parse_json(args[0].as_string()).is_ok();
  return BuiltinResult::of(Value::boolean(valid));
}

// --- YAML -------------------------------------------------------------------

bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    int length = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xe  ? 3
                 : (c >> 3) == 0x1e ? 4
                                    : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (int k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) {
        return false;
      }
    }
    i += static_cast<std::size_t>(length);
  }
  return true;
}

// The first document of a stream, as Go's yaml.Unmarshal reads it; every
// document must still parse.
Result<Value> read_yaml(std::string_view text) {
  // Go's reader refuses invalid UTF-8 up front; libfyaml can spin on it
  // (found by fuzz_rego_builtins_b), so it never sees such input.
  if (!valid_utf8(text)) {
    return Status(StatusCode::kParseError, "yaml: invalid leading UTF-8 octet");
  }
  YamlLimits options;
  options.resolve_plain = encoding::yaml11_plain_scalar;
  auto documents = parse_yaml(text, "", options);
  if (!documents) return documents.status();
  if (documents->empty()) return Value::null();
  return std::move(documents->front().value);
}

// The first infinite or NaN number in `value` as Go's encoder names it
// ("+Inf", "-Inf", "NaN"); empty when there is none. Depth is bounded by
// the YAML reader's nesting limit.
std::string non_finite_number(const Value& value) {
  if (value.is_number()) {
    double d = value.is_float() ? value.as_double() : 0;
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "+Inf" : "-Inf";
    return "";
  }
  if (value.is_object()) {
    for (const auto& entry : value.object_entries()) {
      std::string found = non_finite_number(entry.second);
      if (!found.empty()) return found;
    }
    return "";
  }
  if (value.is_array() || value.is_set()) {
    for (const Value& item : builtins::items_of(value)) {
      std::string found = non_finite_number(item);
      if (!found.empty()) return found;
    }
  }
  return "";
}

// OPA converts YAML to JSON through Go's yaml.v2 and encoding/json: plain
// scalars resolve by YAML 1.1, and an infinite or NaN float cannot be
// written as JSON, so it is an error.
BuiltinResult yaml_unmarshal(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeString})) return *error;
  auto parsed = read_yaml(args[0].as_string());
  if (!parsed) return BuiltinResult::error(parsed.status().message());
  std::string bad = non_finite_number(parsed.value());
  if (!bad.empty()) {
    return BuiltinResult::error("json: unsupported value: " + bad);
  }
  return BuiltinResult::of(std::move(parsed.value()));
}

BuiltinResult yaml_is_valid(BuiltinArgs args, BuiltinContext&) {
  if (!args[0].is_string()) return BuiltinResult::of(Value::boolean(false));
  auto parsed = read_yaml(args[0].as_string());
  bool valid = parsed.is_ok() && non_finite_number(parsed.value()).empty();
  return BuiltinResult::of(Value::boolean(valid));
}

// TODO(rego): Go's emitter folds plain and quoted scalars longer than 80
// columns onto several lines; go_yaml keeps each on one line (same value
// when read back, different text). Fix: libyaml's line folding in go_yaml.
BuiltinResult yaml_marshal(BuiltinArgs args, BuiltinContext&) {
  return BuiltinResult::of(Value::string(encoding::go_yaml(args[0])));
}

}  // namespace

void register_jsonschema_builtins(BuiltinRegistry& registry);
void register_graphql_builtins(BuiltinRegistry& registry);

void register_encoding_builtins(BuiltinRegistry& registry) {
  auto add = [&](const char* name, std::vector<TypeMask> types, TypeMask result,
                 BuiltinFunction function) {
    registry.add(declare(name, std::move(types), result, std::move(function)));
  };
  add("base64.encode", {kTypeString}, kTypeString, base64_encode);
  add("base64.decode", {kTypeString}, kTypeString, base64_decode);
  add("base64.is_valid", {kTypeString}, kTypeBoolean, base64_is_valid);
  add("base64url.encode", {kTypeString}, kTypeString, base64url_encode);
  add("base64url.encode_no_pad", {kTypeString}, kTypeString,
      base64url_encode_no_pad);
  add("base64url.decode", {kTypeString}, kTypeString, base64url_decode);
  add("hex.encode", {kTypeString}, kTypeString, hex_encode);
  add("hex.decode", {kTypeString}, kTypeString, hex_decode);
  add("urlquery.encode", {kTypeString}, kTypeString, urlquery_encode);
  add("urlquery.decode", {kTypeString}, kTypeString, urlquery_decode);
  add("urlquery.encode_object", {kTypeObject}, kTypeString,
      urlquery_encode_object);
  add("urlquery.decode_object", {kTypeString}, kTypeObject,
      urlquery_decode_object);
  add("json.marshal", {kTypeAny}, kTypeString, json_marshal);
  add("json.marshal_with_options", {kTypeAny, kTypeObject}, kTypeString,
      json_marshal_with_options);
  add("json.unmarshal", {kTypeString}, kTypeAny, json_unmarshal);
  add("json.is_valid", {kTypeAny}, kTypeBoolean, json_is_valid);
  add("yaml.marshal", {kTypeAny}, kTypeString, yaml_marshal);
  add("yaml.unmarshal", {kTypeString}, kTypeAny, yaml_unmarshal);
  add("yaml.is_valid", {kTypeAny}, kTypeBoolean, yaml_is_valid);
  register_jsonschema_builtins(registry);
  register_graphql_builtins(registry);
}

}  // namespace rampart::rego
