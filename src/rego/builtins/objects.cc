// SPDX-License-Identifier: Apache-2.0
//
// OPA's object built-ins.
#include "rampart/rego/builtins.h"

namespace rampart::rego {

// TODO(rego): the object built-ins are not registered yet; policies calling
// them fail to compile with "undefined function". Fix: implement them here.
void register_object_builtins(BuiltinRegistry& registry) { (void)registry; }

}  // namespace rampart::rego
