// SPDX-License-Identifier: Apache-2.0
//
// OPA's type built-ins: is_number, is_string, is_boolean, is_array, is_set,
// is_object, is_null, type_name; to_number; and the deprecated casts
// (cast_array, cast_set, cast_string, cast_boolean, cast_null,
// cast_object) that old policies still call.
//
// to_number parses strings as Go's strconv.ParseFloat does for decimal
// text (sign, digits, fraction, exponent), keeping integers exact at any
// size; other text is an eval_builtin_error with Go's message.
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "rampart/rego/builtins.h"

#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::declare;
using builtins::operand_error;

BuiltinDecl predicate(const char* name, Value::Kind kind) {
  return declare(
      name, {kTypeAny}, kTypeBoolean,
      [kind](BuiltinArgs args, BuiltinContext&) {
        return BuiltinResult::of(Value::boolean(args[0].kind() == kind));
      });
}

// Decimal floating-point text: [+-] digits [. digits] [e [+-] digits],
// with digits on at least one side of the point.
bool is_decimal_text(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    ++i;
    ++digits;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() &&
           std::isdigit(static_cast<unsigned char>(text[i]))) {
      ++i;
      ++digits;
    }
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    while (i < text.size() &&
           std::isdigit(static_cast<unsigned char>(text[i]))) {
      ++i;
      ++exponent_digits;
    }
    if (exponent_digits == 0) return false;
  }
  return i == text.size();
}

BuiltinResult parse_number(const std::string& text) {
  if (!is_decimal_text(text)) {
    return BuiltinResult::error("strconv.ParseFloat: parsing \"" + text +
                                "\": invalid syntax");
  }
  std::string_view digits = text;
  if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);
  Value integer = Value::big_integer(digits);
  if (integer.is_number()) return BuiltinResult::of(integer);
  double d = std::strtod(text.c_str(), nullptr);
  if (!std::isfinite(d)) {
    return BuiltinResult::error("strconv.ParseFloat: parsing \"" + text +
                                "\": value out of range");
  }
  return BuiltinResult::of(Value::floating(d));
}

BuiltinResult to_number(BuiltinArgs args, BuiltinContext&) {
  const Value& a = args[0];
  switch (a.kind()) {
    case Value::Kind::kNull:
      return BuiltinResult::of(Value::integer(0));
    case Value::Kind::kBoolean:
      return BuiltinResult::of(Value::integer(a.as_boolean() ? 1 : 0));
    case Value::Kind::kNumber:
      return BuiltinResult::of(a);
    case Value::Kind::kString:
      return parse_number(a.as_string());
    default:
      return operand_error(0, "one of {null, boolean, number, string}", a);
  }
}

BuiltinDecl cast(const char* name, TypeMask accepted, const char* expected,
                 Value (*convert)(const Value&)) {
  return declare(
      name, {kTypeAny}, kTypeAny,
      [accepted, expected, convert](BuiltinArgs args, BuiltinContext&) {
        if (!(type_of(args[0]) & accepted)) {
          return operand_error(0, expected, args[0]);
        }
        return BuiltinResult::of(convert(args[0]));
      });
}

Value identity(const Value& v) { return v; }

}  // namespace

void register_type_builtins(BuiltinRegistry& registry) {
  registry.add(predicate("is_number", Value::Kind::kNumber));
  registry.add(predicate("is_string", Value::Kind::kString));
  registry.add(predicate("is_boolean", Value::Kind::kBoolean));
  registry.add(predicate("is_array", Value::Kind::kArray));
  registry.add(predicate("is_set", Value::Kind::kSet));
  registry.add(predicate("is_object", Value::Kind::kObject));
  registry.add(predicate("is_null", Value::Kind::kNull));
  registry.add(declare("type_name", {kTypeAny}, kTypeString,
                       [](BuiltinArgs args, BuiltinContext&) {
                         return BuiltinResult::of(
                             Value::string(type_name(args[0])));
                       }));
  registry.add(declare("to_number",
                       {kTypeNull | kTypeBoolean | kTypeNumber | kTypeString},
                       kTypeNumber, to_number));

  registry.add(cast("cast_array", kTypeArray | kTypeSet, "one of {array, set}",
                    [](const Value& v) {
                      return v.is_set() ? Value::array(v.set_items()) : v;
                    }));
  registry.add(cast("cast_set", kTypeArray | kTypeSet, "one of {array, set}",
                    [](const Value& v) {
                      return v.is_array() ? Value::set(v.array_items()) : v;
                    }));
  registry.add(cast("cast_string", kTypeString, "string", identity));
  registry.add(cast("cast_boolean", kTypeBoolean, "boolean", identity));
  registry.add(cast("cast_null", kTypeNull, "null", identity));
  registry.add(cast("cast_object", kTypeObject, "object", identity));
}

}  // namespace rampart::rego
