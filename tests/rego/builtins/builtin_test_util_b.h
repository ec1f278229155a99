// SPDX-License-Identifier: Apache-2.0
//
// Helpers for the part-B built-in tests: call a built-in of the standard
// registry by name and read its outcome.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rampart/document/json.h"
#include "rampart/rego/builtins.h"

namespace rampart::rego::testing_b {

inline BuiltinResult call(BuiltinContext& context, const std::string& name,
                          std::vector<Value> args) {
  const BuiltinDecl* decl = BuiltinRegistry::standard().find(name);
  if (decl == nullptr) {
    ADD_FAILURE() << "no built-in " << name;
    return BuiltinResult::error("missing");
  }
  return decl->function(args, context);
}

inline BuiltinResult call(const std::string& name, std::vector<Value> args) {
  BuiltinContext context;
  return call(context, name, std::move(args));
}

// The result as JSON text, "<undefined>", or "<error: message>".
inline std::string show(const BuiltinResult& result) {
  switch (result.outcome()) {
    case BuiltinResult::Outcome::kValue:
      return to_json(result.value());
    case BuiltinResult::Outcome::kUndefined:
      return "<undefined>";
    case BuiltinResult::Outcome::kTypeError:
      return "<type error: " + result.message() + ">";
    case BuiltinResult::Outcome::kError:
      return "<error: " + result.message() + ">";
  }
  return "";
}

inline Value json(const std::string& text) {
  auto parsed = parse_json(text);
  EXPECT_TRUE(parsed.is_ok()) << text;
  return parsed.is_ok() ? parsed.value() : Value();
}

inline Value s(const char* text) { return Value::string(text); }

}  // namespace rampart::rego::testing_b
