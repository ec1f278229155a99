// SPDX-License-Identifier: Apache-2.0
//
// `rampart test`: runs every rule named test_* in the loaded modules, as
// `opa test` does. A test passes when its value is defined and not false;
// rules named todo_* are reported as skipped. Prints failures (every test
// with -v) grouped by file, then the PASS/FAIL/ERROR counts; exits 1 when
// any test fails or errors, 2 when the policies do not compile.
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "rampart/rego/engine.h"
#include "rampart/rego/loader.h"

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/rego_output.h"

namespace rampart::cli {
namespace {

struct TestFlags {
  std::vector<std::string> paths;
  bool verbose = false;
  std::string run;
  bool v0_compatible = false;
  int timeout_ms = 5000;
};

enum class Outcome { kPass, kFail, kError, kSkip };

struct TestResult {
  std::string name;
  std::string file;
  Outcome outcome = Outcome::kPass;
  std::string detail;
  double micros = 0;
};

std::string last_segment(const std::string& path) {
  return path.substr(path.rfind('.') + 1);
}

std::string duration_text(double micros) {
  char text[32];
  if (micros < 1000) {
    std::snprintf(text, sizeof text, "%.0fµs", micros);
  } else {
    std::snprintf(text, sizeof text, "%.1fms", micros / 1000);
  }
  return text;
}

TestResult run_one(const rego::Policy& policy, const std::string& name,
                   const TestFlags& flags) {
  TestResult test;
  test.name = name;
  test.file = policy.rule_location(name).file;
  if (last_segment(name).rfind("todo_", 0) == 0) {
    test.outcome = Outcome::kSkip;
    return test;
  }
  auto started = std::chrono::steady_clock::now();
  auto prepared = policy.prepare(name);
  if (auto* errors = std::get_if<rego::RegoErrors>(&prepared)) {
    test.outcome = Outcome::kError;
    test.detail = errors_text(*errors);
    return test;
  }
  rego::EvalOptions options;
  options.limits.deadline = std::chrono::milliseconds(flags.timeout_ms);
  options.print = [&test](std::string_view line) {
    test.detail += std::string(line) + "\n";
  };
  rego::EvalResult result =
      std::get<std::shared_ptr<const rego::PreparedQuery>>(prepared)->evaluate(
          options);
  test.micros = std::chrono::duration<double, std::micro>(
                    std::chrono::steady_clock::now() - started)
                    .count();
  if (!result.ok()) {
    test.outcome = Outcome::kError;
    test.detail += errors_text(result.errors);
    return test;
  }
  bool passed = false;
  for (const rego::ResultRow& row : result.rows) {
    const Value& value = row.expressions.front().value;
    if (!(value.is_boolean() && !value.as_boolean())) passed = true;
  }
  test.outcome = passed ? Outcome::kPass : Outcome::kFail;
  return test;
}

void print_report(const std::vector<TestResult>& results, bool verbose) {
  static const char* kNames[] = {"PASS", "FAIL", "ERROR", "SKIPPED"};
  std::map<std::string, std::vector<const TestResult*>> by_file;
  for (const TestResult& test : results) {
    if (verbose || test.outcome == Outcome::kFail ||
        test.outcome == Outcome::kError) {
      by_file[test.file].push_back(&test);
    }
  }
  for (const auto& [file, tests] : by_file) {
    std::printf("%s:\n", file.c_str());
    for (const TestResult* test : tests) {
      std::printf("%s: %s (%s)\n", test->name.c_str(),
                  kNames[static_cast<int>(test->outcome)],
                  duration_text(test->micros).c_str());
      if (!test->detail.empty()) {
        std::printf("\n  %s\n", test->detail.c_str());
      }
    }
  }
  if (!by_file.empty()) std::printf("%s\n", std::string(80, '-').c_str());

  int counts[4] = {0, 0, 0, 0};
  for (const TestResult& test : results) {
    ++counts[static_cast<int>(test.outcome)];
  }
  for (int i = 0; i < 4; ++i) {
    if (counts[i] > 0 || (i == 0 && results.empty())) {
      std::printf("%s: %d/%zu\n", kNames[i], counts[i], results.size());
    }
  }
}

int run_tests(const TestFlags& flags) {
  auto loaded = rego::load_policy_paths(flags.paths);
  if (!loaded) return fail(loaded.status().to_string());
  auto compiled = compile_loaded(*loaded, flags.v0_compatible);
  if (auto* errors = std::get_if<rego::RegoErrors>(&compiled)) {
    std::fputs(errors_text(*errors).c_str(), stderr);
    return kExitError;
  }
  const auto& policy = *std::get<std::shared_ptr<const rego::Policy>>(compiled);

  std::unique_ptr<RE2> filter;
  if (!flags.run.empty()) {
    filter = std::make_unique<RE2>(flags.run, RE2::Quiet);
    if (!filter->ok()) return fail("--run: " + filter->error());
  }
  std::vector<TestResult> results;
  for (const std::string& name : policy.rules()) {
    std::string leaf = last_segment(name);
    if (leaf.rfind("test_", 0) != 0 && leaf.rfind("todo_", 0) != 0) continue;
    if (filter && !RE2::PartialMatch(name, *filter)) continue;
    results.push_back(run_one(policy, name, flags));
  }
  print_report(results, flags.verbose);
  for (const TestResult& test : results) {
    if (test.outcome == Outcome::kFail || test.outcome == Outcome::kError) {
      return kExitFindings;
    }
  }
  return kExitOk;
}

}  // namespace

CommandRunner add_test_command(CLI::App& root) {
  auto flags = std::make_shared<TestFlags>();
  CLI::App* app = root.add_subcommand(
      "test", "run Rego unit tests (test_* rules), as 'opa test' does");
  app->add_option("paths", flags->paths, "policy and data files or folders")
      ->required();
  app->add_flag("-v,--verbose", flags->verbose, "list every test");
  app->add_option("-r,--run", flags->run,
                  "run only tests whose name matches this regex");
  app->add_flag("--v0-compatible", flags->v0_compatible,
                "parse modules as Rego v0 unless they import rego.v1");
  app->add_option("-t,--timeout-ms", flags->timeout_ms,
                  "deadline per test in milliseconds");
  return [flags] { return run_tests(*flags); };
}

}  // namespace rampart::cli
