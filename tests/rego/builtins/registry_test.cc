// SPDX-License-Identifier: Apache-2.0
//
// The built-in table as an embedding program uses it: copy the standard
// registry, add a typed function of its own, compile policies against the
// copy, and see the compiler check arity and argument types the way OPA's
// type checker does for its own built-ins.
#include <memory>
#include <string>
#include <variant>

#include <gtest/gtest.h>

#include "rampart/document/json.h"
#include "rampart/rego/builtins.h"
#include "rampart/rego/engine.h"

namespace rampart::rego {
namespace {

// A registry with one extra function, `acme.repeat(text, times)`, that
// repeats a string.
BuiltinRegistry registry_with_repeat() {
  BuiltinRegistry registry = BuiltinRegistry::standard();
  BuiltinDecl decl;
  decl.name = "acme.repeat";
  decl.args = {kTypeString, kTypeNumber};
  decl.result = kTypeString;
  decl.function = [](BuiltinArgs args, BuiltinContext&) {
    if (!args[0].is_string() || !args[1].is_int64()) {
      return BuiltinResult::type_error("operand must be string, number");
    }
    std::int64_t times = args[1].as_int64();
    if (times < 0 || times > 16) {
      return BuiltinResult::error("times out of range");
    }
    std::string out;
    for (std::int64_t i = 0; i < times; ++i) out += args[0].as_string();
    return BuiltinResult::of(Value::string(out));
  };
  registry.add(std::move(decl));
  return registry;
}

// "code: message" of the first compile error, or the JSON of `x` in the
// first row of `query`.
std::string outcome(const BuiltinRegistry& registry, const std::string& module,
                    const std::string& query = "x := data.p.x") {
  CompileOptions options;
  options.builtins = &registry;
  Compiler compiler(options);
  compiler.add_module("p.rego", module);
  auto compiled = compiler.compile();
  if (auto* errors = std::get_if<RegoErrors>(&compiled)) {
    return (*errors)[0].code + ": " + (*errors)[0].message;
  }
  auto prepared =
      std::get<std::shared_ptr<const Policy>>(compiled)->prepare(query);
  if (auto* errors = std::get_if<RegoErrors>(&prepared)) {
    return (*errors)[0].code + ": " + (*errors)[0].message;
  }
  EvalResult result =
      std::get<std::shared_ptr<const PreparedQuery>>(prepared)->evaluate({});
  if (!result.ok()) {
    return result.errors[0].code + ": " + result.errors[0].message;
  }
  if (result.rows.empty()) return "undefined";
  return to_json(result.rows[0].bindings[0].second);
}

TEST(BuiltinRegistry, CustomFunctionIsCallable) {
  BuiltinRegistry registry = registry_with_repeat();
  EXPECT_EQ(outcome(registry, "package p\nx := acme.repeat(\"ab\", 3)\n"),
            "\"ababab\"");
}

TEST(BuiltinRegistry, CustomFunctionTakesAnOutputArgument) {
  BuiltinRegistry registry = registry_with_repeat();
  EXPECT_EQ(
      outcome(registry, "package p\nx if acme.repeat(\"a\", 2, \"aa\")\n"),
      "true");
}

TEST(BuiltinRegistry, CustomFunctionUnknownToStandardTable) {
  EXPECT_EQ(outcome(BuiltinRegistry::standard(),
                    "package p\nx := acme.repeat(\"a\", 2)\n"),
            "rego_type_error: undefined function acme.repeat");
}

TEST(BuiltinRegistry, TooFewArgumentsIsCompileError) {
  BuiltinRegistry registry = registry_with_repeat();
  EXPECT_EQ(outcome(registry, "package p\nx := acme.repeat(\"a\")\n"),
            "rego_type_error: acme.repeat: too few arguments");
}

TEST(BuiltinRegistry, ExtraArgumentOfNestedCallIsCompileError) {
  // Only a call that is a whole expression has an output argument; in
  // `x := f(a, b, c)` OPA rewrites the call with a fresh result variable,
  // so the third argument is one too many.
  BuiltinRegistry registry = registry_with_repeat();
  EXPECT_EQ(outcome(registry, "package p\nx := acme.repeat(\"a\", 2, 3)\n"),
            "rego_type_error: acme.repeat: too many arguments");
  EXPECT_EQ(outcome(registry, "package p\nx = acme.repeat(\"a\", 2, 3)\n"),
            "rego_type_error: acme.repeat: too many arguments");
}

TEST(BuiltinRegistry, ExtraArgumentsOfStatementCallAreCompileError) {
  BuiltinRegistry registry = registry_with_repeat();
  EXPECT_EQ(
      outcome(registry, "package p\nx if acme.repeat(\"a\", 2, \"aa\", 4)\n"),
      "rego_type_error: acme.repeat: too many arguments");
}

TEST(BuiltinRegistry, LiteralOfWrongTypeIsCompileError) {
  BuiltinRegistry registry = registry_with_repeat();
  EXPECT_EQ(outcome(registry, "package p\nx := acme.repeat(2, 2)\n"),
            "rego_type_error: acme.repeat: invalid argument(s)");
  EXPECT_EQ(outcome(registry, "package p\nx := acme.repeat(\"a\", [2])\n"),
            "rego_type_error: acme.repeat: invalid argument(s)");
}

TEST(BuiltinRegistry, ResultTypeChecksEnclosingCall) {
  // acme.repeat declares a string result, which abs() cannot take.
  BuiltinRegistry registry = registry_with_repeat();
  EXPECT_EQ(outcome(registry, "package p\nx := abs(acme.repeat(\"a\", 1))\n"),
            "rego_type_error: abs: invalid argument(s)");
}

TEST(BuiltinRegistry, UnknownTypeIsCheckedAtEvaluation) {
  // Input is not known to the compiler, so the function's own check runs.
  BuiltinRegistry registry = registry_with_repeat();
  EXPECT_EQ(outcome(registry, "package p\nx := acme.repeat(input, 2)\n",
                    "x := data.p.x"),
            "undefined");
}

TEST(BuiltinRegistry, StatementCallInsideClosureKeepsOuterOutput) {
  // The comprehension's own statement must not hide that count() is the
  // whole expression and so may take an output argument.
  EXPECT_EQ(outcome(BuiltinRegistry::standard(),
                    "package p\nx := n if count([y | abs(-1, y)], n)\n"),
            "1");
}

TEST(CallArity, UserFunctionsFollowTheSameRule) {
  // User functions share the built-ins' arity check; OPA names them by
  // their full path once references are resolved.
  const BuiltinRegistry& standard = BuiltinRegistry::standard();
  EXPECT_EQ(outcome(standard, "package p\nf(a) := a\nx := f(1, 2)\n"),
            "rego_type_error: data.p.f: too many arguments");
  EXPECT_EQ(outcome(standard, "package p\nf(a) := a\nx := f()\n"),
            "rego_type_error: data.p.f: too few arguments");
  EXPECT_EQ(outcome(standard, "package p\nf(a) := a\nx if f(1, 1)\n"), "true");
}

}  // namespace
}  // namespace rampart::rego
