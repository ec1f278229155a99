// SPDX-License-Identifier: Apache-2.0
//
// Runs the built rampart binary as a user would and checks exit codes and
// the one-line error contract.
#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

namespace {

struct Outcome {
  int exit_code;
  std::string output;
};

// Runs a shell command, capturing stdout and stderr together.
Outcome run_shell(const std::string& command) {
  Outcome outcome{-1, ""};
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return outcome;
  std::array<char, 4096> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe) != nullptr) {
    outcome.output += buffer.data();
  }
  int status = pclose(pipe);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return outcome;
}

// Runs `rampart <args>`.
Outcome run_rampart(const std::string& args) {
  return run_shell(std::string(RAMPART_BINARY_DIR) + "/bin/rampart " + args);
}

TEST(Cli, VersionPrintsNameAndVersion) {
  Outcome outcome = run_rampart("--version");
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(outcome.output.rfind("rampart ", 0), 0u) << outcome.output;
}

TEST(Cli, HelpListsEverySubcommand) {
  Outcome outcome = run_rampart("--help");
  EXPECT_EQ(outcome.exit_code, 0);
  for (const char* name :
       {"eval", "test", "scan", "db", "serve", "verify", "audit"}) {
    EXPECT_NE(outcome.output.find(name), std::string::npos) << name;
  }
}

TEST(Cli, SubcommandHelpExitsZero) {
  EXPECT_EQ(run_rampart("scan --help").exit_code, 0);
  EXPECT_EQ(run_rampart("eval --help").exit_code, 0);
}

TEST(Cli, UnknownFlagIsAUsageErrorOnOneLine) {
  Outcome outcome = run_rampart("--no-such-flag");
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_EQ(outcome.output.rfind("rampart: ", 0), 0u) << outcome.output;
  EXPECT_EQ(outcome.output.find('\n'), outcome.output.size() - 1)
      << outcome.output;
}

TEST(Cli, MissingSubcommandIsAUsageError) {
  EXPECT_EQ(run_rampart("").exit_code, 2);
}

TEST(Cli, UnknownCommandIsNamed) {
  Outcome outcome = run_rampart("scna .");
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_EQ(outcome.output,
            "rampart: unknown command 'scna' (see 'rampart --help')\n");
}

}  // namespace

namespace {

// The seed-era admission rule lives in package kubernetes.admission; a user
// names that package with --namespace and scans a Pod from stdin, wrapped
// as an AdmissionReview for policies that read input.request.
TEST(Cli, ScanRunsUserPoliciesInTheNamedNamespace) {
  std::string pod =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n"
      "  containers:\n  - name: a\n    image: nginx:1.25\n";
  std::string command = "printf '" + pod + "' | " +
                        std::string(RAMPART_BINARY_DIR) +
                        "/bin/rampart scan - --scanners misconfig --format "
                        "json --policy " +
                        std::string(RAMPART_SOURCE_DIR) +
                        "/tests/data/policies/seed --namespace "
                        "kubernetes.admission 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  std::array<char, 4096> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe) != nullptr) {
    output += buffer.data();
  }
  int status = pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 1) << output;
  EXPECT_NE(output.find("Containers must not run as root"), std::string::npos)
      << output;
}

}  // namespace

namespace {

// A policy folder for the opa-eval flag tests: package authz with one rule,
// a helper library, and a data file two folders down.
class EvalFlags : public ::testing::Test {
 protected:
  void SetUp() override {
    // One folder per test: ctest runs the tests of this file in parallel.
    dir_ = std::string(RAMPART_BINARY_DIR) + "/cli-eval-flags-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::string script =
        "rm -rf " + dir_ + " && mkdir -p " + dir_ + "/bundle/lib && cd " +
        dir_ +
        " && printf 'package authz\\nimport rego.v1\\nallow if input.user == "
        "\"alice\"\\n' > authz.rego"
        " && printf 'package lib.util\\nimport rego.v1\\ndouble(x) := x * 2\\n'"
        " > util.rego"
        " && printf '{\"roles\": [\"admin\"]}' > bundle/lib/data.json";
    ASSERT_EQ(std::system(script.c_str()), 0);
  }

  Outcome eval(const std::string& args, const std::string& stdin_text = "") {
    std::string feed =
        stdin_text.empty() ? "" : "printf '" + stdin_text + "' | ";
    return run_shell("cd " + dir_ + " && " + feed +
                     std::string(RAMPART_BINARY_DIR) + "/bin/rampart eval " +
                     args);
  }

  std::string dir_;
};

// `-d FILE QUERY`: a repeatable flag takes one value, as in opa.
TEST_F(EvalFlags, RepeatableFlagsLeaveTheQueryPositional) {
  Outcome outcome = eval("-d authz.rego -d util.rego -f raw data.lib.util");
  EXPECT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_EQ(outcome.output, "{}\n");
}

TEST_F(EvalFlags, PackageAndImportSetTheQuerysScope) {
  EXPECT_EQ(eval("-d authz.rego --package authz -f raw -I allow",
                 "{\"user\":\"alice\"}")
                .output,
            "true\n");
  EXPECT_EQ(eval("-d util.rego --import data.lib.util -f raw 'util.double(21)'")
                .output,
            "42\n");
  Outcome bad = eval("--import 'bogus.path' 1");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("rego_parse_error"), std::string::npos)
      << bad.output;
}

TEST_F(EvalFlags, BundleFoldersAndQueriesFromStdin) {
  Outcome outcome = eval("-b bundle --stdin -f raw", "data.lib.roles");
  EXPECT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_EQ(outcome.output, "[\"admin\"]\n");
  Outcome packed = eval("-b policy.tar.gz 1");
  EXPECT_EQ(packed.exit_code, 2);
  EXPECT_NE(packed.output.find("unpack it"), std::string::npos)
      << packed.output;
  EXPECT_EQ(eval("--stdin 1", "2").exit_code, 2);
}

TEST_F(EvalFlags, FailNonEmptyGatesOnEmptyCollections) {
  EXPECT_EQ(eval("--fail-non-empty -f discard '[]'").exit_code, 0);
  EXPECT_EQ(eval("--fail-non-empty -f discard 'set()'").exit_code, 0);
  Outcome nonempty = eval("--fail-non-empty -f discard '[1]'");
  EXPECT_EQ(nonempty.exit_code, 1);
  EXPECT_EQ(nonempty.output, "");
}

TEST_F(EvalFlags, TimeoutTakesGoDurations) {
  EXPECT_EQ(eval("--timeout 1m30s -f raw 1+1").output, "2\n");
  Outcome bad = eval("--timeout 5x 1");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("not a duration: 5x"), std::string::npos)
      << bad.output;
}

}  // namespace
