// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes what `rampart scan` reads from a cloned repository besides the
// files it scans: rampart.yaml, the ignore file, and .gitignore patterns.
// Any bytes must give a value or a Status, never a crash or a hang. The
// first byte picks the parser so one corpus covers all three.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "rampart/scan/config.h"
#include "rampart/scan/ignore_file.h"
#include "rampart/scan/path_filter.h"

namespace {

void fuzz_ignore_file(std::string_view text) {
  auto file = rampart::scan::parse_ignore_file(text, "fuzz");
  if (!file) return;
  std::vector<rampart::Finding> findings(2);
  findings[0].rule_id = "R1";
  findings[0].target = "a/b/c.yaml";
  findings[1].fingerprint = "abc";
  findings[1].target = "x";
  auto outcome =
      rampart::scan::apply_ignore_file(*file, "2026-12-04", findings);
  (void)outcome;
}

void fuzz_gitignore(std::string_view text) {
  rampart::scan::PathFilter filter;
  filter.add_file("sub", text);
  (void)filter.excluded("sub/a/b/c.txt", false);
  (void)filter.excluded("sub/dir", true);
  std::size_t cut = text.find('\n');
  if (cut != std::string_view::npos) {
    (void)rampart::scan::glob_match(text.substr(0, cut), text.substr(cut + 1));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      auto config = rampart::scan::parse_config(text, "fuzz.yaml");
      (void)config;
      break;
    }
    case 1:
      fuzz_ignore_file(text);
      break;
    default:
      fuzz_gitignore(text);
      break;
  }
  return 0;
}
