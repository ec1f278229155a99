// SPDX-License-Identifier: Apache-2.0
//
// OPA's aggregate built-ins: count, sum, product, max, min, sort, all and
// any (the last two deprecated but still accepted), plus the membership
// helpers behind the `in` keyword (internal.member_2, internal.member_3).
//
// Sums and products stay exact on integers of any size. count() counts a
// string's Unicode code points, as OPA does. Errors are eval_type_errors
// worded as OPA words them.
#include <algorithm>

#include "rampart/rego/builtins.h"

#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::declare;
using builtins::items_of;
using builtins::operand_error;

std::size_t count_code_points(const std::string& text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

BuiltinResult count(BuiltinArgs args, BuiltinContext&) {
  const Value& a = args[0];
  if (a.is_string()) {
    return BuiltinResult::of(Value::integer(
        static_cast<std::int64_t>(count_code_points(a.as_string()))));
  }
  if (!a.is_collection()) {
    return operand_error(0, "one of {array, object, set, string}", a);
  }
  return BuiltinResult::of(Value::integer(static_cast<std::int64_t>(a.size())));
}

// "operand 1 must be array of numbers but got array containing string".
BuiltinResult element_error(std::size_t index, const Value& collection,
                            std::string_view expected, const Value& item) {
  std::string kind = type_name(collection);
  return operand_error(index, kind + " of " + std::string(expected) + "s",
                       kind + " containing " + type_name(item));
}

BuiltinDecl fold(const char* name, Value initial,
                 Value (*op)(const Value&, const Value&)) {
  return declare(name, {kTypeArray | kTypeSet}, kTypeNumber,
                 [initial, op](BuiltinArgs args, BuiltinContext&) {
                   const Value& a = args[0];
                   if (!a.is_array() && !a.is_set()) {
                     return operand_error(0, "one of {set, array}", a);
                   }
                   Value total = initial;
                   for (const Value& item : items_of(a)) {
                     if (!item.is_number())
                       return element_error(0, a, "number", item);
                     total = op(total, item);
                   }
                   return BuiltinResult::of(total);
                 });
}

BuiltinDecl extreme(const char* name, bool maximum) {
  return declare(name, {kTypeArray | kTypeSet}, kTypeAny,
                 [maximum](BuiltinArgs args, BuiltinContext&) {
                   const Value& a = args[0];
                   if (!a.is_array() && !a.is_set()) {
                     return operand_error(0, "one of {set, array}", a);
                   }
                   const auto& items = items_of(a);
                   if (items.empty()) return BuiltinResult::undefined();
                   const Value* best = &items[0];
                   for (const Value& item : items) {
                     int c = item.compare(*best);
                     if (maximum ? c > 0 : c < 0) best = &item;
                   }
                   return BuiltinResult::of(*best);
                 });
}

BuiltinResult sort(BuiltinArgs args, BuiltinContext&) {
  const Value& a = args[0];
  if (a.is_set()) return BuiltinResult::of(Value::array(a.set_items()));
  if (!a.is_array()) return operand_error(0, "one of {set, array}", a);
  std::vector<Value> items = a.array_items();
  std::stable_sort(items.begin(), items.end());
  return BuiltinResult::of(Value::array(std::move(items)));
}

BuiltinDecl quantifier(const char* name, bool every) {
  return declare(name, {kTypeArray | kTypeSet}, kTypeBoolean,
                 [every](BuiltinArgs args, BuiltinContext&) {
                   const Value& a = args[0];
                   if (!a.is_array() && !a.is_set()) {
                     return operand_error(0, "one of {set, array}", a);
                   }
                   const Value yes = Value::boolean(true);
                   for (const Value& item : items_of(a)) {
                     bool holds = item == yes;
                     if (every && !holds) {
                       return BuiltinResult::of(Value::boolean(false));
                     }
                     if (!every && holds) {
                       return BuiltinResult::of(Value::boolean(true));
                     }
                   }
                   return BuiltinResult::of(Value::boolean(every));
                 });
}

// `x in collection`: a value of an array, set or object.
BuiltinResult member(BuiltinArgs args, BuiltinContext&) {
  const Value& x = args[0];
  const Value& c = args[1];
  bool found = false;
  if (c.is_set()) {
    found = c.contains(x);
  } else if (c.is_array()) {
    for (const Value& item : c.array_items()) found = found || item == x;
  } else if (c.is_object()) {
    for (const auto& entry : c.object_entries()) {
      found = found || entry.second == x;
    }
  }
  return BuiltinResult::of(Value::boolean(found));
}

// `k, v in collection`: index or key `k` holds `v`.
BuiltinResult member_with_key(BuiltinArgs args, BuiltinContext&) {
  const Value& k = args[0];
  const Value& v = args[1];
  const Value& c = args[2];
  bool found = false;
  if (c.is_object()) {
    const Value* at = c.find(k);
    found = at != nullptr && *at == v;
  } else if (c.is_array() && k.is_int64()) {
    std::int64_t i = k.as_int64();
    found = i >= 0 && static_cast<std::size_t>(i) < c.size() &&
            c.array_items()[static_cast<std::size_t>(i)] == v;
  } else if (c.is_set()) {
    found = k == v && c.contains(v);
  }
  return BuiltinResult::of(Value::boolean(found));
}

}  // namespace

void register_aggregate_builtins(BuiltinRegistry& registry) {
  registry.add(declare("count",
                       {kTypeArray | kTypeObject | kTypeSet | kTypeString},
                       kTypeNumber, count));
  registry.add(fold("sum", Value::integer(0), builtins::add_numbers));
  registry.add(fold("product", Value::integer(1), builtins::multiply_numbers));
  registry.add(extreme("max", true));
  registry.add(extreme("min", false));
  registry.add(declare("sort", {kTypeArray | kTypeSet}, kTypeArray, sort));
  registry.add(quantifier("all", true));
  registry.add(quantifier("any", false));
  registry.add(
      declare("internal.member_2", {kTypeAny, kTypeAny}, kTypeBoolean, member));
  registry.add(declare("internal.member_3", {kTypeAny, kTypeAny, kTypeAny},
                       kTypeBoolean, member_with_key));
}

}  // namespace rampart::rego
