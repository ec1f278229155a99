// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes the text-parsing built-ins of the Rego engine (part A): sprintf
// format strings, glob patterns, regex.globs_match patterns, Go time
// layouts and values, durations, render_template templates and JSON
// patches. Input: one selector byte, then NUL-separated string arguments.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/rego/builtins.h"

#include "builtin_fuzz_input.h"

namespace {

using rampart::Value;
using rampart::fuzz::json_or_string;
using rampart::rego::BuiltinContext;
using rampart::rego::BuiltinRegistry;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size < 1 || size > 4096) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto p = rampart::fuzz::split_arguments(text, 4);
  std::vector<Value> args;
  const char* name = nullptr;
  switch (data[0] % 8) {
    case 0:
      name = "sprintf";
      args = {Value::string(p[0]), json_or_string(p[1])};
      if (!args[1].is_array()) args[1] = Value::array({args[1]});
      break;
    case 1:
      name = "glob.match";
      args = {Value::string(p[0]), json_or_string(p[1]), Value::string(p[2])};
      break;
    case 2:
      name = "regex.globs_match";
      args = {Value::string(p[0]), Value::string(p[1])};
      break;
    case 3:
      name = "time.parse_ns";
      args = {Value::string(p[0]), Value::string(p[1])};
      break;
    case 4:
      name = "time.parse_duration_ns";
      args = {Value::string(p[0])};
      break;
    case 5:
      name = "strings.render_template";
      args = {Value::string(p[0]), json_or_string(p[1])};
      break;
    case 6:
      name = "time.format";
      args = {Value::array(
          {Value::integer(static_cast<std::int64_t>(size * 1'000'000'007)),
           Value::string(p[1]), Value::string(p[0])})};
      break;
    default:
      name = "json.patch";
      args = {json_or_string(p[0]), json_or_string(p[1])};
      break;
  }
  const auto* decl = BuiltinRegistry::standard().find(name);
  BuiltinContext context;
  if (decl != nullptr) decl->function(args, context);
  return 0;
}
