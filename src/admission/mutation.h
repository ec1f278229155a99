// SPDX-License-Identifier: Apache-2.0
//
// Mutation rules: Rego rules named `patch`, in any package of the user's
// policy folders (package rampart.mutate by convention), each yielding
// JSONPatch (RFC 6902) operations for the object under review, e.g.
//
//   patch contains {"op": "add", "path": "/spec/securityContext",
//                   "value": {"runAsNonRoot": true}} if { ... }
//
// The rules read the same AdmissionReview input as validation rules
// (input.request.object). Operations of every package are concatenated,
// packages in name order and each set in Rego's sorted order (a parent path
// sorts before its children). Every operation is checked before it leaves:
// `op` one of add, remove, replace, move, copy, test; `path` (and `from`)
// a well-formed JSON Pointer; `value` present where the operation needs
// it. A malformed operation fails the mutation with a Status naming the
// rule. Private to rampart_admission. Immutable after load(); patch() may
// run on many threads at once.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/document/value.h"
#include "rampart/rego/engine.h"

namespace rampart::admission {

// Whether `pointer` is a JSON Pointer (RFC 6901): empty, or '/'-separated
// segments where '~' is only followed by '0' or '1'.
bool is_json_pointer(std::string_view pointer);

// Checks one JSONPatch operation; the error says what is wrong with it.
Status check_patch_operation(const Value& operation);

class MutationRules {
 public:
  static Result<std::unique_ptr<MutationRules>> load(
      const std::vector<std::filesystem::path>& paths);

  // The JSONPatch array as JSON text; nullopt-like empty optional when no
  // rule produced an operation.
  Result<std::optional<std::string>> patch(
      const Value& review, const rego::EvalLimits& limits) const;

  // "data.rampart.mutate.patch", ...
  std::vector<std::string> names() const;

 private:
  struct Rule {
    std::string name;
    std::shared_ptr<const rego::PreparedQuery> query;
  };
  std::vector<std::shared_ptr<const rego::Policy>> policies_;
  std::vector<Rule> rules_;
};

}  // namespace rampart::admission
