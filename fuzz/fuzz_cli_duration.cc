// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes the duration parser behind `--timeout` and serve's intervals: any
// text gives true with a value from 0 to a day in milliseconds, or false.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cli/commands.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  long long ms = -1;
  if (rampart::cli::parse_duration_ms(text, ms) && (ms < 0 || ms > 86400000)) {
    std::abort();
  }
  return 0;
}
