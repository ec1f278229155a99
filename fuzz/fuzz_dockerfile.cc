// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes the Dockerfile reader: any bytes must give a document or a Status,
// never a crash, a hang or unbounded memory.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rampart/document/dockerfile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  rampart::DockerfileLimits limits;
  limits.max_instructions = 2000;
  auto parsed = rampart::parse_dockerfile(text, "fuzz", limits);
  (void)parsed;
  return 0;
}
