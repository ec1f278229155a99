// SPDX-License-Identifier: Apache-2.0
//
// Runs the built rampart binary as a user would and checks exit codes and
// the one-line error contract.
#include <array>
#include <cstdio>
#include <string>

#include <gtest/gtest.h>

namespace {

struct Outcome {
  int exit_code;
  std::string output;
};

// Runs `rampart <args>` with stderr folded into the captured output.
Outcome run_rampart(const std::string& args) {
  std::string command =
      std::string(RAMPART_BINARY_DIR) + "/bin/rampart " + args + " 2>&1";
  Outcome outcome{-1, ""};
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return outcome;
  std::array<char, 4096> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe) != nullptr) {
    outcome.output += buffer.data();
  }
  int status = pclose(pipe);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return outcome;
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
