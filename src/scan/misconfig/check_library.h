// SPDX-License-Identifier: Apache-2.0
//
// Loading the misconfiguration checks: the bundled library (policies/,
// embedded) and the user's --policy folders, compiled with the Rego engine,
// one prepared query per check. Private to rampart_misconfig.
//
// User policy files are untrusted text: each is capped at kMaxPolicyBytes
// and the engine bounds parsing and compilation. Every Rego syntax is
// accepted per file: a file that does not parse as Rego v1 but parses as
// v0 is compiled in the engine's v0-compatible mode (see CheckLibrary).
// The first parse or compile error becomes a Status with its file, line and
// column. Immutable once loaded; queries may be evaluated from any thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/rego/engine.h"
#include "rampart/scan/misconfig/misconfig_scanner.h"

namespace rampart::scan::misconfig {

inline constexpr std::size_t kMaxPolicyBytes = 4u << 20;

struct LoadedCheck {
  CheckInfo info;
  std::shared_ptr<const rego::PreparedQuery> query;
};

struct CheckLibrary {
  // Kept alive for the prepared queries.
  std::vector<std::shared_ptr<const rego::Policy>> policies;
  std::vector<LoadedCheck> checks;  // enabled ones, bundled first
};

// A Rego source and the name its errors carry.
struct PolicySource {
  std::string file;
  std::string text;
};

// The bundled modules, tests left out unless `with_tests`; file names are
// "policies/<path>".
std::vector<PolicySource> bundled_sources(bool with_tests);

// Every *.rego file (not *_test.rego) under each folder of `dirs`, sorted;
// a folder that is missing or unreadable is an error.
Result<std::vector<PolicySource>> read_policy_dirs(
    const std::vector<std::string>& dirs);

// The first error of a failed compilation as a Status located at it.
Status rego_error_status(const rego::RegoErrors& errors,
                         std::string_view context);

// The package a module declares ("main", "k8s.admission"), read from the
// first line that starts with `package`, without parsing the module; ""
// when there is none.
std::string package_of(std::string_view text);

// Compiles and prepares every check `options` asks for.
Result<CheckLibrary> load_checks(const MisconfigOptions& options);

}  // namespace rampart::scan::misconfig
