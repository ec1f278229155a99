// SPDX-License-Identifier: Apache-2.0
//
// Rego engine benchmarks (docs/benchmarks.md, "Rego engine"):
//   - parse and compile a generated 300-rule policy set;
//   - the seed-era admission rule on a real Pod AdmissionReview, prepared
//     once and evaluated repeatedly (target: under 5 µs);
//   - a partial-set rule over 10,000 input items;
//   - the ACI policy set of ../shared/conformance, compiled, then evaluated.
#include <string>

#include <benchmark/benchmark.h>

#include "rampart/base/file.h"
#include "rampart/document/json.h"
#include "rampart/rego/engine.h"

namespace {

using rampart::Value;
namespace rego = rampart::rego;

std::shared_ptr<const rego::Policy> compile_or_die(const std::string& source,
                                                   bool v0 = false) {
  rego::CompileOptions options;
  options.v0_compatible = v0;
  rego::Compiler compiler(options);
  compiler.add_module("bench.rego", source);
  auto compiled = compiler.compile();
  if (auto* errors = std::get_if<rego::RegoErrors>(&compiled)) {
    std::fprintf(stderr, "%s\n", (*errors)[0].to_string().c_str());
    std::abort();
  }
  return std::get<std::shared_ptr<const rego::Policy>>(compiled);
}

std::shared_ptr<const rego::PreparedQuery> prepare_or_die(
    const rego::Policy& policy, const std::string& query) {
  auto prepared = policy.prepare(query);
  if (auto* errors = std::get_if<rego::RegoErrors>(&prepared)) {
    std::fprintf(stderr, "%s\n", (*errors)[0].to_string().c_str());
    std::abort();
  }
  return std::get<std::shared_ptr<const rego::PreparedQuery>>(prepared);
}

// 300 rules of the shapes real check libraries use: equality guards,
// iteration over containers, sprintf messages, helper functions.
std::string policy_with_300_rules() {
  std::string source = "package bench\n\nimport rego.v1\n\n";
  for (int i = 0; i < 100; ++i) {
    std::string n = std::to_string(i);
    source += "deny contains msg if {\n\tinput.kind == \"Kind" + n +
              "\"\n\tsome c in input.spec.containers\n\tc.image == \"img" + n +
              "\"\n\tmsg := sprintf(\"container %s uses img" + n +
              "\", [c.name])\n}\n\n";
    source += "helper_" + n + "(x) := y if {\n\ty := x + " + n + "\n}\n\n";
    source += "allow_" + n + " if {\n\tinput.user == \"u" + n +
              "\"\n\thelper_" + n + "(1) > 0\n}\n\n";
  }
  return source;
}

void BM_CompilePolicy300Rules(benchmark::State& state) {
  std::string source = policy_with_300_rules();
  for (auto _ : state) {
    rego::Compiler compiler;
    compiler.add_module("bench.rego", source);
    auto compiled = compiler.compile();
    benchmark::DoNotOptimize(compiled);
  }
}
BENCHMARK(BM_CompilePolicy300Rules)->Unit(benchmark::kMillisecond);

void BM_SeedAdmissionRule(benchmark::State& state) {
  auto policy_text = rampart::read_file(std::string(RAMPART_BENCH_DATA) +
                                        "/seed-admission.rego");
  auto review_text = rampart::read_file(std::string(RAMPART_BENCH_DATA) +
                                        "/pod-admission-review.json");
  auto policy = compile_or_die(*policy_text, /*v0=*/true);
  auto query = prepare_or_die(*policy, "data.kubernetes.admission.deny");
  rego::EvalOptions options;
  options.input = *rampart::parse_json(*review_text);
  options.has_input = true;
  options.now_ns = 1;  // no clock read per evaluation
  benchmark::IterationCount denials = 0;
  for (auto _ : state) {
    rego::EvalResult result = query->evaluate(options);
    denials += static_cast<benchmark::IterationCount>(
        result.rows.front().expressions.front().value.size());
  }
  if (denials != state.iterations()) state.SkipWithError("wrong result");
}
BENCHMARK(BM_SeedAdmissionRule)->Unit(benchmark::kMicrosecond);

void BM_PartialSet10kItems(benchmark::State& state) {
  auto policy = compile_or_die(
      "package bench\n\nimport rego.v1\n\n"
      "privileged contains item.name if {\n\tsome item in input.items\n"
      "\titem.privileged == true\n}\n");
  auto query = prepare_or_die(*policy, "data.bench.privileged");
  std::vector<Value> items;
  for (int i = 0; i < 10000; ++i) {
    items.push_back(Value::object(
        {{Value::string("name"), Value::string("item-" + std::to_string(i))},
         {Value::string("privileged"), Value::boolean(i % 10 == 0)}}));
  }
  rego::EvalOptions options;
  options.input =
      Value::object({{Value::string("items"), Value::array(items)}});
  options.has_input = true;
  options.now_ns = 1;
  for (auto _ : state) {
    rego::EvalResult result = query->evaluate(options);
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_PartialSet10kItems)->Unit(benchmark::kMillisecond);

// The ACI policy set of rego-cpp's suite, in stages: what `rampart eval
// -d framework.rego -d api.rego -d policy.rego -d data.json -i input.json
// data.framework.mount_overlay=x` does after start-up.
struct AciFiles {
  std::string framework, api, policy;
  Value data, input;
};

const AciFiles& aci_files() {
  static const AciFiles files = [] {
    std::string dir =
        std::string(RAMPART_SHARED_DIR) + "/conformance/rego-cpp/aci/";
    auto read = [&](const char* name) {
      auto text = rampart::read_file(dir + name);
      if (!text) {
        std::fprintf(stderr, "%s\n", text.status().to_string().c_str());
        std::abort();
      }
      return *text;
    };
    return AciFiles{read("framework.rego"), read("api.rego"),
                    read("policy.rego"),
                    *rampart::parse_json(read("data.json")),
                    *rampart::parse_json(read("input.json"))};
  }();
  return files;
}

std::shared_ptr<const rego::Policy> compile_aci() {
  const AciFiles& files = aci_files();
  rego::Compiler compiler;
  compiler.add_module("framework.rego", files.framework);
  compiler.add_module("api.rego", files.api);
  compiler.add_module("policy.rego", files.policy);
  compiler.add_data(files.data);
  auto compiled = compiler.compile();
  if (auto* errors = std::get_if<rego::RegoErrors>(&compiled)) {
    std::fprintf(stderr, "%s\n", (*errors)[0].to_string().c_str());
    std::abort();
  }
  return std::get<std::shared_ptr<const rego::Policy>>(compiled);
}

void BM_AciCompile(benchmark::State& state) {
  aci_files();
  for (auto _ : state) {
    auto policy = compile_aci();
    benchmark::DoNotOptimize(policy);
  }
}
BENCHMARK(BM_AciCompile)->Unit(benchmark::kMicrosecond);

void BM_AciEvaluate(benchmark::State& state) {
  auto policy = compile_aci();
  rego::EvalOptions options;
  options.input = aci_files().input;
  options.has_input = true;
  for (auto _ : state) {
    auto query = prepare_or_die(*policy, "data.framework.mount_overlay=x");
    rego::EvalResult result = query->evaluate(options);
    if (result.rows.size() != 1) std::abort();
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_AciEvaluate)->Unit(benchmark::kMicrosecond);

}  // namespace

// 300 bodies of one partial set, each guarded on a different kind: rule
// indexing lets one input visit one body instead of all 300.
void BM_IndexedRuleSet300Kinds(benchmark::State& state) {
  std::string source = "package idx\n";
  for (int i = 0; i < 300; ++i) {
    source += "deny contains msg if {\n  input.request.kind.kind == \"Kind" +
              std::to_string(i) +
              "\"\n  input.request.object.spec.replicas > 1\n"
              "  msg := \"kind " +
              std::to_string(i) + "\"\n}\n";
  }
  auto policy = compile_or_die(source);
  auto query = prepare_or_die(*policy, "data.idx.deny");
  rego::EvalOptions options;
  options.input =
      *rampart::parse_json(R"({"request":{"kind":{"kind":"Kind150"},)"
                           R"("object":{"spec":{"replicas":3}}}})");
  options.has_input = true;
  for (auto _ : state) {
    auto result = query->evaluate(options);
    if (result.rows.size() != 1) std::abort();
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_IndexedRuleSet300Kinds)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
