// SPDX-License-Identifier: Apache-2.0
//
// Inventory parsing throughput over the largest real lockfiles of the shared
// corpus (../shared/corpora/lockfiles), read in place. docs/inventories.md
// gives the command and the figures.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "rampart/base/file.h"
#include "rampart/scan/vuln/lockfile.h"

namespace {

using rampart::scan::vuln::InventoryFormat;

struct Input {
  const char* path;  // relative to the corpus folder
  InventoryFormat format;
};

constexpr Input kInputs[] = {
    {"package-lock.json/real-e2e-2.v2.json", InventoryFormat::kNpmLock},
    {"package-lock.json/real-e2e-1.v3.json", InventoryFormat::kNpmLock},
    {"yarn.lock/real-e2e-2.v1.lock", InventoryFormat::kYarnLock},
    {"yarn.lock/real-e2e-3-workspace.v2.lock", InventoryFormat::kYarnLock},
    {"Gemfile.lock/real-e2e-2.lock", InventoryFormat::kGemfileLock},
    {"composer.lock/real-e2e-2.json", InventoryFormat::kComposerLock},
    {"poetry.lock/real-e2e-2.lock", InventoryFormat::kPoetryLock},
    {"go.mod/real-e2e-2.mod", InventoryFormat::kGoMod},
    {"Cargo.lock/real-image-fixture.lock", InventoryFormat::kCargoLock},
    {"pnpm-lock.yaml/peer-dependencies-advanced.v9.yaml",
     InventoryFormat::kPnpmLock},
};

void BM_ParseInventory(benchmark::State& state) {
  const Input& input = kInputs[state.range(0)];
  std::string corpus = std::string(RAMPART_SHARED_DIR_FOR_BENCH) +
                       "/corpora/lockfiles/";
  rampart::Result<std::string> content = rampart::read_file(corpus + input.path);
  if (!content.is_ok()) {
    state.SkipWithError(content.status().to_string().c_str());
    return;
  }
  std::size_t packages = 0;
  for (auto _ : state) {
    auto parsed = rampart::scan::vuln::parse_inventory_as(
        input.format, input.path, *content);
    if (!parsed.is_ok()) {
      state.SkipWithError(parsed.status().to_string().c_str());
      return;
    }
    packages = parsed->size();
    benchmark::DoNotOptimize(parsed);
  }
  state.SetLabel(std::string(input.path) + " (" + std::to_string(packages) +
                 " packages)");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(content->size()));
}
BENCHMARK(BM_ParseInventory)->DenseRange(0, 9)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
