// SPDX-License-Identifier: Apache-2.0
//
// Vulnerability store and matcher benchmarks (docs/benchmarks.md,
// "Vulnerability matching"):
//   BM_ImportSharedOsv     import all of ../shared/osv into a fresh store;
//   BM_Match5000Affected   match 5,000 packages that all have advisories
//                          (names and versions taken from the records, so
//                          every lookup finds rows to evaluate);
//   BM_Match5000Mixed      5,000 packages of which one in ten has
//                          advisories, closer to a real project;
//   BM_CompareVersions     one comparison per scheme.
// The store is opened before timing starts; matching is what is measured.
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>
#include <unistd.h>

#include "rampart/base/file.h"
#include "rampart/scan/vuln/matcher.h"
#include "rampart/scan/vuln/osv.h"
#include "rampart/scan/vuln/store.h"
#include "rampart/scan/vuln/version.h"

namespace rampart::scan::vuln {
namespace {

namespace fs = std::filesystem;

const std::string kOsv = std::string(RAMPART_SHARED_DIR_FOR_BENCH) + "/osv";

std::string temp_store(const std::string& tag) {
  return (fs::temp_directory_path() / ("rampart-vuln-bench-" + tag + "-" +
                                       std::to_string(::getpid()) + ".db"))
      .string();
}

void BM_ImportSharedOsv(benchmark::State& state) {
  std::string path = temp_store("import");
  for (auto _ : state) {
    state.PauseTiming();
    fs::remove(path);
    state.ResumeTiming();
    Result<VulnStore> store =
        VulnStore::open(path, VulnStore::Mode::kReadWrite);
    Result<ImportReport> report = store->import_path(kOsv);
    if (!report.is_ok()) state.SkipWithError("import failed");
    state.counters["records"] = static_cast<double>(report->imported);
  }
  fs::remove(path);
}
BENCHMARK(BM_ImportSharedOsv)->Unit(benchmark::kMillisecond)->Iterations(3);

// Packages named by the records, each at a version taken from its own
// range events, so both hits and misses are evaluated.
std::vector<Package> affected_inventory(std::size_t count) {
  std::vector<Package> packages;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& entry : fs::recursive_directory_iterator(kOsv)) {
    if (entry.path().extension() != ".json") continue;
    Result<std::string> text = read_file(entry.path().string());
    if (!text.is_ok()) continue;
    Result<OsvRecord> record = parse_osv_record(*text);
    if (!record.is_ok()) continue;
    for (const OsvAffected& affected : record->affected) {
      if (affected.name.empty() || affected.ranges.empty() ||
          affected.ranges[0].events.empty()) {
        continue;
      }
      if (!seen.insert({affected.ecosystem, affected.name}).second) continue;
      Package package;
      package.ecosystem = std::string(base_ecosystem(affected.ecosystem));
      package.name = affected.name;
      package.version = affected.ranges[0].events.back().version;
      if (package.version.size() > 30) package.version = "1.0.0";
      package.source_file = "bench.lock";
      packages.push_back(std::move(package));
      if (packages.size() == count) return packages;
    }
  }

  // Fewer distinct packages than asked: add the same ones again at the
  // first event's version (another point of the same ranges).
  for (std::size_t i = 0; packages.size() < count && i < seen.size(); ++i) {
    Package again = packages[i];
    again.version = again.version == "1.0.0" ? "0.1.0" : "1.0.0";
    packages.push_back(std::move(again));
  }
  return packages;
}

class StoreFixture {
 public:
  StoreFixture() : path_(temp_store("match")) {
    fs::remove(path_);
    Result<VulnStore> writer =
        VulnStore::open(path_, VulnStore::Mode::kReadWrite);
    (void)writer->import_path(kOsv);
  }
  ~StoreFixture() { fs::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

const StoreFixture& fixture() {
  static StoreFixture instance;
  return instance;
}

void run_match(benchmark::State& state, const std::vector<Package>& packages) {
  Result<VulnStore> store =
      VulnStore::open(fixture().path(), VulnStore::Mode::kReadOnly);
  if (!store.is_ok()) {
    state.SkipWithError("cannot open store");
    return;
  }
  std::size_t matches = 0;
  for (auto _ : state) {
    Result<MatchReport> report = match_packages(*store, packages);
    matches = report->matches.size();
    benchmark::DoNotOptimize(matches);
  }
  state.counters["packages"] = static_cast<double>(packages.size());
  state.counters["matches"] = static_cast<double>(matches);
}

void BM_Match5000Affected(benchmark::State& state) {
  static const std::vector<Package> packages = affected_inventory(5000);
  run_match(state, packages);
}
BENCHMARK(BM_Match5000Affected)->Unit(benchmark::kMillisecond);

void BM_Match5000Mixed(benchmark::State& state) {
  static const std::vector<Package> packages = [] {
    std::vector<Package> affected = affected_inventory(500);
    std::vector<Package> mixed;
    for (std::size_t i = 0; mixed.size() < 5000; ++i) {
      if (i % 10 == 0 && i / 10 < affected.size()) {
        mixed.push_back(affected[i / 10]);
        continue;
      }
      Package package;
      package.ecosystem = i % 2 ? "npm" : "PyPI";
      package.name = "unaffected-package-" + std::to_string(i);
      package.version = "1.2." + std::to_string(i % 40);
      mixed.push_back(std::move(package));
    }
    return mixed;
  }();
  run_match(state, packages);
}
BENCHMARK(BM_Match5000Mixed)->Unit(benchmark::kMillisecond);

void BM_CompareVersions(benchmark::State& state) {
  struct Pair {
    VersionScheme scheme;
    const char* a;
    const char* b;
  };
  static const Pair kPairs[] = {
      {VersionScheme::kSemver, "v1.2.3-0.20210101000000-abcdef012345",
       "v1.2.3"},
      {VersionScheme::kPep440, "1.0.post1.dev2+local.7", "1.0rc3"},
      {VersionScheme::kMaven, "11.0.0-M12", "11.0.0.RELEASE"},
      {VersionScheme::kDebian, "1:2.36.1-8+deb12u1", "1:2.36.1-8~bpo11+1"},
      {VersionScheme::kRpm, "0:3.10.0-229.1.2.el7", "0:3.10.0-229.el7"},
  };
  const Pair& pair = kPairs[state.range(0)];
  for (auto _ : state) {
    benchmark::DoNotOptimize(compare_versions(pair.scheme, pair.a, pair.b));
  }
}
BENCHMARK(BM_CompareVersions)->DenseRange(0, 4);

}  // namespace
}  // namespace rampart::scan::vuln

BENCHMARK_MAIN();
