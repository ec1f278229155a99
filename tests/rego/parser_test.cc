// SPDX-License-Identifier: Apache-2.0
#include "rego/parser.h"

#include <gtest/gtest.h>

#include "rego/rego_test_util.h"

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

// OPA reads a leading minus before a number or a name only.
TEST(RegoParser, AcceptsUnaryMinusOnNumbersAndNamesOnly) {
  EXPECT_EQ(first_error("package a\np := - 1\nq := -p\nr := -input.n\n"), "");
  EXPECT_EQ(first_error("package a\np := - -1\n"),
            "2:8: expected number, found '-'");
  EXPECT_EQ(first_error("package a\np := -(1)\n"),
            "2:7: expected number, found '('");
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

namespace rampart::rego {
namespace {

using testing::evaluate;

// Brackets are read as OPA reads them: a single term followed by `|` and a
// body is a comprehension; anything else is a list whose items may use `|`.
TEST(RegoParser, ReadsBracketsAsOpaDoes) {
  const char* module = R"(package t
a := {1}
b := {2}
comprehension := [a | b]
list := [a | b, 5]
operator_first := [a - {10} | b, 5]
parenthesised := [(a & {7}) | b]
object_comprehension := {"k": b | a}
)";
  EXPECT_EQ(evaluate({module}, "data.t.comprehension").json, "[[1]]");
  EXPECT_EQ(evaluate({module}, "data.t.list").json, "[[1,2],5]");
  EXPECT_EQ(evaluate({module}, "data.t.operator_first").json, "[[1,2],5]");
  EXPECT_EQ(evaluate({module}, "data.t.parenthesised").json, "[[]]");
  EXPECT_EQ(evaluate({module}, "data.t.object_comprehension").json,
            R"({"k":[2]})");
}

TEST(RegoParser, ReadsComprehensionAfterIfAsOneLiteral) {
  const char* module = R"(package t
x if { 1: 2 | some p in [1, 2] }
y if { 1 | 1 }
z if { true }
)";
  EXPECT_EQ(evaluate({module}, "data.t.x").json, "true");
  EXPECT_EQ(evaluate({module}, "data.t.y").json, "true");
  EXPECT_EQ(evaluate({module}, "data.t.z").json, "true");
}

TEST(RegoParser, ReadsMembershipPairAfterAssignment) {
  auto r =
      evaluate({"package t\np := [b] if { b := 0, 2 in [5, 6] }"}, "data.t.p");
  EXPECT_EQ(r.json, "[false]") << r.error;
}

TEST(RegoParser, RejectsDefaultValuesThatAreNotConstant) {
  EXPECT_EQ(evaluate({"package t\ndefault a := x"}, "data.t.a").error,
            "rego_parse_error: illegal default rule (value cannot contain "
            "var)");
  EXPECT_EQ(evaluate({"package t\ndefault a := {5} | {6}"}, "data.t.a").error,
            "rego_parse_error: illegal default rule (value cannot contain "
            "call)");
  EXPECT_EQ(
      evaluate({"package t\ndefault a := {\"b\": 5}.b"}, "data.t.a").error,
      "rego_parse_error: illegal default rule (value cannot contain "
      "ref)");
  EXPECT_EQ(evaluate({"package t\ndefault a := [x | x := 1]"}, "data.t.a").json,
            "[1]");
}

TEST(RegoParser, RejectsRegoV1ImportBesideFutureKeywords) {
  auto r = evaluate({"package t\nimport rego.v1\nimport future.keywords.in\n"
                     "p := 1"},
                    "data.t.p", "", /*v0=*/true);
  EXPECT_EQ(r.error,
            "rego_parse_error: the `rego.v1` import implies "
            "`future.keywords`, these are therefore mutually exclusive");
}

// Collections whose comprehension body fails and is retried as a list
// must not take exponential time.
TEST(RegoParser, BoundsRetriedCollections) {
  std::string term;
  for (int i = 0; i < 200; ++i) term += "[a | b, ";
  term += "1";
  for (int i = 0; i < 200; ++i) term += "]";
  ParsedTerm parsed = parse_term(term);
  EXPECT_FALSE(parsed.errors.empty());
}

}  // namespace
}  // namespace rampart::rego

namespace rampart::rego {
namespace {

using testing::evaluate;

TEST(RegoParser, RejectsBareHeadsInV1) {
  EXPECT_EQ(evaluate({"package t\np.a"}, "data.t").error,
            "rego_parse_error: `contains` keyword is required for partial "
            "set rules");
  EXPECT_EQ(evaluate({"package t\np"}, "data.t").error,
            "rego_parse_error: rule must have value assignment and/or body "
            "declaration");
  EXPECT_EQ(evaluate({"package t\np.a.b"}, "data.t").error,
            "rego_parse_error: rule must have value assignment and/or body "
            "declaration");
}

// Rego v0 reads a two-part head without a value as a partial set, written
// with a dot or with brackets.
TEST(RegoParser, ReadsTwoPartV0HeadsAsSets) {
  auto dot = evaluate({"package t\nx.a { true }"}, "data.t.x", "", true);
  EXPECT_EQ(dot.json, R"(["a"])") << dot.error;
  auto deeper = evaluate({"package t\nx.a.b { true }"}, "data.t.x", "", true);
  EXPECT_EQ(deeper.json, R"({"a":{"b":true}})") << deeper.error;
}

}  // namespace
}  // namespace rampart::rego

namespace rampart::rego {
namespace {

using testing::evaluate;

TEST(RegoParser, RejectsWhitespaceAfterADot) {
  EXPECT_EQ(
      evaluate({"package t\np := regex.\n\nmatch(\"a\", \"b\")"}, "data.t.p")
          .error,
      "rego_parse_error: unexpected whitespace after '.'");
}

}  // namespace
}  // namespace rampart::rego
