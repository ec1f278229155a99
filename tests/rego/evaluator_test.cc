// SPDX-License-Identifier: Apache-2.0
#include "rego/evaluator.h"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "rego/rego_test_util.h"

namespace rampart::rego {
namespace {

using testing::evaluate;

const char* kSeedRule = R"(package kubernetes.admission
deny[msg] {
	input.request.kind.kind == "Pod"
	not input.request.object.spec.containers[_].securityContext.runAsNonRoot
	msg := "Containers must not run as root"
})";

TEST(RegoEvaluator, SeedAdmissionRuleDeniesRootContainers) {
  auto denied = evaluate(
      {kSeedRule}, "data.kubernetes.admission.deny",
      R"({"request":{"kind":{"kind":"Pod"},"object":{"spec":{"containers":[{"name":"a"}]}}}})",
      /*v0=*/true);
  ASSERT_TRUE(denied.ok) << denied.error;
  EXPECT_EQ(denied.json, R"(["Containers must not run as root"])");

  auto allowed = evaluate(
      {kSeedRule}, "data.kubernetes.admission.deny",
      R"({"request":{"kind":{"kind":"Pod"},"object":{"spec":{"containers":[{"securityContext":{"runAsNonRoot":true}}]}}}})",
      true);
  ASSERT_TRUE(allowed.ok) << allowed.error;
  EXPECT_EQ(allowed.json, "[]");
}

TEST(RegoEvaluator, ReordersBodiesForSafety) {
  auto r = evaluate({"package t\np := x if { x > 1; x = 2 }"}, "data.t.p");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.json, "2");
}

TEST(RegoEvaluator, ReportsUnsafeVariables) {
  auto r = evaluate({"package t\np if { x > 1 }"}, "data.t.p");
  EXPECT_EQ(r.error, "rego_unsafe_var_error: var x is unsafe");
}

TEST(RegoEvaluator, ReportsRecursion) {
  auto r = evaluate({"package t\np if q\nq if p"}, "data.t.p");
  EXPECT_EQ(r.error.rfind("rego_recursion_error: rule data.t.", 0), 0u)
      << r.error;
}

TEST(RegoEvaluator, ReportsConflictingCompleteRules) {
  auto r = evaluate({"package t\np := 1\np := 2"}, "data.t.p");
  EXPECT_EQ(r.error,
            "eval_conflict_error: rule data.t.p produced conflicting values");
}

TEST(RegoEvaluator, ReportsReassignment) {
  auto r = evaluate({"package t\np if { x := 1; x := 2 }"}, "data.t.p");
  EXPECT_EQ(r.error, "rego_compile_error: var x assigned above");
}

// `some` and `:=` may not declare a name the same body already used, nor a
// function parameter; a comprehension may shadow outer names.
TEST(RegoEvaluator, ReportsRedeclarationsAsOpaDoes) {
  auto error_of = [](const char* body) {
    std::string module = std::string("package t\np if { ") + body + " }";
    return evaluate({module}, "data.t.p").error;
  };
  EXPECT_EQ(error_of("x := 1; some x in [1]"),
            "rego_compile_error: var x assigned above");
  EXPECT_EQ(error_of("some x; some x in [1]"),
            "rego_compile_error: var x declared above");
  EXPECT_EQ(error_of("x = 1; some x in [1]"),
            "rego_compile_error: var x referenced above");
  EXPECT_EQ(error_of("x := 1; y := [x | some x in [2]]; y == [2]"), "");

  auto arg = evaluate({"package t\nf(x) if { x := 1 }"}, "data.t.f(1)");
  EXPECT_EQ(arg.error, "rego_compile_error: arg x redeclared");
}

TEST(RegoEvaluator, ReportsRulesWhereBaseDataHasAValue) {
  Compiler compiler;
  compiler.add_module("t.rego", "package t\nrule1 := 6\nother := 1");
  compiler.add_data(*parse_json(R"({"t": {"rule1": 0, "x": 1}})"));
  auto compiled = compiler.compile();
  ASSERT_TRUE(std::holds_alternative<RegoErrors>(compiled));
  const RegoError& error = std::get<RegoErrors>(compiled).at(0);
  EXPECT_EQ(error.code, "rego_compile_error");
  EXPECT_EQ(error.message, "conflicting rule for data path t/rule1 found");
}

// OPA includes a function without parameters in its package's value.
TEST(RegoEvaluator, ReadsFunctionsWithoutParametersAsValues) {
  const char* module = "package t\nf() := {\"a\": 1}\ng(x) := x";
  auto value = evaluate({module}, "data.t.f");
  EXPECT_EQ(value.json, R"({"a":1})");
  EXPECT_EQ(evaluate({module}, "data.t").json, R"({"f":{"a":1}})");
}

TEST(RegoEvaluator, ReportsUnknownFunctions) {
  auto r = evaluate({"package t\np := nope(1)"}, "data.t.p");
  EXPECT_EQ(r.error, "rego_type_error: undefined function nope");
}

TEST(RegoEvaluator, BuildsPartialObjectsAndRefHeads) {
  auto r = evaluate({R"(package t
p.q[k] := v if { some k, v in {"a": 1, "b": 2} }
p.r := 3)"},
                    "data.t.p");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.json, R"({"q":{"a":1,"b":2},"r":3})");
}

TEST(RegoEvaluator, FollowsElseChains) {
  auto r = evaluate({R"(package t
p := 1 if { input.x == 1 } else := 2 if { input.x == 2 } else := 3)"},
                    "data.t.p", R"({"x": 2})");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.json, "2");
}

TEST(RegoEvaluator, WithReplacesInputDataAndFunctions) {
  auto r = evaluate({R"(package t
p := input.a + data.b
mock(_) := 10
q := y if { y := count([1, 2]) with count as mock }
)"},
                    "x := data.t.p with input.a as 1 with data.b as 2; "
                    "y := data.t.q");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(to_json(r.result.rows[0].bindings[0].second), "3");
  EXPECT_EQ(to_json(r.result.rows[0].bindings[1].second), "10");
}

TEST(RegoEvaluator, EveryNeedsEveryElement) {
  auto r = evaluate({R"(package t
all_pos if every x in input.xs { x > 0 })"},
                    "data.t.all_pos", R"({"xs": [1, 2, -1]})");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_FALSE(r.defined);
}

TEST(RegoEvaluator, ComprehensionsCollectEverySolution) {
  auto r = evaluate({}, "x := {k: v | some k, v in [5, 6]}");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.json, R"({"0":5,"1":6})");
}

TEST(RegoEvaluator, StrictBuiltinErrorsAbort) {
  auto lax = evaluate({}, "x := 1 / 0");
  EXPECT_TRUE(lax.ok);
  EXPECT_FALSE(lax.defined);
  auto strict = evaluate({}, "x := 1 / 0", "", false, true);
  EXPECT_EQ(strict.error, "eval_builtin_error: div: divide by zero");
}

TEST(RegoEvaluator, StepBudgetStopsRunawayQueries) {
  Compiler compiler;
  compiler.add_module("t.rego",
                      "package t\np contains [a, b, c] if { some a in "
                      "numbers.range(1, 300); some b in numbers.range(1, "
                      "300); some c in numbers.range(1, 300) }");
  auto policy = std::get<std::shared_ptr<const Policy>>(compiler.compile());
  auto query = std::get<std::shared_ptr<const PreparedQuery>>(
      policy->prepare("data.t.p"));
  EvalOptions options;
  options.limits.max_steps = 100000;
  EvalResult result = query->evaluate(options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.errors[0].code, "eval_cancel_error");
}

TEST(RegoEvaluator, PreparedQueriesAreSafeAcrossThreads) {
  Compiler compiler;
  compiler.add_module("t.rego", "package t\np := sum([x | some x in input])");
  auto policy = std::get<std::shared_ptr<const Policy>>(compiler.compile());
  auto query = std::get<std::shared_ptr<const PreparedQuery>>(
      policy->prepare("data.t.p"));
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        EvalOptions options;
        options.input = Value::array({Value::integer(t), Value::integer(i)});
        options.has_input = true;
        EvalResult result = query->evaluate(options);
        if (result.rows.empty() ||
            result.rows[0].expressions[0].value != Value::integer(t + i)) {
          ++wrong;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace rampart::rego

namespace rampart::rego {
namespace {

TEST(RegoEvaluator, StopsRuleChainsDeeperThanTheLimit) {
  std::string module = "package t\n";
  for (int i = 0; i < 600; ++i) {
    module += "p" + std::to_string(i) + " := p" + std::to_string(i + 1) + "\n";
  }
  module += "p600 := 1\n";
  auto r = testing::evaluate({module}, "data.t.p0");
  EXPECT_EQ(r.error, "eval_cancel_error: rules nested deeper than 500 levels");
  auto shallow = testing::evaluate({module}, "data.t.p400");
  EXPECT_EQ(shallow.json, "1") << shallow.error;
}

}  // namespace
}  // namespace rampart::rego

namespace rampart::rego {
namespace {

using testing::evaluate;

TEST(RegoEvaluator, AppliesWithToNegatedExpressions) {
  const char* module = R"(package t
n if data.x.z == 7
p if { not n with data.x.z as 7 }
q if { not n with data.x.z as 8 }
)";
  EXPECT_FALSE(evaluate({module}, "data.t.p").defined);
  EXPECT_EQ(evaluate({module}, "data.t.q").json, "true");
}

TEST(RegoEvaluator, WithCreatesMissingDataPaths) {
  auto r = evaluate({"package t\np if { data.a.b == \"c\" with data.a.b as "
                     "\"c\" }"},
                    "data.t.p");
  EXPECT_EQ(r.json, "true") << r.error;
}

// A replacement function runs with no function replaced, so a mock never
// calls another mock; the mocks' own `with` apply again.
TEST(RegoEvaluator, MockFunctionsSeeNoOtherMocks) {
  const char* module = R"(package t
boom(_) := 1 if { 1 == 2 }
counting(x) := count(x)
p if { q with count as boom }
q if { r with object.union_n as counting }
r if { object.union_n([{}, {}]) == 2 }
)";
  auto r = evaluate({module}, "data.t.p");
  EXPECT_EQ(r.json, "true") << r.error;
}

}  // namespace
}  // namespace rampart::rego

namespace rampart::rego {
namespace {

using testing::evaluate;

// `x == xs[x]`: the reference binds x and the comparison reads it.
TEST(RegoEvaluator, BindsVariablesThroughReferenceKeysInCalls) {
  auto r = evaluate({"package t\np := foo if { some foo; foo == input[foo] }"},
                    "data.t.p", "[2, 1, 0]");
  EXPECT_EQ(r.json, "1") << r.error;
}

TEST(RegoEvaluator, CallsFunctionsWhoseHeadKeyHoldsADot) {
  const char* module = R"(package t
f["a.b"](x) := x + 1
)";
  auto r = evaluate({module}, "data.t.f[\"a.b\"](1)");
  EXPECT_EQ(r.json, "2") << r.error;
}

TEST(RegoEvaluator, ReadsBracketedConstantHeadsAsSetsInV0) {
  auto r = evaluate({"package t\nr[\"s\"] { true }"}, "data.t.r", "", true);
  EXPECT_EQ(r.json, R"(["s"])") << r.error;
}

TEST(RegoCompiler, RejectsShadowingInV1Modules) {
  EXPECT_EQ(evaluate({"package t\ninput := 1"}, "data.t").error,
            "rego_compile_error: rules must not shadow input (use a "
            "different rule name)");
  EXPECT_EQ(
      evaluate({"package t\np if { data := 1; data > 0 }"}, "data.t").error,
      "rego_compile_error: variables must not shadow data (use a "
      "different variable name)");
  EXPECT_EQ(evaluate({"package t\nimport data.a\nimport data.b as a\np := 1"},
                     "data.t")
                .error,
            "rego_compile_error: import must not shadow import data.a");
  // v0 modules may still do all of this.
  EXPECT_TRUE(evaluate({"package t\nimport data.a\nimport data.b as a\np = 1"},
                       "data.t.p", "", /*v0=*/true)
                  .ok);
}

TEST(RegoCompiler, RejectsDeprecatedBuiltinsInV1Modules) {
  EXPECT_EQ(evaluate({"package t\np := cast_array({1})"}, "data.t.p").error,
            "rego_type_error: deprecated built-in function calls in "
            "expression: cast_array");
}

TEST(RegoCompiler, RejectsUnifyingCollectionsOfDifferentShapes) {
  EXPECT_EQ(
      evaluate({"package t\np if { [x] = {\"k\": 1} }"}, "data.t.p").error,
      "rego_type_error: match error");
  EXPECT_EQ(
      evaluate({"package t\np if { [x, y] = [1, 2, 3] }"}, "data.t.p").error,
      "rego_type_error: match error");
  EXPECT_EQ(
      evaluate({"package t\np if { {\"a\": x} = {\"b\": 1} }"}, "data.t.p")
          .error,
      "rego_type_error: match error");
  EXPECT_EQ(
      evaluate({"package t\np := x if { [x, 2] = [1, 2] }"}, "data.t.p").json,
      "1");
}

TEST(RegoCompiler, NamesTheTypeThatCannotBeAssigned) {
  EXPECT_EQ(evaluate({"package t\np if { 1 := x; x = 1 }"}, "data.t.p").error,
            "rego_compile_error: cannot assign to number");
}

}  // namespace
}  // namespace rampart::rego

namespace rampart::rego {
namespace {

using testing::evaluate;

// Enough guarded bodies for the rule index; the results must be those of
// trying every body.
const char* kIndexedRules = R"(package t
kinds contains "pod" if input.kind == "Pod"
kinds contains "deploy" if input.kind == "Deployment"
kinds contains "job" if { "Job" = input.kind }
kinds contains "cron" if input.kind == "CronJob"
kinds contains "any" if input.kind
kinds contains "pod-again" if { input.kind == "Pod"; input.x == 1 }
first := v if { input.kind == "Pod"; v := 1 }
first := v if { input.kind == "Job"; v := 2 }
first := v if { input.kind == "Job"; v := 2 }
first := v if { input.kind == "Job"; v := 2 }
first := v if { input.kind == "Pod"; v := 3 }
)";

TEST(RegoEvaluator, IndexedRulesGiveTheSameResults) {
  EXPECT_EQ(evaluate({kIndexedRules}, "data.t.kinds", R"({"kind":"Pod"})").json,
            R"(["any","pod"])");
  EXPECT_EQ(
      evaluate({kIndexedRules}, "data.t.kinds", R"({"kind":"Pod","x":1})").json,
      R"(["any","pod","pod-again"])");
  EXPECT_EQ(evaluate({kIndexedRules}, "data.t.kinds", R"({"kind":"Job"})").json,
            R"(["any","job"])");
  EXPECT_EQ(evaluate({kIndexedRules}, "data.t.kinds", R"({"other":1})").json,
            "[]");
  EXPECT_EQ(evaluate({kIndexedRules}, "data.t.kinds", "").json, "[]");
  EXPECT_EQ(evaluate({kIndexedRules},
                     "x := data.t.kinds with input as {\"kind\": \"CronJob\"}",
                     R"({"kind":"Pod"})")
                .json,
            R"(["any","cron"])");
  // Skipped bodies must not hide a conflict among the candidates.
  EXPECT_EQ(
      evaluate({kIndexedRules}, "data.t.first", R"({"kind":"Pod"})").error,
      "eval_conflict_error: rule data.t.first produced conflicting "
      "values");
  EXPECT_EQ(evaluate({kIndexedRules}, "data.t.first", R"({"kind":"Job"})").json,
            "2");
}

// Numeric guards are indexed too; `==` compares 443 and 443.0 as equal, and
// the index must agree.
const char* kIndexedPorts = R"(package t
ports contains "http" if input.port == 80
ports contains "https" if input.port == 443
ports contains "alt" if input.port == 8080
ports contains "alt-tls" if { 8443 = input.port }
ports contains "negative" if input.port == -1
ports contains "huge" if input.port == 123456789012345678901234567890
ports contains "fraction" if input.port == 0.5
)";

TEST(RegoEvaluator, IndexedNumericGuardsMatchAsEqualityDoes) {
  auto ports = [](const std::string& input) {
    return evaluate({kIndexedPorts}, "data.t.ports", input).json;
  };
  EXPECT_EQ(ports(R"({"port":443})"), R"(["https"])");
  EXPECT_EQ(ports(R"({"port":443.0})"), R"(["https"])");
  EXPECT_EQ(ports(R"({"port":8443})"), R"(["alt-tls"])");
  EXPECT_EQ(ports(R"({"port":-1})"), R"(["negative"])");
  EXPECT_EQ(ports(R"({"port":123456789012345678901234567890})"), R"(["huge"])");
  EXPECT_EQ(ports(R"({"port":0.5})"), R"(["fraction"])");
  EXPECT_EQ(ports(R"({"port":"443"})"), "[]");
  EXPECT_EQ(ports(R"({"port":444})"), "[]");
}

}  // namespace
}  // namespace rampart::rego

namespace rampart::rego {
namespace {

EvalResult run_with_item_limit(const std::string& module, std::uint64_t limit) {
  Compiler compiler;
  compiler.add_module("m.rego", module);
  auto policy = std::get<std::shared_ptr<const Policy>>(compiler.compile());
  auto query = std::get<std::shared_ptr<const PreparedQuery>>(
      policy->prepare("data.t.p"));
  EvalOptions options;
  options.limits.max_collection_items = limit;
  return query->evaluate(options);
}

// A comprehension that would build a set of a hundred million numbers
// stops at the memory bound with an error, as a deadline would.
TEST(RegoEvaluator, StopsAtTheCollectionItemBound) {
  const char* huge = R"(package t
p := count({[x, y] | some x in numbers.range(1, 10000)
                     some y in numbers.range(1, 10000)}))";
  EvalResult result = run_with_item_limit(huge, 100000);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].code, "eval_cancel_error");
  EXPECT_EQ(result.errors[0].message,
            "evaluation built more than 100000 collection elements");

  EvalResult small = run_with_item_limit(
      "package t\np := count({x | some x in numbers.range(1, 100)})", 1000);
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(small.rows[0].expressions[0].value, Value::integer(100));
}

}  // namespace
}  // namespace rampart::rego

namespace rampart::rego {
namespace {

using testing::evaluate;

// OPA shows the value of a query's only expression even when false, as
// `opa eval data.p.allow` and `opa eval '1 == 2'` do; a unification, a
// query of several expressions or one that iterates fails on false.
TEST(RegoEvaluator, QueriesShowFalseValueOfTheirOnlyExpression) {
  const char* module = "package t\ndefault allow := false";
  auto term = evaluate({module}, "data.t.allow");
  EXPECT_TRUE(term.defined);
  EXPECT_EQ(term.json, "false");

  auto comparison = evaluate({module}, "data.t.allow == true");
  EXPECT_TRUE(comparison.defined);
  EXPECT_EQ(comparison.json, "false");

  EXPECT_FALSE(evaluate({module}, "1 = 2").defined);
  EXPECT_FALSE(evaluate({module}, "data.t.allow; true").defined);
  EXPECT_FALSE(evaluate({module}, "[false][_]").defined);
  EXPECT_FALSE(evaluate({module}, "not true").defined);
}

}  // namespace
}  // namespace rampart::rego

namespace rampart::rego {
namespace {

using testing::evaluate;

const char* kAnnotated = R"(# METADATA
# title: The package
package t

# METADATA
# title: Allow rule
# custom:
#   severity: HIGH
allow := rego.metadata.rule()

chain := rego.metadata.chain()

plain := rego.metadata.rule()
)";

TEST(RegoEvaluator, MetadataRuleGivesTheActiveRulesAnnotation) {
  EXPECT_EQ(evaluate({kAnnotated}, "data.t.allow").json,
            R"({"custom":{"severity":"HIGH"},"scope":"rule",)"
            R"("title":"Allow rule"})");
  EXPECT_EQ(evaluate({kAnnotated}, "data.t.plain").json, "{}");
}

TEST(RegoEvaluator, MetadataChainStartsAtTheActiveRule) {
  EXPECT_EQ(evaluate({kAnnotated}, "data.t.chain").json,
            R"([{"path":["t","chain"]},)"
            R"({"annotations":{"scope":"package","title":"The package"},)"
            R"("path":["t"]}])");
}

// OPA shows every author and related resource as an object, whichever
// form the METADATA block used.
TEST(RegoEvaluator, MetadataExpandsShortFormsOfAuthorsAndResources) {
  const char* module = R"(package t

# METADATA
# authors:
# - Jane Q. Doe <jane@example.com>
# - Solo
# - <only@example.com>
# - name: Object Form
# related_resources:
# - https://example.com/runbook
# - ref: https://example.com/doc
#   description: the doc
allow := rego.metadata.rule()
)";
  EXPECT_EQ(evaluate({module}, "data.t.allow.authors").json,
            R"([{"email":"jane@example.com","name":"Jane Q. Doe"},)"
            R"({"name":"Solo"},{"email":"only@example.com"},)"
            R"({"name":"Object Form"}])");
  EXPECT_EQ(evaluate({module}, "data.t.allow.related_resources").json,
            R"([{"ref":"https://example.com/runbook"},)"
            R"({"description":"the doc","ref":"https://example.com/doc"}])");
}

TEST(RegoEvaluator, MetadataRejectsAuthorsOfNeitherForm) {
  auto empty = evaluate({"package t\n\n# METADATA\n# authors:\n# - \"  \"\n"
                         "allow := true\n"},
                        "data.t.allow");
  EXPECT_EQ(empty.error,
            "rego_parse_error: invalid METADATA block: author is an empty "
            "string");
  auto nameless = evaluate(
      {"package t\n\n# METADATA\n# authors:\n# - role: x\nallow := true\n"},
      "data.t.allow");
  EXPECT_EQ(nameless.error,
            "rego_parse_error: invalid METADATA block: author must have a "
            "name or an email");
  auto refless = evaluate({"package t\n\n# METADATA\n# related_resources:\n"
                           "# - description: x\nallow := true\n"},
                          "data.t.allow");
  EXPECT_EQ(refless.error,
            "rego_parse_error: invalid METADATA block: related resource must "
            "have a ref");
}

// A template part may carry its own `with`, applying to that part only.
TEST(RegoEvaluator, TemplatePartsTakeWithModifiers) {
  auto r = evaluate({R"(package t
msg := $"Hello {input.name with input as {"name": "world"}}, {input.name}!"
)"},
                    "data.t.msg", R"({"name":"you"})");
  EXPECT_EQ(r.json, R"("Hello world, you!")") << r.error;

  // Undefined and several values render as without `with`.
  auto shapes = evaluate({R"(package t
xs := [1, 2]
none := $"{input.missing with input as {}}"
many := $"{xs[_] with input as {}}"
)"},
                         "[data.t.none, data.t.many]");
  EXPECT_EQ(shapes.json, R"(["<undefined>","{1, 2}"])") << shapes.error;
}

}  // namespace
}  // namespace rampart::rego

namespace rampart::rego {
namespace {

using testing::evaluate;

// One solution puts a constant element in a set; the body is not tried
// further, so a later element that would fail strictly never runs.
TEST(RegoEvaluator, StopsSetRulesWithConstantElementsEarly) {
  auto r =
      evaluate({"package t\na := [1, \"x\"]\np contains \"k\" if a[_] + 1"},
               "data.t.p", "", false, /*strict=*/true);
  EXPECT_EQ(r.json, R"(["k"])") << r.error;
}

}  // namespace
}  // namespace rampart::rego

namespace rampart::rego {
namespace {

using testing::evaluate;

// `q[x] contains y` builds an object whose values are sets; an undefined
// key contributes nothing.
TEST(RegoEvaluator, BuildsObjectsOfSetsFromContainsRulesWithKeys) {
  const char* module = R"(package t
q[x] contains y if { some x in ["a", "b"]; some y in [1, 2] }
q["c"] contains 3
r[x][z] contains 1 if { some x in ["a"]; z := 2 }
u[x] contains 1 if x := input.missing
)";
  EXPECT_EQ(evaluate({module}, "data.t.q").json,
            R"({"a":[1,2],"b":[1,2],"c":[3]})");
  EXPECT_EQ(evaluate({module}, "data.t.r").json, R"({"a":{"2":[1]}})");
  EXPECT_EQ(evaluate({module}, "data.t.u").json, "{}");
  EXPECT_EQ(evaluate({module}, "x := data.t.q.b").json, "[1,2]");
}

}  // namespace
}  // namespace rampart::rego

namespace rampart::rego {
namespace {

std::string evaluate_in(const QueryContext& context, const std::string& query) {
  Compiler compiler;
  compiler.add_module("authz.rego",
                      "package authz\nallow if input.user == \"alice\"\n"
                      "helper(x) := x + 1\n");
  compiler.add_module("lib.rego", "package lib.util\ndouble(x) := x * 2\n");
  auto policy = std::get<std::shared_ptr<const Policy>>(compiler.compile());
  auto prepared = policy->prepare(query, context);
  if (auto* errors = std::get_if<RegoErrors>(&prepared)) {
    return (*errors)[0].code + ": " + (*errors)[0].message;
  }
  EvalOptions options;
  options.input = *parse_json(R"({"user":"alice"})");
  options.has_input = true;
  auto result =
      std::get<std::shared_ptr<const PreparedQuery>>(prepared)->evaluate(
          options);
  if (result.rows.empty()) return "undefined";
  return to_json(result.rows[0].expressions[0].value);
}

// opa eval --package / --import: bare names in the query resolve as they
// would inside a module with that package and those imports.
TEST(RegoEvaluator, QueriesResolveNamesInTheirContext) {
  EXPECT_EQ(evaluate_in({"authz", {}}, "allow"), "true");
  EXPECT_EQ(evaluate_in({"data.authz", {}}, "helper(1)"), "2");
  EXPECT_EQ(evaluate_in({"", {"data.lib.util"}}, "util.double(4)"), "8");
  EXPECT_EQ(evaluate_in({"", {"input.user as who"}}, "who"), "\"alice\"");
  EXPECT_EQ(evaluate_in({}, "data.authz.allow"), "true");
  EXPECT_EQ(
      evaluate_in({"", {"nothing.here"}}, "1").rfind("rego_parse_error", 0),
      0u);
}

}  // namespace
}  // namespace rampart::rego
