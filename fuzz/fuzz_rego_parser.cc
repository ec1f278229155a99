// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes Rego parsing and compilation: any bytes as a module, in both v1
// and v0 modes, must give a policy or errors, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "rampart/rego/engine.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  std::string source(reinterpret_cast<const char*>(data), size);
  for (bool v0 : {false, true}) {
    rampart::rego::CompileOptions options;
    options.v0_compatible = v0;
    rampart::rego::Compiler compiler(options);
    compiler.add_module("fuzz.rego", source);
    (void)compiler.compile();
  }
  return 0;
}
