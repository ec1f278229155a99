// SPDX-License-Identifier: Apache-2.0
//
// Per-call cost of hot Rego built-ins (part A) when called directly through
// the registry: regex.match and glob.match with a repeated pattern (served
// by the compiled-pattern cache), sprintf, integer arithmetic on the
// 64-bit fast path and beyond it, a render_template pipeline and
// yaml.unmarshal with YAML 1.1 scalar resolution.
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "rampart/rego/builtins.h"

namespace {

using rampart::Value;
using rampart::rego::BuiltinContext;
using rampart::rego::BuiltinRegistry;

void run_builtin(benchmark::State& state, const char* name,
                 std::vector<Value> args) {
  const auto* decl = BuiltinRegistry::standard().find(name);
  BuiltinContext context;
  for (auto _ : state) {
    auto result = decl->function(args, context);
    benchmark::DoNotOptimize(result);
  }
}

void BM_RegexMatchCachedPattern(benchmark::State& state) {
  run_builtin(state, "regex.match",
              {Value::string("^[a-z0-9-]+\\.example\\.(com|org)$"),
               Value::string("api-7.example.org")});
}
BENCHMARK(BM_RegexMatchCachedPattern);

void BM_GlobMatchCachedPattern(benchmark::State& state) {
  run_builtin(state, "glob.match",
              {Value::string("*.github.com"), Value::array({}),
               Value::string("api.github.com")});
}
BENCHMARK(BM_GlobMatchCachedPattern);

void BM_Sprintf(benchmark::State& state) {
  run_builtin(state, "sprintf",
              {Value::string("container %s uses image %q (%d layers)"),
               Value::array({Value::string("web"), Value::string("nginx:1.25"),
                             Value::integer(7)})});
}
BENCHMARK(BM_Sprintf);

void BM_PlusInt64(benchmark::State& state) {
  run_builtin(state, "plus", {Value::integer(40), Value::integer(2)});
}
BENCHMARK(BM_PlusInt64);

void BM_PlusBigInteger(benchmark::State& state) {
  run_builtin(state, "plus",
              {Value::integer(INT64_MAX), Value::integer(INT64_MAX)});
}
BENCHMARK(BM_PlusBigInteger);

void BM_RenderTemplatePipeline(benchmark::State& state) {
  run_builtin(
      state, "strings.render_template",
      {Value::string("{{range $i, $c := .containers}}{{if $i}}, {{end}}"
                     "{{$c | printf \"%q\"}}{{end}}"),
       Value::object({{Value::string("containers"),
                       Value::array({Value::string("web"), Value::string("db"),
                                     Value::string("cache")})}})});
}
BENCHMARK(BM_RenderTemplatePipeline);

void BM_YamlUnmarshal(benchmark::State& state) {
  run_builtin(
      state, "yaml.unmarshal",
      {Value::string("kind: Pod\nspec:\n  hostNetwork: no\n"
                     "  containers:\n  - name: web\n"
                     "    image: nginx:1.25\n    ports: [80, 0443]\n")});
}
BENCHMARK(BM_YamlUnmarshal);

}  // namespace

BENCHMARK_MAIN();
