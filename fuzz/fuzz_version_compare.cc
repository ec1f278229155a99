// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes every version comparator: the first byte picks the scheme, the
// rest is split at the first NUL into two versions. Besides not crashing,
// each comparator must be antisymmetric and reflexive; a violation aborts,
// since sorting range events relies on it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "rampart/scan/vuln/version.h"

using namespace rampart::scan::vuln;

namespace {

int sign(int value) { return value < 0 ? -1 : (value > 0 ? 1 : 0); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  constexpr int kSchemes = static_cast<int>(VersionScheme::kDotted) + 1;
  auto scheme = static_cast<VersionScheme>(data[0] % kSchemes);
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  size_t split = rest.find('\0');
  std::string_view a = rest.substr(0, split);
  std::string_view b = split == std::string_view::npos ? std::string_view()
                                                       : rest.substr(split + 1);

  int forward = sign(compare_versions(scheme, a, b));
  int backward = sign(compare_versions(scheme, b, a));
  if (forward != -backward) std::abort();
  if (compare_versions(scheme, a, a) != 0) std::abort();
  return 0;
}
