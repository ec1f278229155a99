// SPDX-License-Identifier: Apache-2.0
//
// `rampart eval`: evaluates a Rego query over policies, data and input,
// with opa eval's flags and output. Compile and evaluation errors print in
// OPA's error shape on stdout (as opa does with --format json) and exit 2.
#include <cstdio>
#include <string>
#include <vector>

#include "rampart/base/file.h"
#include "rampart/document/json.h"
#include "rampart/document/yaml.h"
#include "rampart/rego/engine.h"
#include "rampart/rego/loader.h"

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/rego_output.h"

namespace rampart::cli {
namespace {

struct EvalFlags {
  std::vector<std::string> data;
  std::string input;
  bool stdin_input = false;
  std::string format = "json";
  bool strict_builtin_errors = false;
  bool v0_compatible = false;
  bool fail = false;
  bool fail_defined = false;
  int timeout_ms = 0;
  std::string query;
};

Result<Value> read_input(const EvalFlags& flags) {
  if (flags.stdin_input) {
    auto text = read_stdin();
    if (!text) return text.status();
    auto json = parse_json(*text, "<stdin>");
    if (json) return json;
    return parse_yaml_value(*text, "<stdin>");
  }
  return rego::load_document(flags.input);
}

void print_errors(const rego::RegoErrors& errors, const std::string& format) {
  std::string text =
      format == "json" ? errors_json(errors) : errors_text(errors);
  std::fputs(text.c_str(), format == "json" ? stdout : stderr);
}

int run_eval(const EvalFlags& flags) {
  auto loaded = rego::load_policy_paths(flags.data);
  if (!loaded) return fail(loaded.status().to_string());

  auto policy = compile_loaded(*loaded, flags.v0_compatible);
  if (auto* errors = std::get_if<rego::RegoErrors>(&policy)) {
    print_errors(*errors, flags.format);
    return kExitError;
  }

  const auto& compiled = std::get<std::shared_ptr<const rego::Policy>>(policy);
  keep_until_exit(compiled);
  auto prepared = compiled->prepare(flags.query);
  if (auto* errors = std::get_if<rego::RegoErrors>(&prepared)) {
    print_errors(*errors, flags.format);
    return kExitError;
  }

  rego::EvalOptions eval;
  if (!flags.input.empty() || flags.stdin_input) {
    auto input = read_input(flags);
    if (!input) return fail(input.status().to_string());
    eval.input = std::move(*input);
    eval.has_input = true;
  }
  eval.strict_builtin_errors = flags.strict_builtin_errors;
  eval.limits.deadline = std::chrono::milliseconds(flags.timeout_ms);
  eval.print = [](std::string_view line) {
    std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()), line.data());
  };

  rego::EvalResult result =
      std::get<std::shared_ptr<const rego::PreparedQuery>>(prepared)->evaluate(
          eval);
  if (!result.ok()) {
    print_errors(result.errors, flags.format);
    return kExitError;
  }
  std::string text = flags.format == "json"
                         ? result_json(result)
                         : result_in_format(result, flags.format);
  std::fputs(text.c_str(), stdout);

  if (flags.fail && result.rows.empty()) return kExitFindings;
  if (flags.fail_defined && !result.rows.empty()) return kExitFindings;
  return kExitOk;
}

}  // namespace

CommandRunner add_eval_command(CLI::App& root) {
  auto flags = std::make_shared<EvalFlags>();
  CLI::App* app =
      root.add_subcommand("eval", "evaluate a Rego query, as 'opa eval' does");
  app->add_option("-d,--data", flags->data,
                  "policy or data file, or a folder of them (repeatable)");
  app->add_option("-i,--input", flags->input, "input document (JSON/YAML)");
  app->add_flag("-I,--stdin-input", flags->stdin_input,
                "read the input document from stdin");
  app->add_option("-f,--format", flags->format,
                  "output format: json, pretty, raw, values, bindings")
      ->check(CLI::IsMember({"json", "pretty", "raw", "values", "bindings"}));
  app->add_flag("--strict-builtin-errors", flags->strict_builtin_errors,
                "treat built-in function errors as fatal");
  app->add_flag("--v0-compatible", flags->v0_compatible,
                "parse modules as Rego v0 unless they import rego.v1");
  app->add_flag("--fail", flags->fail, "exit 1 when the result is undefined");
  app->add_flag("--fail-defined", flags->fail_defined,
                "exit 1 when the result is defined");
  app->add_option("--timeout-ms", flags->timeout_ms,
                  "evaluation deadline in milliseconds (0: none)");
  app->add_option("query", flags->query, "the Rego query")->required();
  return [flags] { return run_eval(*flags); };
}

}  // namespace rampart::cli
