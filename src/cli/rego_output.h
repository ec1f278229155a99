// SPDX-License-Identifier: Apache-2.0
//
// OPA-compatible printing of evaluation results and errors for `rampart
// eval` (and the error lines of `rampart test`): the JSON envelope with its
// field order ("expressions" before "bindings"; "code", "message",
// "location"), and the other --format choices.
#pragma once

#include <memory>
#include <string>
#include <variant>

#include "rampart/rego/engine.h"
#include "rampart/rego/loader.h"

namespace rampart::cli {

// {"result": [...]} as `opa eval --format json` prints it, or "{}" when
// the result is undefined.
std::string result_json(const rego::EvalResult& result);
// {"errors": [...]}.
std::string errors_json(const rego::RegoErrors& errors);
// One line per error: "file:row: code: message".
std::string errors_text(const rego::RegoErrors& errors);
// --format values|bindings|raw|pretty.
std::string result_in_format(const rego::EvalResult& result,
                             const std::string& format);

// Compiles what `rampart eval -d` or `rampart test` loaded: every module,
// then the data documents. Modules are moved out of `loaded`.
std::variant<std::shared_ptr<const rego::Policy>, rego::RegoErrors>
compile_loaded(rego::LoadedPolicy& loaded, bool v0_compatible);

// Keeps `object` alive until the process exits. One-shot commands print
// their result and exit; freeing a compiled policy first (tens of thousands
// of small syntax-tree nodes) costs more than its evaluation, and the
// operating system reclaims the memory at exit in one step anyway.
void keep_until_exit(std::shared_ptr<const void> object);

}  // namespace rampart::cli
