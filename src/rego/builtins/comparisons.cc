// SPDX-License-Identifier: Apache-2.0
//
// Comparison operators (==, !=, <, <=, >, >=) under OPA's internal names.
// Any two values compare, by OPA's total order of values.
#include "rampart/rego/builtins.h"

namespace rampart::rego {
namespace {

template <typename Predicate>
BuiltinDecl comparison(const char* name, Predicate holds) {
  BuiltinDecl decl;
  decl.name = name;
  decl.args = {kTypeAny, kTypeAny};
  decl.result = kTypeBoolean;
  decl.function = [holds](BuiltinArgs args, BuiltinContext&) {
    return BuiltinResult::of(Value::boolean(holds(args[0].compare(args[1]))));
  };
  return decl;
}

}  // namespace

void register_comparison_builtins(BuiltinRegistry& registry) {
  registry.add(comparison("equal", [](int c) { return c == 0; }));
  registry.add(comparison("neq", [](int c) { return c != 0; }));
  registry.add(comparison("lt", [](int c) { return c < 0; }));
  registry.add(comparison("lte", [](int c) { return c <= 0; }));
  registry.add(comparison("gt", [](int c) { return c > 0; }));
  registry.add(comparison("gte", [](int c) { return c >= 0; }));
}

}  // namespace rampart::rego
