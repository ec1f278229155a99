// SPDX-License-Identifier: Apache-2.0
//
// `rampart verify SUITE|DIR`: runs Gatekeeper test suites in the format of
// `gator verify` (include/rampart/admission/suite.h). Prints each failing
// case (every case with -v) as `opa test` lists tests, then the counts.
// Exit codes: 0 every case passed, 1 a case failed, 2 a suite could not
// run (unreadable file, broken template or constraint, bad assertion) or
// no suite was found; errors are single lines on stderr.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <re2/re2.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"

#if defined(RAMPART_HAVE_RAMPART_ADMISSION)
#include "rampart/admission/suite.h"
#endif

namespace rampart::cli {

#if defined(RAMPART_HAVE_RAMPART_ADMISSION)
namespace {

struct VerifyFlags {
  std::vector<std::string> paths;
  bool verbose = false;
  std::string run;
};

struct Counts {
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t skipped = 0;
  std::size_t errors = 0;
};

void print_case(const admission::CaseOutcome& outcome, bool verbose,
                Counts& counts) {
  if (outcome.skipped) {
    ++counts.skipped;
    if (verbose) fmt::print("SKIP  {}\n", outcome.name);
  } else if (outcome.passed) {
    ++counts.passed;
    if (verbose) fmt::print("ok    {}\n", outcome.name);
  } else {
    ++counts.failed;
    fmt::print("FAIL  {}\n      {}\n", outcome.name, outcome.failure);
  }
}

void print_counts(const Counts& counts) {
  std::size_t total =
      counts.passed + counts.failed + counts.skipped + counts.errors;
  fmt::print("{}\n", std::string(80, '-'));
  fmt::print("PASS: {}/{}\n", counts.passed, total);
  if (counts.failed > 0) fmt::print("FAIL: {}/{}\n", counts.failed, total);
  if (counts.skipped > 0) fmt::print("SKIPPED: {}/{}\n", counts.skipped, total);
  if (counts.errors > 0) fmt::print("ERROR: {}\n", counts.errors);
}

int run_verify(const VerifyFlags& flags) {
  std::unique_ptr<RE2> filter;
  if (!flags.run.empty()) {
    filter = std::make_unique<RE2>(flags.run, RE2::Quiet);
    if (!filter->ok()) return fail("--run: " + filter->error());
  }
  std::vector<std::filesystem::path> suites;
  for (const std::string& path : flags.paths) {
    auto found = admission::find_suites(path);
    if (!found) return fail(found.status().to_string());
    suites.insert(suites.end(), found->begin(), found->end());
  }
  if (suites.empty()) return fail("no Gatekeeper Suite found");

  Counts counts;
  for (const auto& suite : suites) {
    admission::SuiteOutcome outcome = admission::run_suite(suite);
    for (const Status& error : outcome.errors) {
      ++counts.errors;
      fmt::print(stderr, "rampart: {}\n", error.to_string());
    }
    for (const admission::CaseOutcome& one : outcome.cases) {
      if (filter && !RE2::PartialMatch(one.name, *filter)) continue;
      print_case(one, flags.verbose, counts);
    }
  }
  print_counts(counts);
  std::fflush(stdout);
  if (counts.errors > 0) return kExitError;
  return counts.failed > 0 ? kExitFindings : kExitOk;
}

}  // namespace

CommandRunner add_verify_command(CLI::App& root) {
  auto flags = std::make_shared<VerifyFlags>();
  CLI::App* app = root.add_subcommand(
      "verify",
      "run Gatekeeper test suites (gator verify format); exit 1 when a case "
      "fails");
  app->add_option("paths", flags->paths, "suite files or folders of suites")
      ->required();
  app->add_flag("-v,--verbose", flags->verbose, "list every case");
  app->add_option("-r,--run", flags->run,
                  "run only cases whose suite/test/case name matches this "
                  "regex");
  return [flags] { return run_verify(*flags); };
}

#else

// The admission library is left out of this build (RAMPART_EXCLUDE_DIRS).
CommandRunner add_verify_command(CLI::App& root) {
  root.add_subcommand("verify", "run Gatekeeper 'gator verify' test suites");
  return [] { return fail("'verify' is not available in this build"); };
}

#endif

}  // namespace rampart::cli
