// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes every inventory parser: the first byte picks the format, the rest
// is the file. Neighbouring files (go.sum, `-r` includes, parent poms) are
// served the same bytes, so include cycles and self-parents are exercised
// too. Any input must give packages or a Status, never a crash, a hang or
// unbounded memory.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "rampart/scan/vuln/lockfile.h"

namespace {

using rampart::scan::vuln::InventoryFormat;

constexpr InventoryFormat kFormats[] = {
    InventoryFormat::kNpmLock,      InventoryFormat::kYarnLock,
    InventoryFormat::kPnpmLock,     InventoryFormat::kRequirements,
    InventoryFormat::kPoetryLock,   InventoryFormat::kPipfileLock,
    InventoryFormat::kUvLock,       InventoryFormat::kGoMod,
    InventoryFormat::kCargoLock,    InventoryFormat::kGemfileLock,
    InventoryFormat::kComposerLock, InventoryFormat::kNugetLock,
    InventoryFormat::kGradleLock,   InventoryFormat::kMavenPom,
    InventoryFormat::kDpkgStatus,   InventoryFormat::kApkInstalled,
};
constexpr std::size_t kFormatCount = sizeof(kFormats) / sizeof(kFormats[0]);

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size == 0) return 0;
  InventoryFormat format = kFormats[data[0] % kFormatCount];
  std::string content(reinterpret_cast<const char*>(data + 1), size - 1);

  rampart::scan::vuln::SiblingReader reader =
      [&content](const std::string&) -> rampart::Result<std::string> {
    return content;
  };
  auto parsed = rampart::scan::vuln::parse_inventory_as(
      format, "project/sub/lockfile", content, reader);
  (void)parsed;
  return 0;
}
