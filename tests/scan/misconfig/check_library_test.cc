// SPDX-License-Identifier: Apache-2.0
//
// The bundled check library as data: every module compiles, every check has
// its metadata and unit tests, and every `test_*` rule passes when run
// through the engine (what `rampart test policies/` runs).
#include "scan/misconfig/check_library.h"

#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "rampart/scan/misconfig/bundled_policies.h"

namespace rampart::scan::misconfig {
namespace {

std::shared_ptr<const rego::Policy> compile_bundled(bool with_tests) {
  rego::Compiler compiler;
  for (const PolicySource& source : bundled_sources(with_tests)) {
    compiler.add_module(source.file, source.text);
  }
  auto compiled = compiler.compile();
  if (auto* errors = std::get_if<rego::RegoErrors>(&compiled)) {
    for (const auto& error : *errors) ADD_FAILURE() << error.to_string();
    return nullptr;
  }
  return std::get<std::shared_ptr<const rego::Policy>>(compiled);
}

TEST(CheckLibrary, EveryBundledUnitTestPasses) {
  auto policy = compile_bundled(true);
  ASSERT_NE(policy, nullptr);
  int passed = 0;
  for (const std::string& rule : policy->rules()) {
    std::string name = rule.substr(rule.rfind('.') + 1);
    if (!name.starts_with("test_")) continue;
    auto prepared = policy->prepare(rule);
    auto* query =
        std::get_if<std::shared_ptr<const rego::PreparedQuery>>(&prepared);
    ASSERT_NE(query, nullptr) << rule;
    rego::EvalResult result = (*query)->evaluate({});
    bool ok = result.ok() && result.rows.size() == 1 &&
              result.rows[0].expressions.size() == 1 &&
              result.rows[0].expressions[0].value == Value::boolean(true);
    EXPECT_TRUE(ok) << rule << " failed"
                    << (result.ok() ? "" : ": " + result.errors[0].to_string());
    passed += ok;
  }
  EXPECT_GE(passed, 140);
}

TEST(CheckLibrary, EveryCheckHasMetadataAndTests) {
  auto library = load_checks({});
  ASSERT_TRUE(library.is_ok()) << library.status().to_string();
  auto with_tests = compile_bundled(true);
  ASSERT_NE(with_tests, nullptr);
  std::vector<std::string> rules = with_tests->rules();

  std::set<std::string> ids;
  int kubernetes = 0;
  int docker = 0;
  for (const LoadedCheck& check : library->checks) {
    const CheckInfo& info = check.info;
    EXPECT_TRUE(ids.insert(info.id).second) << "duplicate id " << info.id;
    EXPECT_FALSE(info.title.empty()) << info.id;
    EXPECT_FALSE(info.description.empty()) << info.id;
    EXPECT_FALSE(info.remediation.empty()) << info.id;
    EXPECT_FALSE(info.references.empty()) << info.id;
    EXPECT_NE(info.severity, Severity::kUnknown) << info.id;
    kubernetes += info.id.starts_with("RP-K8S-");
    docker += info.id.starts_with("RP-DF-");

    // Its test package has at least two tests (one denies, one allows).
    std::string package = info.query.substr(0, info.query.size() - 5);
    int tests = 0;
    for (const std::string& rule : rules) {
      tests += rule.starts_with(package + "_test.test_");
    }
    EXPECT_GE(tests, 2) << info.id << " (" << package << ")";
  }
  EXPECT_GE(kubernetes, 45);
  EXPECT_GE(docker, 15);
}

TEST(CheckLibrary, CatalogueListsEveryCheck) {
  auto library = load_checks({});
  ASSERT_TRUE(library.is_ok());
  std::ifstream in(std::string(RAMPART_SOURCE_DIR) + "/docs/checks.md");
  std::string catalogue((std::istreambuf_iterator<char>(in)),
                        std::istreambuf_iterator<char>());
  for (const LoadedCheck& check : library->checks) {
    EXPECT_NE(catalogue.find("| " + check.info.id + " |"), std::string::npos)
        << check.info.id << " missing from docs/checks.md";
  }
}

TEST(CheckLibrary, DisablesChecksAndOverridesSeverity) {
  MisconfigOptions options;
  options.disabled_checks = {"RP-K8S-001"};
  options.severity_overrides["RP-K8S-023"] = Severity::kHigh;
  auto library = load_checks(options);
  ASSERT_TRUE(library.is_ok());
  for (const LoadedCheck& check : library->checks) {
    EXPECT_NE(check.info.id, "RP-K8S-001");
    if (check.info.id == "RP-K8S-023") {
      EXPECT_EQ(check.info.severity, Severity::kHigh);
    }
  }
}

// A folder of user policies written for the test.
class UserPolicies : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("rampart-misconfig-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }

  Result<CheckLibrary> load() {
    MisconfigOptions options;
    options.use_bundled_checks = false;
    options.policy_dirs = {dir_.string()};
    return load_checks(options);
  }

  std::filesystem::path dir_;
};

TEST_F(UserPolicies, LoadsV0AndV1PoliciesSideBySide) {
  write("seed.rego",
        "package main\n\ndeny[msg] {\n  input.kind == \"Pod\"\n"
        "  msg := \"no pods\"\n}\n");
  write("modern.rego",
        "package main.modern\n\nwarn contains msg if {\n"
        "  input.kind == \"Pod\"\n  msg := \"pods are old\"\n}\n");
  MisconfigOptions options;
  options.use_bundled_checks = false;
  options.policy_dirs = {dir_.string()};
  options.namespaces = {"*"};
  auto library = load_checks(options);
  ASSERT_TRUE(library.is_ok()) << library.status().to_string();
  std::set<std::string> ids;
  for (const auto& check : library->checks) ids.insert(check.info.id);
  EXPECT_EQ(ids, (std::set<std::string>{"main.deny", "main.modern.warn"}));
}

TEST_F(UserPolicies, ParseErrorNamesFileLineAndColumn) {
  write("bad.rego", "package main\n\ndeny contains msg if {\n  msg := \n}\n");
  auto library = load();
  ASSERT_FALSE(library.is_ok());
  const SourceLocation& where = library.status().location();
  EXPECT_EQ(where.file, (dir_ / "bad.rego").string());
  EXPECT_GT(where.line, 2);
  EXPECT_GT(where.column, 0);
  EXPECT_NE(library.status().message().find("rego_parse_error"),
            std::string::npos);
}

TEST_F(UserPolicies, CompileErrorStopsLoading) {
  write("unsafe.rego",
        "package main\n\ndeny contains msg if {\n"
        "  x == 1\n  msg := \"x\"\n}\n");
  auto library = load();
  ASSERT_FALSE(library.is_ok());
  EXPECT_EQ(library.status().location().line, 4);
}

TEST_F(UserPolicies, MetadataSetsIdTitleAndSeverity) {
  write("labels.rego",
        "package main\n\n# METADATA\n# title: Owner label required\n"
        "# custom:\n#   id: ACME-001\n#   severity: MEDIUM\n"
        "deny contains msg if {\n  not input.metadata.labels.owner\n"
        "  msg := \"no owner\"\n}\n");
  auto library = load();
  ASSERT_TRUE(library.is_ok()) << library.status().to_string();
  ASSERT_EQ(library->checks.size(), 1u);
  EXPECT_EQ(library->checks[0].info.id, "ACME-001");
  EXPECT_EQ(library->checks[0].info.title, "Owner label required");
  EXPECT_EQ(library->checks[0].info.severity, Severity::kMedium);
}

TEST_F(UserPolicies, AdmissionPoliciesAreMarkedForWrapping) {
  write("admission.rego",
        "package main\n\ndeny[msg] {\n  input.request.kind.kind == \"Pod\"\n"
        "  msg := \"x\"\n}\n");
  auto library = load();
  ASSERT_TRUE(library.is_ok()) << library.status().to_string();
  ASSERT_EQ(library->checks.size(), 1u);
  EXPECT_TRUE(library->checks[0].info.admission_review);
}

TEST_F(UserPolicies, MissingFolderIsAnError) {
  MisconfigOptions options;
  options.policy_dirs = {(dir_ / "nope").string()};
  auto library = load_checks(options);
  ASSERT_FALSE(library.is_ok());
  EXPECT_EQ(library.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace rampart::scan::misconfig
