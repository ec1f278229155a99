// SPDX-License-Identifier: Apache-2.0
//
// JSON reading with simdjson's on-demand API (which keeps the raw text of
// every number, so big integers stay exact) and a hand-written writer that
// matches OPA's output byte for byte.
#include "rampart/document/json.h"

#include <cctype>

#include <simdjson.h>

namespace rampart {
namespace {

namespace od = simdjson::ondemand;

Status json_error(std::string_view source, simdjson::error_code code,
                  std::string_view what = "") {
  std::string message = "invalid JSON: ";
  message += what.empty() ? simdjson::error_message(code) : what;
  return Status(StatusCode::kParseError, message,
                SourceLocation{std::string(source)});
}

class Reader {
 public:
  Reader(std::string_view source, JsonLimits limits)
      : source_(source), limits_(limits) {}

  Result<Value> read(od::value value, std::size_t depth);

 private:
  Result<Value> read_number(od::value& value);
  Result<Value> read_array(od::array array, std::size_t depth);
  Result<Value> read_object(od::object object, std::size_t depth);

  std::string_view source_;
  JsonLimits limits_;
};

Result<Value> Reader::read(od::value value, std::size_t depth) {
  if (depth > limits_.max_depth) {
    return Status(StatusCode::kLimitExceeded,
                  "JSON nesting deeper than " +
                      std::to_string(limits_.max_depth) + " levels",
                  SourceLocation{std::string(source_)});
  }
  od::json_type type;
  if (auto error = value.type().get(type)) return json_error(source_, error);
  switch (type) {
    case od::json_type::null: {
      bool is_null = false;
      if (auto error = value.is_null().get(is_null); error || !is_null) {
        return json_error(source_, error, "bad literal");
      }
      return Value::null();
    }
    case od::json_type::boolean: {
      bool b = false;
      if (auto error = value.get_bool().get(b)) {
        return json_error(source_, error);
      }
      return Value::boolean(b);
    }
    case od::json_type::number:
      return read_number(value);
    case od::json_type::string: {
      std::string_view s;
      if (auto error = value.get_string().get(s)) {
        return json_error(source_, error);
      }
      return Value::string(s);
    }
    case od::json_type::array: {
      od::array array;
      if (auto error = value.get_array().get(array)) {
        return json_error(source_, error);
      }
      return read_array(array, depth);
    }
    case od::json_type::object: {
      od::object object;
      if (auto error = value.get_object().get(object)) {
        return json_error(source_, error);
      }
      return read_object(object, depth);
    }
  }
  return json_error(source_, simdjson::INCORRECT_TYPE);
}

Result<Value> Reader::read_number(od::value& value) {
  std::string_view raw = value.raw_json_token();
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' ||
                          raw.back() == '\r' || raw.back() == '\t')) {
    raw.remove_suffix(1);
  }
  Value number = Value::number_from_text(raw);
  if (!number.is_number()) {
    return json_error(source_, simdjson::NUMBER_ERROR,
                      "bad number '" + std::string(raw.substr(0, 40)) + "'");
  }
  return number;
}

Result<Value> Reader::read_array(od::array array, std::size_t depth) {
  std::vector<Value> items;
  for (auto element : array) {
    od::value item;
    if (auto error = element.get(item)) return json_error(source_, error);
    auto converted = read(item, depth + 1);
    if (!converted) return converted.status();
    items.push_back(std::move(*converted));
  }
  return Value::array(std::move(items));
}

Result<Value> Reader::read_object(od::object object, std::size_t depth) {
  std::vector<ObjectEntry> entries;
  for (auto field : object) {
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) {
      return json_error(source_, error);
    }
    Value key_value = Value::string(key);
    od::value item;
    if (auto error = field.value().get(item)) {
      return json_error(source_, error);
    }
    auto converted = read(item, depth + 1);
    if (!converted) return converted.status();
    entries.emplace_back(std::move(key_value), std::move(*converted));
  }
  return Value::object(std::move(entries));
}

// A scalar at the top level cannot be read as an od::value in simdjson 3.0;
// read it through the document instead.
Result<Value> read_top_scalar(od::document& document, std::string_view source) {
  od::json_type type;
  if (auto error = document.type().get(type)) return json_error(source, error);
  switch (type) {
    case od::json_type::null: {
      bool is_null = false;
      if (auto error = document.is_null().get(is_null); error || !is_null) {
        return json_error(source, error, "bad literal");
      }
      return Value::null();
    }
    case od::json_type::boolean: {
      bool b = false;
      if (auto error = document.get_bool().get(b)) {
        return json_error(source, error);
      }
      return Value::boolean(b);
    }
    case od::json_type::string: {
      std::string_view s;
      if (auto error = document.get_string().get(s)) {
        return json_error(source, error);
      }
      return Value::string(s);
    }
    default: {
      std::string_view raw;
      if (auto error = document.raw_json_token().get(raw)) {
        return json_error(source, error);
      }
      while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' ||
                              raw.back() == '\r' || raw.back() == '\t')) {
        raw.remove_suffix(1);
      }
      Value number = Value::number_from_text(raw);
      if (!number.is_number()) {
        return json_error(source, simdjson::NUMBER_ERROR, "bad number");
      }
      return number;
    }
  }
}

}  // namespace

Result<Value> parse_json(std::string_view text, std::string_view source,
                         JsonLimits limits) {
  simdjson::padded_string padded(text);
  od::parser parser(std::max<std::size_t>(padded.size(), 64));
  od::document document;
  if (auto error = parser.iterate(padded).get(document)) {
    return json_error(source, error);
  }

  bool scalar = false;
  if (auto error = document.is_scalar().get(scalar)) {
    return json_error(source, error);
  }
  Reader reader(source, limits);
  Result<Value> result = Value();
  if (scalar) {
    // simdjson's scalar getters on a document refuse trailing content
    // themselves, except for the raw number token, checked here.
    result = read_top_scalar(document, source);
    if (result && result->is_number()) {
      std::string_view trimmed = text;
      while (!trimmed.empty() &&
             std::isspace(static_cast<unsigned char>(trimmed.back()))) {
        trimmed.remove_suffix(1);
      }
      while (!trimmed.empty() &&
             std::isspace(static_cast<unsigned char>(trimmed.front()))) {
        trimmed.remove_prefix(1);
      }
      if (Value::number_from_text(trimmed) != *result) {
        return json_error(source, simdjson::TRAILING_CONTENT,
                          "unexpected content after the document");
      }
    }
    return result;
  } else {
    od::value root;
    if (auto error = document.get_value().get(root)) {
      return json_error(source, error);
    }
    result = reader.read(root, 1);
  }
  if (!result) return result;
  // Past the last token simdjson reports OUT_OF_BOUNDS; anything else means
  // more text follows the document.
  const char* rest = nullptr;
  if (!document.current_location().get(rest)) {
    return json_error(source, simdjson::TRAILING_CONTENT,
                      "unexpected content after the document");
  }
  return result;
}

// --- writing --------------------------------------------------------------

void append_json_string(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      default:
        break;
    }
    if (c < 0x20) {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
      continue;
    }
    // U+2028 and U+2029 are escaped, as Go's encoder does.
    if (c == 0xe2 && i + 2 < text.size() &&
        static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) & 0xfe) == 0xa8) {
      out += (static_cast<unsigned char>(text[i + 2]) == 0xa8) ? "\\u2028"
                                                               : "\\u2029";
      i += 2;
      continue;
    }
    out.push_back(static_cast<char>(c));
  }
  out.push_back('"');
}

namespace {

void newline(std::string& out, JsonStyle style, int depth) {
  if (!style.pretty) return;
  out.push_back('\n');
  out.append(static_cast<std::size_t>(depth * style.indent), ' ');
}

void append_items(std::string& out, const std::vector<Value>& items,
                  JsonStyle style, int depth) {
  if (items.empty()) {
    out += "[]";
    return;
  }
  out.push_back('[');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(',');
    newline(out, style, depth + 1);
    append_json(out, items[i], style, depth + 1);
  }
  newline(out, style, depth);
  out.push_back(']');
}

void append_object(std::string& out, const Value& object, JsonStyle style,
                   int depth) {
  const auto& entries = object.object_entries();
  if (entries.empty()) {
    out += "{}";
    return;
  }
  // Non-string keys print as their JSON text; that can reorder them, so
  // sort by the printed key as Go's encoder does with map keys.
  std::vector<std::pair<std::string, const Value*>> printed;
  printed.reserve(entries.size());
  bool all_strings = true;
  for (const ObjectEntry& entry : entries) {
    all_strings = all_strings && entry.first.is_string();
    printed.emplace_back(entry.first.is_string() ? entry.first.as_string()
                                                 : to_json(entry.first),
                         &entry.second);
  }
  if (!all_strings) {
    std::stable_sort(
        printed.begin(), printed.end(),
        [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  out.push_back('{');
  for (std::size_t i = 0; i < printed.size(); ++i) {
    if (i > 0) out.push_back(',');
    newline(out, style, depth + 1);
    append_json_string(out, printed[i].first);
    out += style.pretty ? ": " : ":";
    append_json(out, *printed[i].second, style, depth + 1);
  }
  newline(out, style, depth);
  out.push_back('}');
}

}  // namespace

void append_json(std::string& out, const Value& value, JsonStyle style,
                 int depth) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      out += "null";
      return;
    case Value::Kind::kBoolean:
      out += value.as_boolean() ? "true" : "false";
      return;
    case Value::Kind::kNumber: {
      std::string text = value.number_text();
      bool finite = text.find_first_of("NI") == std::string::npos;
      out += finite ? text : "null";
      return;
    }
    case Value::Kind::kString:
      append_json_string(out, value.as_string());
      return;
    case Value::Kind::kArray:
      append_items(out, value.array_items(), style, depth);
      return;
    case Value::Kind::kSet:
      append_items(out, value.set_items(), style, depth);
      return;
    case Value::Kind::kObject:
      append_object(out, value, style, depth);
      return;
  }
}

std::string to_json(const Value& value, JsonStyle style) {
  std::string out;
  append_json(out, value, style, 0);
  return out;
}

}  // namespace rampart
