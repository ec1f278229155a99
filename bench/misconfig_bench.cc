// SPDX-License-Identifier: Apache-2.0
//
// The misconfig scanner on 1,000 Kubernetes documents with the full bundled
// library, on one thread (docs/benchmarks.md, "Misconfiguration scanning").
// The documents cycle through the objects of tests/data/misconfig/kubernetes
// (hardened and insecure workloads, RBAC, services, secrets), so most checks
// both run and fire.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "rampart/base/file.h"
#include "rampart/document/yaml.h"
#include "rampart/scan/misconfig/misconfig_scanner.h"

namespace {

namespace fs = std::filesystem;
using rampart::scan::FileEntry;
using rampart::scan::FindingSink;
using rampart::scan::misconfig::MisconfigScanner;

constexpr int kDocuments = 1000;

// The YAML documents of the fixtures, each as its own text.
std::vector<std::string> fixture_documents() {
  fs::path root = fs::path(RAMPART_SOURCE_ROOT_FOR_BENCH) /
                  "tests/data/misconfig/kubernetes";
  std::vector<fs::path> paths;
  for (const auto& item : fs::recursive_directory_iterator(root)) {
    if (item.path().extension() == ".yaml") paths.push_back(item.path());
  }
  std::sort(paths.begin(), paths.end());

  std::vector<std::string> documents;
  for (const fs::path& path : paths) {
    auto text = rampart::read_file(path.string());
    if (!text.is_ok()) continue;
    std::string current;
    std::size_t start = 0;
    while (start <= text->size()) {
      std::size_t end = text->find('\n', start);
      if (end == std::string::npos) end = text->size();
      std::string line = text->substr(start, end - start);
      if (line == "---") {
        documents.push_back(current);
        current.clear();
      } else {
        current += line + "\n";
      }
      start = end + 1;
    }
    documents.push_back(current);
  }
  // Keep only chunks that hold an object (not just comments).
  std::erase_if(documents, [](const std::string& doc) {
    return doc.find("apiVersion:") == std::string::npos;
  });
  return documents;
}

std::vector<std::string> thousand_documents() {
  std::vector<std::string> pool = fixture_documents();
  std::vector<std::string> out;
  for (int i = 0; i < kDocuments && !pool.empty(); ++i) {
    out.push_back(pool[static_cast<std::size_t>(i) % pool.size()]);
  }
  return out;
}

MisconfigScanner& scanner() {
  static auto created = MisconfigScanner::create({});
  if (!created.is_ok()) {
    fprintf(stderr, "%s\n", created.status().to_string().c_str());
    std::abort();
  }
  return **created;
}

FileEntry entry(std::string name) {
  FileEntry file;
  file.path = file.relative_path = std::move(name);
  return file;
}

// One multi-document stream of 1,000 objects (a `helm template` output).
void BM_MisconfigOneStreamOf1000Documents(benchmark::State& state) {
  std::string stream;
  for (const std::string& doc : thousand_documents()) stream += "---\n" + doc;
  FileEntry file = entry("rendered.yaml");
  std::size_t findings = 0;
  for (auto _ : state) {
    FindingSink sink;
    scanner().scan_file(file, stream, sink);
    findings = sink.findings().size();
    benchmark::DoNotOptimize(findings);
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.SetItemsProcessed(state.iterations() * kDocuments);
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(stream.size()));
}
BENCHMARK(BM_MisconfigOneStreamOf1000Documents)->Unit(benchmark::kMillisecond);

// 1,000 files of one object each (a repository of manifests).
void BM_Misconfig1000Files(benchmark::State& state) {
  std::vector<std::string> documents = thousand_documents();
  FileEntry file = entry("k8s/object.yaml");
  for (auto _ : state) {
    FindingSink sink;
    for (const std::string& doc : documents) {
      scanner().scan_file(file, doc, sink);
    }
    benchmark::DoNotOptimize(sink.findings().size());
  }
  state.SetItemsProcessed(state.iterations() * kDocuments);
}
BENCHMARK(BM_Misconfig1000Files)->Unit(benchmark::kMillisecond);

// The YAML reading alone, with positions, for comparison.
void BM_ParseOnly1000Documents(benchmark::State& state) {
  std::string stream;
  for (const std::string& doc : thousand_documents()) stream += "---\n" + doc;
  rampart::YamlLimits limits;
  limits.record_positions = true;
  for (auto _ : state) {
    auto parsed = rampart::parse_yaml(stream, "bench", limits);
    benchmark::DoNotOptimize(parsed.is_ok());
  }
  state.SetItemsProcessed(state.iterations() * kDocuments);
}
BENCHMARK(BM_ParseOnly1000Documents)->Unit(benchmark::kMillisecond);

// Loading the library: compiling every module and preparing every query.
void BM_MisconfigCreate(benchmark::State& state) {
  for (auto _ : state) {
    auto created = MisconfigScanner::create({});
    benchmark::DoNotOptimize(created.is_ok());
  }
}
BENCHMARK(BM_MisconfigCreate)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
