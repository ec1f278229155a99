// SPDX-License-Identifier: Apache-2.0
#include "rampart/scan/config.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scan/temp_tree.h"

namespace rampart::scan {
namespace {

TEST(ParseConfig, ReadsEverySection) {
  auto config = parse_config(R"(version: 1
scanners: [secret, vuln]
severity-threshold: medium
skip:
  paths: ["test/**"]
  dirs: [third_party]
  defaults: false
  gitignore: false
max-file-size: 1000
rules:
  RP-1: {severity: LOW}
  RP-2: {enabled: false}
policies: [policy]
secret:
  allow-paths: ["docs/**"]
  allow-rules: [jwt]
  allow-regexes: ["^AKIA0"]
  allow-fingerprints: [abc123]
  allow-values: [AKIAIOSFODNN7EXAMPLE]
  rules-file: acme.rules
  history: true
vuln: {db: store.db, offline: true}
ignore-file: .ignore
)",
                             "rampart.yaml");
  ASSERT_TRUE(config.is_ok()) << config.status().to_string();
  EXPECT_EQ(config->scanners, (std::vector<std::string>{"secret", "vuln"}));
  EXPECT_EQ(config->severity_threshold, Severity::kMedium);
  EXPECT_EQ(config->skip_paths, (std::vector<std::string>{"test/**"}));
  EXPECT_EQ(config->skip_dirs, (std::vector<std::string>{"third_party"}));
  EXPECT_FALSE(config->default_skips);
  EXPECT_FALSE(config->gitignore);
  EXPECT_EQ(config->max_file_size, 1000u);
  EXPECT_EQ(config->rules.at("RP-1").severity, Severity::kLow);
  EXPECT_FALSE(config->rules.at("RP-2").enabled);
  EXPECT_EQ(config->policy_dirs, (std::vector<std::string>{"policy"}));
  EXPECT_EQ(config->secret.allow_rules, (std::vector<std::string>{"jwt"}));
  EXPECT_EQ(config->secret.allow_fingerprints.size(), 1u);
  EXPECT_EQ(config->secret.allow_values,
            (std::vector<std::string>{"AKIAIOSFODNN7EXAMPLE"}));
  EXPECT_EQ(config->secret.rules_file, "acme.rules");
  EXPECT_TRUE(config->secret.history);
  EXPECT_EQ(disabled_rule_ids(*config), (std::vector<std::string>{"RP-2"}));
  EXPECT_EQ(config->db_path, "store.db");
  EXPECT_EQ(config->offline, true);
  EXPECT_EQ(config->ignore_file, ".ignore");
}

TEST(ParseConfig, EmptyFileGivesDefaults) {
  auto config = parse_config("# nothing yet\n", "rampart.yaml");
  ASSERT_TRUE(config.is_ok());
  EXPECT_TRUE(config->scanners.empty());
  EXPECT_TRUE(config->default_skips);
}

TEST(ParseConfig, ErrorsNameFileAndLine) {
  auto unknown = parse_config("version: 1\nscaners: [secret]\n", "r.yaml");
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_EQ(unknown.status().to_string(),
            "r.yaml:2:1: unknown key 'scaners' in rampart.yaml");

  auto severity = parse_config("severity-threshold: SEVERE\n", "r.yaml");
  ASSERT_FALSE(severity.is_ok());
  EXPECT_EQ(severity.status().to_string(),
            "r.yaml:1:1: 'severity-threshold' must be one of UNKNOWN, LOW, "
            "MEDIUM, HIGH, CRITICAL");

  auto nested = parse_config("rules:\n  RP-1:\n    severty: LOW\n", "r.yaml");
  ASSERT_FALSE(nested.is_ok());
  EXPECT_EQ(nested.status().to_string(),
            "r.yaml:3:5: unknown key 'severty' in rule 'RP-1'");

  auto scanner = parse_config("scanners: [secrets]\n", "r.yaml");
  ASSERT_FALSE(scanner.is_ok());
  EXPECT_EQ(scanner.status().to_string(),
            "r.yaml:1:1: unknown scanner 'secrets' (expected misconfig, "
            "secret or vuln)");

  auto type = parse_config("skip:\n  gitignore: maybe\n", "r.yaml");
  ASSERT_FALSE(type.is_ok());
  EXPECT_EQ(type.status().to_string(),
            "r.yaml:2:3: 'gitignore' must be true or false");
}

TEST(ParseConfig, SecretHistoryIsOffByDefaultAndMustBeABoolean) {
  auto absent = parse_config("secret:\n  allow-rules: [jwt]\n", "r.yaml");
  ASSERT_TRUE(absent.is_ok()) << absent.status().to_string();
  EXPECT_FALSE(absent->secret.history);

  auto wrong = parse_config("secret:\n  history: always\n", "r.yaml");
  ASSERT_FALSE(wrong.is_ok());
  EXPECT_EQ(wrong.status().to_string(),
            "r.yaml:2:3: 'history' must be true or false");
}

TEST(ParseConfig, SecretRulesFileMustBeOnePath) {
  auto config = parse_config("secret:\n  rules-file: [a.rules, b.rules]\n",
                             "rampart.yaml");
  ASSERT_FALSE(config.is_ok());
  EXPECT_EQ(config.status().to_string(),
            "rampart.yaml:2:3: 'rules-file' must be a string");
}

TEST(ParseConfig, BrokenYamlIsAParseError) {
  auto config = parse_config("skip: [unclosed\n", "r.yaml");
  ASSERT_FALSE(config.is_ok());
  EXPECT_EQ(config.status().location().file, "r.yaml");
  EXPECT_GT(config.status().location().line, 0);
}

TEST(LoadConfig, ResolvesPathsAgainstTheConfigFolder) {
  testing::TempTree tree;
  tree.write("proj/rampart.yaml",
             "policies: [policy, /abs]\nignore-file: .ig\n"
             "secret: {rules-file: rules/acme.rules}\n");
  auto config = load_config(tree.path("proj/rampart.yaml"));
  ASSERT_TRUE(config.is_ok()) << config.status().to_string();
  EXPECT_EQ(config->policy_dirs,
            (std::vector<std::string>{tree.path("proj/policy"), "/abs"}));
  EXPECT_EQ(config->ignore_file, tree.path("proj/.ig"));
  EXPECT_EQ(config->secret.rules_file, tree.path("proj/rules/acme.rules"));
  auto missing = load_config(tree.path("nope.yaml"));
  EXPECT_FALSE(missing.is_ok());
}

TEST(ApplyRuleOverrides, DropsDisabledAndRewritesSeverity) {
  ScanConfig config;
  config.rules["A"].severity = Severity::kLow;
  config.rules["B"].enabled = false;
  std::vector<Finding> findings(3);
  findings[0].rule_id = "A";
  findings[0].severity = Severity::kCritical;
  findings[1].rule_id = "B";
  findings[2].rule_id = "C";
  findings[2].severity = Severity::kHigh;
  apply_rule_overrides(config, findings);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].severity, Severity::kLow);
  EXPECT_EQ(findings[0].properties.at("original_severity"), "CRITICAL");
  EXPECT_EQ(findings[1].severity, Severity::kHigh);
}

}  // namespace
}  // namespace rampart::scan
