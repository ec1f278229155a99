// SPDX-License-Identifier: Apache-2.0
//
// Secret scanner throughput, single-threaded (so bytes/s is per core):
//   BM_SecretPrefilter  the Vectorscan keyword pass alone over 64 MiB
//   BM_SecretScanFiles  the whole per-file scan (sniffing, prefilter, RE2,
//                       validation, findings) over 64 MiB cut into 16 KiB
//                       files, the size of an ordinary source file
//   BM_SecretScanOneBuffer  the same 64 MiB as one file
//   BM_SecretEngineCreate   compiling the built-in rule set
// Reproduce: build/<dir>/bench/secret_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include "rampart/scan/secret/secret_scanner.h"

#include "secret_corpus.h"

namespace {

using rampart::scan::secret::SecretEngine;
using rampart::scan::secret::SecretOptions;

constexpr std::size_t kBytes = 64u << 20;
constexpr std::size_t kFileBytes = 16u << 10;

const std::string& corpus() {
  static const std::string text = rampart::bench::source_like_text(kBytes, 7);
  return text;
}

const SecretEngine& engine() {
  static const auto built = [] {
    SecretOptions options;
    options.max_file_bytes = kBytes + 1;
    return std::move(SecretEngine::create(options).value());
  }();
  return *built;
}

void BM_SecretPrefilter(benchmark::State& state) {
  const std::string& text = corpus();
  std::size_t hits = 0;
  for (auto _ : state) {
    hits = engine().count_prefilter_hits(text);
    benchmark::DoNotOptimize(hits);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kBytes));
  state.counters["hits"] = static_cast<double>(hits);
}
BENCHMARK(BM_SecretPrefilter)->Unit(benchmark::kMillisecond);

void BM_SecretScanFiles(benchmark::State& state) {
  const std::string_view text = corpus();
  std::size_t findings = 0;
  for (auto _ : state) {
    findings = 0;
    for (std::size_t at = 0; at < text.size(); at += kFileBytes) {
      auto result = engine().scan("src/file.py", text.substr(at, kFileBytes));
      findings += result.matches.size();
    }
    benchmark::DoNotOptimize(findings);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kBytes));
  state.counters["findings"] = static_cast<double>(findings);
}
BENCHMARK(BM_SecretScanFiles)->Unit(benchmark::kMillisecond);

void BM_SecretScanOneBuffer(benchmark::State& state) {
  std::size_t findings = 0;
  for (auto _ : state) {
    findings = engine().scan("big.txt", corpus()).matches.size();
    benchmark::DoNotOptimize(findings);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kBytes));
  state.counters["findings"] = static_cast<double>(findings);
}
BENCHMARK(BM_SecretScanOneBuffer)->Unit(benchmark::kMillisecond);

void BM_SecretEngineCreate(benchmark::State& state) {
  for (auto _ : state) {
    auto built = SecretEngine::create({});
    benchmark::DoNotOptimize(built);
  }
}
BENCHMARK(BM_SecretEngineCreate)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
