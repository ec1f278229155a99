// SPDX-License-Identifier: Apache-2.0
//
// Tests for the rule-file parser and the built-in rule set.
#include "rampart/scan/secret/rules.h"

#include <set>

#include <gtest/gtest.h>

namespace rampart::scan::secret {
namespace {

TEST(SecretRules, BuiltinRulesParseAndNumberAtLeast150) {
  auto rules = parse_rules(builtin_rules_text(), "builtin");
  ASSERT_TRUE(rules.is_ok()) << rules.status().to_string();
  EXPECT_GE(rules->size(), 150u);
}

TEST(SecretRules, ParsesEveryField) {
  auto rules = parse_rules(
      "# comment\n"
      "[demo-key]\n"
      "title = Demo key\n"
      "severity = low\n"
      "keywords = demo_, Other\n"
      "regex = \\b(demo_[a-z]{8})\\b\n"
      "group = 1\n"
      "entropy = 2.5\n"
      "validator = jwt\n"
      "window = 128\n"
      "multiline = true\n"
      "priority = 7\n"
      "remediation = Rotate it.\n",
      "test.rules");
  ASSERT_TRUE(rules.is_ok()) << rules.status().to_string();
  ASSERT_EQ(rules->size(), 1u);
  const SecretRule& rule = rules->front();
  EXPECT_EQ(rule.id, "demo-key");
  EXPECT_EQ(rule.severity, Severity::kLow);
  EXPECT_EQ(rule.keywords, (std::vector<std::string>{"demo_", "other"}));
  EXPECT_EQ(rule.group, 1);
  EXPECT_DOUBLE_EQ(rule.entropy, 2.5);
  EXPECT_EQ(rule.window, 128);
  EXPECT_TRUE(rule.multiline);
  EXPECT_EQ(rule.priority, 7);
  EXPECT_EQ(rule.remediation, "Rotate it.");
}

TEST(SecretRules, ReportsErrorsWithFileAndLine) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"title = x\n", "test.rules:1: 'key = value' before the first [rule-id]"},
      {"[Bad Id]\n",
       "test.rules:1: rule id must match [a-z0-9][a-z0-9._-]* "
       "(128 at most)"},
      {"[a]\ntitle = t\nkeywords = abc\nregex = (\n",
       "test.rules:1: rule 'a': bad regex: missing ): ("},
      {"[a]\ntitle = t\ntitle = u\n", "test.rules:3: 'title' given twice"},
      {"[a]\ncolour = red\n", "test.rules:2: unknown key 'colour'"},
      {"[a]\ntitle = t\nkeywords = ab\nregex = x\n",
       "test.rules:1: keyword 'ab' is shorter than 3 characters"},
      {"[a]\ntitle = t\nregex = x\n", "test.rules:1: rule 'a' has no keywords"},
      {"[a]\nentropy = 9.5\n", "test.rules:2: bad value for 'entropy'"},
      {"[a]\nvalidator = magic\n", "test.rules:2: unknown validator 'magic'"},
      {"[a]\ntitle = t\nkeywords = abc\nregex = x\n[a]\n",
       "test.rules:5: duplicate rule id 'a'"},
      {"just words\n", "test.rules:1: expected '[rule-id]' or 'key = value'"},
  };
  for (const auto& c : cases) {
    auto rules = parse_rules(c.text, "test.rules");
    ASSERT_FALSE(rules.is_ok()) << c.text;
    EXPECT_EQ(rules.status().to_string(), c.message) << c.text;
  }
}

TEST(SecretRules, RejectsOverlongLines) {
  std::string text = "[a]\ntitle = " + std::string(kMaxRuleLine, 'x') + "\n";
  auto rules = parse_rules(text, "big.rules");
  ASSERT_FALSE(rules.is_ok());
  EXPECT_EQ(rules.status().code(), StatusCode::kParseError);
}

TEST(SecretRules, BuiltinRulesHaveUniqueIdsAndTitles) {
  auto rules = parse_rules(builtin_rules_text(), "builtin");
  ASSERT_TRUE(rules.is_ok());
  std::set<std::string> titles;
  for (const auto& rule : *rules) {
    EXPECT_TRUE(titles.insert(rule.title).second) << rule.id;
    EXPECT_NE(rule.severity, Severity::kUnknown) << rule.id;
  }
}

}  // namespace
}  // namespace rampart::scan::secret
