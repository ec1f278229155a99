// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes the secret rule-file parser (rampart/scan/secret/rules.h) with
// arbitrary bytes: it must return rules or a Status, never crash, and stay
// within its line, rule and regex-memory limits. When parsing succeeds the
// rules are also compiled into an engine, which must not fail on them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rampart/scan/secret/rules.h"
#include "rampart/scan/secret/secret_scanner.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto rules = rampart::scan::secret::parse_rules(text, "fuzz.rules");
  if (!rules.is_ok() || rules->size() > 16) return 0;

  rampart::scan::secret::SecretOptions options;
  options.use_builtin_rules = false;
  options.extra_rules = std::string(text);
  auto engine = rampart::scan::secret::SecretEngine::create(options);
  if (engine.is_ok()) (void)(*engine)->scan("fuzz.txt", text);
  return 0;
}
