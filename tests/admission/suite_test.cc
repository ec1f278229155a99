// SPDX-License-Identifier: Apache-2.0
//
// Gatekeeper test suites: the suites shipped in examples/gatekeeper and
// policies/gatekeeper pass, a wrong assertion fails with a reason, and
// broken suites are errors rather than passes.
#include "rampart/admission/suite.h"

#include <string>

#include <gtest/gtest.h>

#include "admission/test_files.h"

namespace rampart::admission {
namespace {

using testing::ScratchDir;

std::string source(const std::string& relative) {
  return std::string(RAMPART_SOURCE_DIR) + "/" + relative;
}

void expect_all_pass(const std::string& folder, std::size_t min_cases) {
  auto suites = find_suites(source(folder));
  ASSERT_TRUE(suites.is_ok()) << suites.status().to_string();
  ASSERT_FALSE(suites->empty());
  std::size_t cases = 0;
  for (const auto& suite : *suites) {
    SuiteOutcome outcome = run_suite(suite);
    for (const Status& error : outcome.errors)
      ADD_FAILURE() << error.to_string();
    for (const CaseOutcome& one : outcome.cases) {
      EXPECT_TRUE(one.passed) << one.name << ": " << one.failure;
      ++cases;
    }
  }
  EXPECT_GE(cases, min_cases);
}

TEST(GatorSuite, ExampleRequiredLabelsSuitePasses) {
  expect_all_pass("examples/gatekeeper", 5);
}

TEST(GatorSuite, BundledCheckSuitesPass) {
  expect_all_pass("policies/gatekeeper", 7);
}

// A suite in a scratch folder next to copies of the example's files.
std::filesystem::path scratch_suite(const ScratchDir& dir,
                                    const std::string& cases) {
  for (const char* name : {"template.yaml", "constraint.yaml", "allowed.yaml",
                           "disallowed.yaml"}) {
    std::filesystem::copy_file(
        source("examples/gatekeeper/required-labels/") + name,
        dir.path() / name);
  }
  return dir.write("suite.yaml",
                   "kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\n"
                   "tests:\n- template: template.yaml\n"
                   "  constraint: constraint.yaml\n  cases:\n" +
                       cases);
}

TEST(GatorSuite, WrongAssertionFailsWithReason) {
  ScratchDir dir;
  auto file =
      scratch_suite(dir,
                    "  - name: wrong\n    object: disallowed.yaml\n"
                    "    assertions:\n    - violations: 2\n"
                    "  - name: wrong-message\n"
                    "    object: disallowed.yaml\n"
                    "    assertions:\n    - message: nothing like it\n");
  SuiteOutcome outcome = run_suite(file);
  ASSERT_TRUE(outcome.errors.empty()) << outcome.errors[0].to_string();
  ASSERT_EQ(outcome.cases.size(), 2u);
  EXPECT_EQ(outcome.cases[0].name, "suite/test-1/wrong");
  EXPECT_FALSE(outcome.cases[0].passed);
  EXPECT_EQ(outcome.cases[0].failure,
            "expected violations: 2, got 1 matching violation; "
            "\"Deployment \"reports\" lacks the required labels "
            "[\"owner\"]\"");
  EXPECT_FALSE(outcome.cases[1].passed);
}

TEST(GatorSuite, SkippedCasesAreNotRun) {
  ScratchDir dir;
  auto file = scratch_suite(dir,
                            "  - name: later\n    skip: true\n"
                            "    object: missing.yaml\n"
                            "    assertions:\n    - violations: 2\n");
  SuiteOutcome outcome = run_suite(file);
  EXPECT_TRUE(outcome.errors.empty());
  ASSERT_EQ(outcome.cases.size(), 1u);
  EXPECT_TRUE(outcome.cases[0].skipped);
}

TEST(GatorSuite, BrokenInputIsAnError) {
  ScratchDir dir;
  auto file = scratch_suite(dir,
                            "  - name: no-object-file\n"
                            "    object: missing.yaml\n"
                            "    assertions:\n    - violations: 0\n"
                            "  - name: bad-regex\n    object: allowed.yaml\n"
                            "    assertions:\n    - message: \"(\"\n"
                            "  - name: bad-count\n    object: allowed.yaml\n"
                            "    assertions:\n    - violations: many\n"
                            "  - name: no-assertions\n"
                            "    object: allowed.yaml\n");
  SuiteOutcome outcome = run_suite(file);
  EXPECT_TRUE(outcome.cases.empty());
  EXPECT_EQ(outcome.errors.size(), 4u);

  dir.write("template.yaml",
            "apiVersion: templates.gatekeeper.sh/v1\n"
            "kind: ConstraintTemplate\nspec: {}\n");
  SuiteOutcome broken = run_suite(file);
  ASSERT_EQ(broken.errors.size(), 1u);
  EXPECT_NE(broken.errors[0].message().find("spec.crd.spec.names.kind"),
            std::string::npos)
      << broken.errors[0].to_string();
}

TEST(GatorSuite, FindsOnlySuiteFiles) {
  auto suites = find_suites(source("examples/gatekeeper"));
  ASSERT_TRUE(suites.is_ok());
  ASSERT_EQ(suites->size(), 1u);
  EXPECT_EQ((*suites)[0].filename(), "suite.yaml");
  EXPECT_FALSE(find_suites("/nonexistent/suites").is_ok());
}

}  // namespace
}  // namespace rampart::admission
