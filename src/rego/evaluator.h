// SPDX-License-Identifier: Apache-2.0
//
// Top-down evaluation of compiled queries, in continuation-passing style:
// every evaluation step calls a continuation once per solution and returns
// whether the caller wants more, so iteration, unification and
// backtracking need no intermediate result lists.
//
// Each call to evaluate_query() owns all of its state (frames, caches,
// `with` overrides); the Program is only read, so evaluations run in
// parallel safely. Limits from EvalOptions bound the time, the steps taken
// and the collection elements built.
#pragma once

#include <string_view>

#include "rampart/rego/engine.h"

#include "rego/program.h"

namespace rampart::rego {

EvalResult evaluate_query(const Program& program, const CompiledQuery& query,
                          const EvalOptions& options);

// Built-ins that need the evaluator itself (membership, print, metadata):
// declared here so the compiler can check calls to them, implemented by the
// evaluator. nullptr for any other name.
const BuiltinDecl* builtin_of_engine(std::string_view name);

}  // namespace rampart::rego
