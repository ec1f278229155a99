// SPDX-License-Identifier: Apache-2.0
//
// Test helpers: call a standard built-in by name with JSON arguments.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rampart/document/json.h"
#include "rampart/rego/builtins.h"

namespace rampart::rego::testing {

// Parses a JSON literal; fails the test when it is not JSON.
inline Value json(std::string_view text) {
  auto parsed = parse_json(text);
  EXPECT_TRUE(parsed.is_ok()) << text;
  return parsed.is_ok() ? parsed.value() : Value();
}

inline BuiltinResult call(std::string_view name, std::vector<Value> args) {
  const BuiltinDecl* decl = BuiltinRegistry::standard().find(name);
  EXPECT_NE(decl, nullptr) << name;
  if (decl == nullptr) return BuiltinResult::undefined();
  BuiltinContext context;
  context.now_ns = 1'700'000'000'000'000'000;
  return decl->function(args, context);
}

// The result as JSON text, or "undefined", "type_error: <message>",
// "error: <message>".
inline std::string show(const BuiltinResult& result) {
  switch (result.outcome()) {
    case BuiltinResult::Outcome::kValue:
      return to_json(result.value());
    case BuiltinResult::Outcome::kUndefined:
      return "undefined";
    case BuiltinResult::Outcome::kTypeError:
      return "type_error: " + result.message();
    case BuiltinResult::Outcome::kError:
      return "error: " + result.message();
  }
  return {};
}

// Calls `name` with arguments given as JSON texts and shows the result.
inline std::string run(std::string_view name,
                       std::initializer_list<std::string_view> args) {
  std::vector<Value> values;
  for (auto text : args) values.push_back(json(text));
  return show(call(name, std::move(values)));
}

}  // namespace rampart::rego::testing
