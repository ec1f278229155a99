// SPDX-License-Identifier: Apache-2.0
//
// The bundled check library: every .rego file under policies/ (checks, the
// shared rampart.lib packages and their *_test.rego unit tests), embedded
// into the binary at build time by policies/embed_policies.cmake so rampart
// needs no data file at run time.
//
// Static, immutable data; safe from any thread.
#pragma once

#include <span>
#include <string_view>

namespace rampart::scan::misconfig {

struct PolicyFile {
  std::string_view path;    // relative to policies/, e.g. "docker/sudo.rego"
  std::string_view source;  // the Rego module, as written
};

// Every bundled file, sorted by path.
std::span<const PolicyFile> bundled_policies();

// Whether `path` is a unit-test module (ends in "_test.rego"); the scanner
// leaves them out, `rampart test` and the check tests load them.
inline bool is_test_policy(std::string_view path) {
  return path.ends_with("_test.rego");
}

}  // namespace rampart::scan::misconfig
