// SPDX-License-Identifier: Apache-2.0
//
// OPA's regex built-ins.
#include "rampart/rego/builtins.h"

namespace rampart::rego {

// TODO(rego): the regex built-ins are not registered yet; policies calling
// them fail to compile with "undefined function". Fix: implement them here.
void register_regex_builtins(BuiltinRegistry& registry) { (void)registry; }

}  // namespace rampart::rego
