// SPDX-License-Identifier: Apache-2.0
//
// OPA's set built-ins: the operators `&` (and) and `|` (or), and
// intersection/union over a set of sets, and the deprecated set_diff. Sets are
// kept sorted, so both operations are linear merges.
#include <algorithm>
#include <iterator>

#include "rampart/rego/builtins.h"

#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::declare;
using builtins::expect_all;
using builtins::operand_error;

Value intersect(const Value& a, const Value& b) {
  std::vector<Value> out;
  std::set_intersection(a.set_items().begin(), a.set_items().end(),
                        b.set_items().begin(), b.set_items().end(),
                        std::back_inserter(out));
  return Value::set_sorted(std::move(out));
}

Value difference(const Value& a, const Value& b) {
  std::vector<Value> out;
  std::set_difference(a.set_items().begin(), a.set_items().end(),
                      b.set_items().begin(), b.set_items().end(),
                      std::back_inserter(out));
  return Value::set_sorted(std::move(out));
}

Value unite(const Value& a, const Value& b) {
  std::vector<Value> out;
  std::set_union(a.set_items().begin(), a.set_items().end(),
                 b.set_items().begin(), b.set_items().end(),
                 std::back_inserter(out));
  return Value::set_sorted(std::move(out));
}

BuiltinDecl binary(const char* name, Value (*op)(const Value&, const Value&)) {
  return declare(name, {kTypeSet, kTypeSet}, kTypeSet,
                 [op](BuiltinArgs args, BuiltinContext&) {
                   if (auto error = expect_all(args, {kTypeSet, kTypeSet})) {
                     return *error;
                   }
                   return BuiltinResult::of(op(args[0], args[1]));
                 });
}

BuiltinDecl over_sets(const char* name, bool intersection) {
  return declare(name, {kTypeSet}, kTypeSet,
                 [intersection](BuiltinArgs args, BuiltinContext&) {
                   const Value& sets = args[0];
                   if (!sets.is_set()) return operand_error(0, "set", sets);
                   for (const Value& item : sets.set_items()) {
                     if (!item.is_set()) {
                       return operand_error(
                           0, "set of sets",
                           std::string("set containing ") + type_name(item));
                     }
                   }
                   if (sets.size() == 0)
                     return BuiltinResult::of(Value::set({}));
                   Value result = sets.set_items()[0];
                   for (const Value& item : sets.set_items()) {
                     result = intersection ? intersect(result, item)
                                           : unite(result, item);
                   }
                   return BuiltinResult::of(result);
                 });
}

}  // namespace

void register_set_builtins(BuiltinRegistry& registry) {
  registry.add(binary("and", intersect));
  registry.add(binary("or", unite));
  registry.add(over_sets("intersection", true));
  registry.add(over_sets("union", false));
  // Deprecated spelling of `a - b` on sets; old policies still call it.
  registry.add(binary("set_diff", difference));
}

}  // namespace rampart::rego
