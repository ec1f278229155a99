// SPDX-License-Identifier: Apache-2.0
//
// OPA's array built-ins: array.concat, array.slice and array.reverse.
// Slice bounds are clamped to the array as OPA clamps them; errors are
// eval_type_errors worded as OPA's.
#include <algorithm>

#include "rampart/rego/builtins.h"

#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::declare;
using builtins::expect;
using builtins::expect_all;

BuiltinResult concat(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeArray, kTypeArray})) return *error;
  std::vector<Value> items = args[0].array_items();
  const auto& tail = args[1].array_items();
  items.insert(items.end(), tail.begin(), tail.end());
  return BuiltinResult::of(Value::array(std::move(items)));
}

// An index operand; big integers clamp to the int64 range.
std::int64_t index_of(const Value& number) {
  if (number.is_int64()) return number.as_int64();
  if (number.is_big() || number.as_double() > 0) {
    return number.as_double() > 0 ? INT64_MAX : INT64_MIN;
  }
  return INT64_MIN;
}

BuiltinResult slice(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect_all(args, {kTypeArray, kTypeNumber, kTypeNumber})) {
    return *error;
  }
  if (auto error = builtins::expect_integer(args, 1)) return *error;
  if (auto error = builtins::expect_integer(args, 2)) return *error;
  const auto& items = args[0].array_items();
  auto size = static_cast<std::int64_t>(items.size());
  std::int64_t start = std::clamp<std::int64_t>(index_of(args[1]), 0, size);
  std::int64_t stop = std::clamp<std::int64_t>(index_of(args[2]), 0, size);
  if (start >= stop) return BuiltinResult::of(Value::array({}));
  return BuiltinResult::of(Value::array(
      std::vector<Value>(items.begin() + start, items.begin() + stop)));
}

BuiltinResult reverse(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect(args, 0, kTypeArray)) return *error;
  std::vector<Value> items(args[0].array_items().rbegin(),
                           args[0].array_items().rend());
  return BuiltinResult::of(Value::array(std::move(items)));
}

}  // namespace

void register_array_builtins(BuiltinRegistry& registry) {
  registry.add(
      declare("array.concat", {kTypeArray, kTypeArray}, kTypeArray, concat));
  registry.add(declare("array.slice", {kTypeArray, kTypeNumber, kTypeNumber},
                       kTypeArray, slice));
  registry.add(declare("array.reverse", {kTypeArray}, kTypeArray, reverse));
}

}  // namespace rampart::rego
