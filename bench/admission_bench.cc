// SPDX-License-Identifier: Apache-2.0
//
// Admission decision cost on one core, on the real Pod AdmissionReview of
// bench/data/: validate() of the seed-era runAsNonRoot rule (DESIGN.md's
// target: under 5 µs), the same with the whole bundled check library, a
// Gatekeeper K8sRequiredLabels constraint, and the full request path
// (parse the body, judge, render the answer). Run:
//
//   build/admission/bench/admission_bench --benchmark_min_time=1
#include <cstdlib>
#include <string>

#include <benchmark/benchmark.h>

#include "rampart/admission/admission.h"
#include "rampart/base/file.h"

namespace {

using rampart::admission::PolicySet;
using rampart::admission::PolicySources;

std::string body() {
  auto text = rampart::read_file(std::string(RAMPART_BENCH_DATA) +
                                 "/pod-admission-review.json");
  if (!text) std::abort();
  return *text;
}

std::shared_ptr<const PolicySet> load(PolicySources sources) {
  auto set = PolicySet::load(sources);
  if (!set) std::abort();
  return *set;
}

PolicySources seed_only() {
  PolicySources sources;
  sources.bundled_checks = false;
  sources.policy_paths = {std::string(RAMPART_BENCH_DATA) +
                          "/seed-admission.rego"};
  return sources;
}

void run_validate(benchmark::State& state, const PolicySet& set) {
  auto request = rampart::admission::parse_admission_review(body(), 1 << 20);
  if (!request) std::abort();
  for (auto _ : state) {
    auto decision = set.validate(*request, {});
    benchmark::DoNotOptimize(decision);
  }
}

void BM_ValidateSeedRule(benchmark::State& state) {
  run_validate(state, *load(seed_only()));
}
BENCHMARK(BM_ValidateSeedRule);

void BM_ValidateSeedRuleAndBundledChecks(benchmark::State& state) {
  PolicySources sources = seed_only();
  sources.bundled_checks = true;
  run_validate(state, *load(sources));
}
BENCHMARK(BM_ValidateSeedRuleAndBundledChecks);

void BM_ValidateGatekeeperRequiredLabels(benchmark::State& state) {
  PolicySources sources;
  sources.bundled_checks = false;
  sources.constraint_paths = {std::string(RAMPART_SOURCE_ROOT_FOR_BENCH) +
                                  "/examples/gatekeeper/required-labels/"
                                  "template.yaml",
                              std::string(RAMPART_SOURCE_ROOT_FOR_BENCH) +
                                  "/examples/gatekeeper/required-labels/"
                                  "constraint.yaml"};
  run_validate(state, *load(sources));
}
BENCHMARK(BM_ValidateGatekeeperRequiredLabels);

// What the webhook does per request besides HTTP: parse, judge, answer.
void BM_ParseValidateRenderSeedRule(benchmark::State& state) {
  auto set = load(seed_only());
  std::string text = body();
  for (auto _ : state) {
    auto request = rampart::admission::parse_admission_review(text, 1 << 20);
    auto decision = set->validate(*request, {});
    std::string answer =
        rampart::admission::render_admission_response(*request, *decision);
    benchmark::DoNotOptimize(answer);
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_ParseValidateRenderSeedRule);

}  // namespace

BENCHMARK_MAIN();
