// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes evaluation: the input splits into a module and a query at the
// first NUL byte (or a fixed query when there is none); whatever compiles
// is evaluated under a step budget and a deadline, against a small input
// document. Errors are fine; crashes, hangs and leaks are not.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "rampart/document/json.h"
#include "rampart/rego/engine.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string module = text;
  std::string query = "data.fuzz";
  std::size_t split = text.find('\0');
  if (split != std::string::npos) {
    module = text.substr(0, split);
    query = text.substr(split + 1);
  }

  rampart::rego::Compiler compiler;
  compiler.add_module("fuzz.rego", module);
  auto compiled = compiler.compile();
  auto* policy =
      std::get_if<std::shared_ptr<const rampart::rego::Policy>>(&compiled);
  if (policy == nullptr) return 0;
  auto prepared = (*policy)->prepare(query);
  auto* ready =
      std::get_if<std::shared_ptr<const rampart::rego::PreparedQuery>>(
          &prepared);
  if (ready == nullptr) return 0;

  rampart::rego::EvalOptions options;
  options.input = *rampart::parse_json(
      R"({"request":{"kind":{"kind":"Pod"},"object":{"spec":{"containers":[{"name":"a","image":"x:latest"}]}}},"n":[1,2,3]})");
  options.has_input = true;
  options.limits.max_steps = 20000;
  options.limits.deadline = std::chrono::milliseconds(200);
  (void)(*ready)->evaluate(options);
  return 0;
}
