// SPDX-License-Identifier: Apache-2.0
//
// `rampart eval`: evaluates a Rego query over policies, data and input,
// with opa eval's flags and output. Of opa's flags, partial evaluation
// (--partial, --unknowns), --explain, --metrics, --profile, --coverage and
// --schema are not implemented; CLI11 refuses them as unknown options. Compile
// and evaluation errors print in OPA's error shape on stdout (as opa does with
// --format json) and exit 2.
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
  std::vector<std::string> bundles;
  std::string input;
  bool stdin_input = false;
  bool stdin_query = false;
  std::string package;
  std::vector<std::string> imports;
  std::string format = "json";
  bool strict_builtin_errors = false;
  bool v0_compatible = false;
  bool fail = false;
  bool fail_defined = false;
  bool fail_non_empty = false;
  int timeout_ms = 0;
  std::string timeout;
  std::string query;
};

// -d paths, then -b bundles. A bundle folder loads as -d does (data files
// under their folder's path); packed bundles are refused with a way out.
Result<std::vector<std::string>> policy_paths(const EvalFlags& flags) {
  std::vector<std::string> paths = flags.data;
  for (const std::string& bundle : flags.bundles) {
    bool packed = bundle.size() > 7 &&
                  (bundle.ends_with(".tar.gz") || bundle.ends_with(".tgz"));
    if (packed) {
      return Status(StatusCode::kUnsupported,
                    bundle +
                        ": packed bundles are not read; unpack it "
                        "(tar -xzf) and pass the folder to -b");
    }
    paths.push_back(bundle);
  }
  return paths;
}

// The query: the argument, or stdin with --stdin.
Result<std::string> query_text(const EvalFlags& flags) {
  if (flags.stdin_query && !flags.query.empty()) {
    return Status(StatusCode::kInvalidArgument,
                  "give the query as an argument or with --stdin, not both");
  }
  if (flags.stdin_query) {
    if (flags.stdin_input) {
      return Status(StatusCode::kInvalidArgument,
                    "--stdin and --stdin-input cannot both read stdin");
    }
    return read_stdin();
  }
  if (flags.query.empty()) {
    return Status(StatusCode::kInvalidArgument,
                  "a query is required (or --stdin)");
  }
  return flags.query;
}

// OPA's --fail-non-empty: some expression of some result holds a value
// other than an empty array, set or object.
bool has_non_empty_value(const rego::EvalResult& result) {
  for (const auto& row : result.rows) {
    for (const auto& expression : row.expressions) {
      const Value& v = expression.value;
      bool empty = (v.is_array() && v.array_items().empty()) ||
                   (v.is_set() && v.set_items().empty()) ||
                   (v.is_object() && v.object_entries().empty());
      if (!empty) return true;
    }
  }
  return false;
}

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

// Input, strictness, deadline and print() for one evaluation.
Result<rego::EvalOptions> eval_options(const EvalFlags& flags) {
  rego::EvalOptions eval;
  if (!flags.input.empty() || flags.stdin_input) {
    auto input = read_input(flags);
    if (!input) return input.status();
    eval.input = std::move(*input);
    eval.has_input = true;
  }

  long long timeout_ms = flags.timeout_ms;
  if (!flags.timeout.empty() && !parse_duration_ms(flags.timeout, timeout_ms)) {
    return Status(StatusCode::kInvalidArgument,
                  "--timeout: not a duration: " + flags.timeout);
  }
  eval.limits.deadline = std::chrono::milliseconds(timeout_ms);
  eval.strict_builtin_errors = flags.strict_builtin_errors;
  eval.print = [](std::string_view line) {
    std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()), line.data());
  };
  return eval;
}

// Prints the result in the chosen format and picks the exit code that
// --fail, --fail-defined and --fail-non-empty ask for.
int report_result(const rego::EvalResult& result, const EvalFlags& flags) {
  if (flags.format != "discard") {
    std::string text = flags.format == "json"
                           ? result_json(result)
                           : result_in_format(result, flags.format);
    std::fputs(text.c_str(), stdout);
  }

  if (flags.fail && result.rows.empty()) return kExitFindings;
  if (flags.fail_defined && !result.rows.empty()) return kExitFindings;
  if (flags.fail_non_empty && has_non_empty_value(result)) {
    return kExitFindings;
  }
  return kExitOk;
}

int run_eval(const EvalFlags& flags) {
  auto query = query_text(flags);
  if (!query) return fail(query.status().to_string());
  auto eval = eval_options(flags);
  if (!eval) return fail(eval.status().to_string());
  auto paths = policy_paths(flags);
  if (!paths) return fail(paths.status().to_string());

  auto loaded = rego::load_policy_paths(*paths);
  if (!loaded) return fail(loaded.status().to_string());
  auto policy = compile_loaded(*loaded, flags.v0_compatible);
  if (auto* errors = std::get_if<rego::RegoErrors>(&policy)) {
    print_errors(*errors, flags.format);
    return kExitError;
  }

  const auto& compiled = std::get<std::shared_ptr<const rego::Policy>>(policy);
  keep_until_exit(compiled);
  rego::QueryContext context{flags.package, flags.imports};
  auto prepared = compiled->prepare(*query, context);
  if (auto* errors = std::get_if<rego::RegoErrors>(&prepared)) {
    print_errors(*errors, flags.format);
    return kExitError;
  }

  rego::EvalResult result =
      std::get<std::shared_ptr<const rego::PreparedQuery>>(prepared)->evaluate(
          *eval);
  if (!result.ok()) {
    print_errors(result.errors, flags.format);
    return kExitError;
  }
  return report_result(result, flags);
}

}  // namespace

CommandRunner add_eval_command(CLI::App& root) {
  auto flags = std::make_shared<EvalFlags>();
  CLI::App* app =
      root.add_subcommand("eval", "evaluate a Rego query, as 'opa eval' does");
  app->add_option("-d,--data", flags->data,
                  "policy or data file, or a folder of them (repeatable)");
  app->add_option("-b,--bundle", flags->bundles,
                  "bundle folder, loaded as -d loads a folder (repeatable)");
  app->add_option("-i,--input", flags->input, "input document (JSON/YAML)");
  app->add_flag("-I,--stdin-input", flags->stdin_input,
                "read the input document from stdin");
  app->add_flag("--stdin", flags->stdin_query, "read the query from stdin");
  app->add_option("--package", flags->package,
                  "package the query is written in (bare names are its rules)");
  app->add_option("--import", flags->imports,
                  "import for the query, as in a module (repeatable)");
  app->add_option("-f,--format", flags->format,
                  "output format: json, pretty, raw, values, bindings, discard")
      ->check(CLI::IsMember(
          {"json", "pretty", "raw", "values", "bindings", "discard"}));
  app->add_flag("--strict-builtin-errors", flags->strict_builtin_errors,
                "treat built-in function errors as fatal");
  app->add_flag("--v0-compatible", flags->v0_compatible,
                "parse modules as Rego v0 unless they import rego.v1");
  app->add_flag("--fail", flags->fail, "exit 1 when the result is undefined");
  app->add_flag("--fail-defined", flags->fail_defined,
                "exit 1 when the result is defined");
  app->add_flag("--fail-non-empty", flags->fail_non_empty,
                "exit 1 when a result holds a value other than an empty "
                "array, set or object");
  app->add_option("--timeout", flags->timeout,
                  "evaluation deadline as a duration (\"5s\", \"250ms\"; "
                  "0: none)");
  app->add_option("--timeout-ms", flags->timeout_ms,
                  "evaluation deadline in milliseconds (0: none)");
  app->add_option("query", flags->query, "the Rego query");
  return [flags] { return run_eval(*flags); };
}

}  // namespace rampart::cli
