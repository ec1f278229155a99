// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes the secret matcher (SecretEngine::scan with the built-in rules)
// over arbitrary bytes: sniffing, the Vectorscan prefilter, RE2 windows,
// validators (base64, PEM, JWT, checksums) and redaction must never crash,
// and every reported match must lie inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "rampart/scan/secret/secret_scanner.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  static const auto engine = [] {
    auto built = rampart::scan::secret::SecretEngine::create({});
    if (!built.is_ok()) std::abort();
    return std::move(built.value());
  }();
  std::string_view content(reinterpret_cast<const char*>(data), size);
  auto result = engine->scan("fuzz.txt", content);
  for (const auto& match : result.matches) {
    if (match.offset + match.length > size) std::abort();
    if (match.redacted.size() > 12) std::abort();
  }
  return 0;
}
