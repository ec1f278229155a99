// SPDX-License-Identifier: Apache-2.0
#include "rego/parser.h"

#include <gtest/gtest.h>

namespace rampart::rego {
namespace {

std::string first_error(std::string_view source, bool v0 = false) {
  ParsedModule parsed = parse_module("p.rego", source, v0);
  if (parsed.errors.empty()) return "";
  const RegoError& e = parsed.errors[0];
  return std::to_string(e.location.line) + ":" +
         std::to_string(e.location.column) + ": " + e.message;
}

TEST(RegoParser, ReadsRuleKindsOfRegoV1) {
  ParsedModule parsed = parse_module("p.rego", R"(package a.b

deny contains msg if { msg := "x" }
p.q[k] := v if { some k, v in {"a": 1} }
f(x) := y if { y := x }
default allow := false
allow if input.ok
)",
                                     false);
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0].message;
  const Module& m = *parsed.module;
  EXPECT_EQ(m.package, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(m.rules.size(), 5u);
  EXPECT_EQ(m.rules[0]->kind, RuleKind::kPartialSet);
  EXPECT_EQ(m.rules[1]->kind, RuleKind::kPartialObject);
  EXPECT_EQ(m.rules[2]->kind, RuleKind::kFunction);
  EXPECT_TRUE(m.rules[3]->is_default);
  EXPECT_EQ(m.rules[4]->kind, RuleKind::kComplete);
}

TEST(RegoParser, ReadsV0PartialSetsAndObjects) {
  ParsedModule parsed = parse_module("p.rego", R"(package a
deny[msg] { msg := "x" }
labels[k] = v { v := input.l[k] }
)",
                                     true);
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0].message;
  EXPECT_EQ(parsed.module->rules[0]->kind, RuleKind::kPartialSet);
  EXPECT_EQ(parsed.module->rules[1]->kind, RuleKind::kPartialObject);
}

TEST(RegoParser, RequiresIfInV1) {
  EXPECT_EQ(first_error("package a\np { true }\n"),
            "2:3: `if` keyword is required before rule body, found '{'");
}

TEST(RegoParser, ReportsUnterminatedStringsWithPosition) {
  EXPECT_EQ(first_error("package a\np := \"abc\n"),
            "2:6: non-terminated string");
}

TEST(RegoParser, RejectsNestingBeyondLimit) {
  std::string deep = "package a\np := " + std::string(100000, '[') + "\n";
  EXPECT_NE(first_error(deep).find("nesting deeper than"), std::string::npos);
}

TEST(RegoParser, KeepsSeparateExpressionsOnSeparateLines) {
  ParsedQuery query = parse_query("x := [1]\n[y] = x");
  ASSERT_TRUE(query.errors.empty()) << query.errors[0].message;
  EXPECT_EQ(query.body->exprs.size(), 2u);
}

TEST(RegoParser, ContinuesInfixOperatorsOnTheNextLine) {
  ParsedQuery query = parse_query("y = {1}\n  | {2}");
  ASSERT_TRUE(query.errors.empty()) << query.errors[0].message;
  EXPECT_EQ(query.body->exprs.size(), 1u);
}

TEST(RegoParser, ReadsRawStringsAndEscapes) {
  ParsedTerm term = parse_term(R"(["a\u00e9\n", `raw\n`])");
  ASSERT_TRUE(term.errors.empty());
  EXPECT_EQ(term.term->items[0]->value.as_string(), "a\xc3\xa9\n");
  EXPECT_EQ(term.term->items[1]->value.as_string(), "raw\\n");
}

TEST(RegoParser, KeepsBigNumbersExact) {
  ParsedTerm term = parse_term("123456789012345678901234567890");
  ASSERT_TRUE(term.errors.empty());
  EXPECT_EQ(term.term->value.number_text(), "123456789012345678901234567890");
}

}  // namespace
}  // namespace rampart::rego

namespace rampart::rego {
namespace {

TEST(RegoParser, RejectsBodiesBeyondTheLiteralLimit) {
  std::string module = "package a\np if {\n";
  for (int i = 0; i < 1001; ++i) module += "  true\n";
  module += "}\n";
  ParsedModule parsed = parse_module("p.rego", module, false);
  ASSERT_FALSE(parsed.errors.empty());
  EXPECT_NE(parsed.errors[0].message.find("more than 1000 expressions"),
            std::string::npos);
}

}  // namespace
}  // namespace rampart::rego
