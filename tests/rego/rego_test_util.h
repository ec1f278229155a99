// SPDX-License-Identifier: Apache-2.0
//
// Helpers for the engine's tests: compile modules and evaluate a query in
// one call, returning the value of the first binding or expression, or the
// first error as "code: message".
#pragma once

#include <string>
#include <vector>

#include "rampart/document/json.h"
#include "rampart/rego/engine.h"

namespace rampart::rego::testing {

struct Evaluated {
  bool ok = false;
  bool defined = false;
  std::string json;   // first binding (or expression) of the first row
  std::string error;  // "code: message" of the first error
  EvalResult result;
};

inline Evaluated evaluate(const std::vector<std::string>& modules,
                          const std::string& query,
                          const std::string& input_json = "", bool v0 = false,
                          bool strict = false) {
  Evaluated out;
  CompileOptions options;
  options.v0_compatible = v0;
  Compiler compiler(options);
  int index = 0;
  for (const std::string& module : modules) {
    compiler.add_module("m" + std::to_string(index++) + ".rego", module);
  }
  auto compiled = compiler.compile();
  if (auto* errors = std::get_if<RegoErrors>(&compiled)) {
    out.error = (*errors)[0].code + ": " + (*errors)[0].message;
    return out;
  }
  auto prepared =
      std::get<std::shared_ptr<const Policy>>(compiled)->prepare(query);
  if (auto* errors = std::get_if<RegoErrors>(&prepared)) {
    out.error = (*errors)[0].code + ": " + (*errors)[0].message;
    return out;
  }
  EvalOptions eval;
  if (!input_json.empty()) {
    eval.input = *parse_json(input_json);
    eval.has_input = true;
  }
  eval.strict_builtin_errors = strict;
  out.result =
      std::get<std::shared_ptr<const PreparedQuery>>(prepared)->evaluate(eval);
  if (!out.result.ok()) {
    out.error = out.result.errors[0].code + ": " + out.result.errors[0].message;
    return out;
  }
  out.ok = true;
  out.defined = !out.result.rows.empty();
  if (out.defined) {
    const ResultRow& row = out.result.rows[0];
    out.json = row.bindings.empty() ? to_json(row.expressions[0].value)
                                    : to_json(row.bindings[0].second);
  }
  return out;
}

}  // namespace rampart::rego::testing
