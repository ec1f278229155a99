// SPDX-License-Identifier: Apache-2.0
//
// Gatekeeper ConstraintTemplates and Constraints: matching (kinds,
// namespaces with globs, label and namespace selectors, scope, name),
// enforcement actions, v1beta1 templates, and load errors located in the
// YAML files.
#include "admission/gatekeeper.h"

#include <string>

#include <gtest/gtest.h>

#include "rampart/admission/admission.h"
#include "rampart/base/file.h"
#include "rampart/document/json.h"

#include "admission/test_files.h"

namespace rampart::admission {
namespace {

using testing::ScratchDir;

std::string example(const std::string& name) {
  auto text = read_file(std::string(RAMPART_SOURCE_DIR) +
                        "/examples/gatekeeper/required-labels/" + name);
  EXPECT_TRUE(text.is_ok()) << text.status().to_string();
  return text.is_ok() ? *text : "";
}

Value json(const std::string& text) {
  auto value = parse_json(text);
  EXPECT_TRUE(value.is_ok()) << value.status().to_string() << "\n" << text;
  return value.is_ok() ? *value : Value();
}

// A constraint of the example template with the given spec.match and
// enforcementAction, requiring an `owner` label.
std::string constraint(const std::string& match, const std::string& action) {
  return "apiVersion: constraints.gatekeeper.sh/v1beta1\n"
         "kind: K8sRequiredLabels\n"
         "metadata:\n  name: owner\n"
         "spec:\n  enforcementAction: " +
         action + "\n  match:\n" + match +
         "  parameters:\n    labels:\n      - key: owner\n";
}

std::shared_ptr<const PolicySet> load(const ScratchDir& dir) {
  PolicySources sources;
  sources.bundled_checks = false;
  sources.constraint_paths = {dir.path()};
  auto set = PolicySet::load(sources);
  EXPECT_TRUE(set.is_ok()) << set.status().to_string();
  return set.is_ok() ? *set : nullptr;
}

std::shared_ptr<const PolicySet> with_match(
    const ScratchDir& dir, const std::string& match,
    const std::string& action = "deny") {
  dir.write("template.yaml", example("template.yaml"));
  dir.write("constraint.yaml", constraint(match, action));
  return load(dir);
}

Value pod(const std::string& ns, const std::string& labels = "{}") {
  return json(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p",)"
              R"("namespace":")" +
              ns + R"(","labels":)" + labels +
              R"(},"spec":{"containers":[{"name":"a","image":"x"}]}})");
}

std::size_t violations(const PolicySet& set, const Value& object,
                       const Value& namespace_object = Value()) {
  ReviewOptions options;
  options.namespace_object = namespace_object;
  auto decision = set.review_object(object, options);
  EXPECT_TRUE(decision.is_ok()) << decision.status().to_string();
  return decision.is_ok() ? decision->verdicts.size() : 999;
}

TEST(GatekeeperGlob, PrefixSuffixAndExact) {
  EXPECT_TRUE(glob_matches("kube-*", "kube-system"));
  EXPECT_FALSE(glob_matches("kube-*", "my-kube-system"));
  EXPECT_TRUE(glob_matches("*-system", "kube-system"));
  EXPECT_FALSE(glob_matches("*-system", "kube-systems"));
  EXPECT_TRUE(glob_matches("default", "default"));
  EXPECT_FALSE(glob_matches("default", "defaults"));
  EXPECT_TRUE(glob_matches("*", "anything"));
}

TEST(GatekeeperSelector, MatchesLabelsAndExpressions) {
  LabelSelector selector;
  selector.present = true;
  selector.match_labels = {{"app", "web"}};
  using Op = LabelRequirement::Op;
  selector.expressions = {{"tier", Op::kIn, {"front", "edge"}},
                          {"env", Op::kNotIn, {"dev"}},
                          {"team", Op::kExists, {}},
                          {"legacy", Op::kDoesNotExist, {}}};
  EXPECT_TRUE(selector.matches(
      json(R"({"app":"web","tier":"edge","team":"a","env":"prod"})")));
  // NotIn holds when the label is absent.
  EXPECT_TRUE(
      selector.matches(json(R"({"app":"web","tier":"edge","team":"a"})")));
  EXPECT_FALSE(selector.matches(
      json(R"({"app":"web","tier":"edge","team":"a","env":"dev"})")));
  EXPECT_FALSE(
      selector.matches(json(R"({"app":"web","tier":"back","team":"a"})")));
  EXPECT_FALSE(selector.matches(json(R"({"app":"web","tier":"edge"})")));
  EXPECT_FALSE(selector.matches(
      json(R"({"app":"web","tier":"edge","team":"a","legacy":"y"})")));
  EXPECT_FALSE(
      selector.matches(json(R"({"app":"api","tier":"edge","team":"a"})")));
}

TEST(Gatekeeper, RequiredLabelsDeniesAndAllows) {
  ScratchDir dir;
  auto set = with_match(dir,
                        "    kinds:\n      - apiGroups: [\"\"]\n"
                        "        kinds: [\"Pod\"]\n");
  ASSERT_NE(set, nullptr);
  auto decision = set->review_object(pod("shop"), {});
  ASSERT_TRUE(decision.is_ok()) << decision.status().to_string();
  EXPECT_FALSE(decision->allowed);
  ASSERT_EQ(decision->verdicts.size(), 1u);
  EXPECT_EQ(decision->verdicts[0].policy, "K8sRequiredLabels/owner");
  EXPECT_EQ(decision->verdicts[0].message,
            "Pod \"p\" lacks the required labels [\"owner\"]");
  EXPECT_EQ(violations(*set, pod("shop", R"({"owner":"team-a"})")), 0u);
}

TEST(Gatekeeper, KindsMatchGroupAndKind) {
  ScratchDir dir;
  auto set = with_match(dir,
                        "    kinds:\n      - apiGroups: [\"apps\"]\n"
                        "        kinds: [\"Deployment\"]\n");
  ASSERT_NE(set, nullptr);
  EXPECT_EQ(violations(*set, pod("shop")), 0u);
  Value deployment = json(
      R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d",)"
      R"("namespace":"shop"}})");
  EXPECT_EQ(violations(*set, deployment), 1u);
  // Same kind name in another group does not match.
  Value other = json(R"({"apiVersion":"example.com/v1","kind":"Deployment",)"
                     R"("metadata":{"name":"d","namespace":"shop"}})");
  EXPECT_EQ(violations(*set, other), 0u);
}

TEST(Gatekeeper, NamespacesAndExcludedNamespacesWithGlobs) {
  ScratchDir dir;
  auto set = with_match(dir,
                        "    namespaces: [\"team-*\", \"shop\"]\n"
                        "    excludedNamespaces: [\"*-sandbox\"]\n");
  ASSERT_NE(set, nullptr);
  EXPECT_EQ(violations(*set, pod("shop")), 1u);
  EXPECT_EQ(violations(*set, pod("team-a")), 1u);
  EXPECT_EQ(violations(*set, pod("team-a-sandbox")), 0u);
  EXPECT_EQ(violations(*set, pod("default")), 0u);
  // A Namespace is judged by its own name; other cluster-scoped objects
  // pass namespace filters.
  Value ns = json(R"({"apiVersion":"v1","kind":"Namespace","metadata":)"
                  R"({"name":"team-b"}})");
  EXPECT_EQ(violations(*set, ns), 1u);
  Value other_ns = json(R"({"apiVersion":"v1","kind":"Namespace","metadata":)"
                        R"({"name":"payments"}})");
  EXPECT_EQ(violations(*set, other_ns), 0u);
  Value role = json(R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":)"
                    R"("ClusterRole","metadata":{"name":"r"}})");
  EXPECT_EQ(violations(*set, role), 1u);
}

TEST(Gatekeeper, LabelSelectorAndScopeAndName) {
  ScratchDir dir;
  auto set =
      with_match(dir,
                 "    scope: Namespaced\n"
                 "    name: \"web-*\"\n"
                 "    labelSelector:\n"
                 "      matchExpressions:\n"
                 "        - {key: tier, operator: In, values: [front]}\n");
  ASSERT_NE(set, nullptr);
  auto named = [&](const std::string& name, const std::string& labels,
                   const std::string& ns) {
    return json(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":")" +
                name + R"(","namespace":")" + ns + R"(","labels":)" + labels +
                "}}");
  };
  EXPECT_EQ(violations(*set, named("web-1", R"({"tier":"front"})", "a")), 1u);
  EXPECT_EQ(violations(*set, named("web-1", R"({"tier":"back"})", "a")), 0u);
  EXPECT_EQ(violations(*set, named("api-1", R"({"tier":"front"})", "a")), 0u);
  EXPECT_EQ(violations(*set, named("web-1", R"({"tier":"front"})", "")), 0u);
}

TEST(Gatekeeper, NamespaceSelectorNeedsTheNamespaceLabels) {
  ScratchDir dir;
  auto set = with_match(dir,
                        "    namespaceSelector:\n"
                        "      matchLabels: {env: prod}\n");
  ASSERT_NE(set, nullptr);
  Value prod = json(R"({"apiVersion":"v1","kind":"Namespace","metadata":)"
                    R"({"name":"shop","labels":{"env":"prod"}}})");
  Value dev = json(R"({"apiVersion":"v1","kind":"Namespace","metadata":)"
                   R"({"name":"shop","labels":{"env":"dev"}}})");
  EXPECT_EQ(violations(*set, pod("shop"), prod), 1u);
  EXPECT_EQ(violations(*set, pod("shop"), dev), 0u);
  EXPECT_EQ(violations(*set, pod("shop")), 0u);  // labels unknown
  EXPECT_EQ(violations(*set, prod), 1u);         // a Namespace: its own

  // In a request, `namespaceObject` carries the labels.
  std::string body =
      R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview",)"
      R"("request":{"uid":"u","kind":{"group":"","version":"v1","kind":"Pod"},)"
      R"("namespace":"shop","operation":"CREATE","object":)" +
      to_json(pod("shop")) + R"(,"namespaceObject":)" + to_json(prod) + "}}";
  auto request = parse_admission_review(body, 1 << 20);
  ASSERT_TRUE(request.is_ok()) << request.status().to_string();
  auto decision = set->validate(*request, {});
  ASSERT_TRUE(decision.is_ok());
  EXPECT_EQ(decision->verdicts.size(), 1u);
}

TEST(Gatekeeper, WarnAndDryRunDoNotDeny) {
  for (const auto& [action, expected] :
       {std::pair{"warn", Action::kWarn},
        std::pair{"dryrun", Action::kDryRun}}) {
    ScratchDir dir;
    auto set = with_match(dir, "    kinds: []\n", action);
    ASSERT_NE(set, nullptr);
    AdmissionRequest request;
    request.api_version = "admission.k8s.io/v1";
    request.uid = "u";
    request.request = json(R"({"uid":"u","kind":{"group":"","version":"v1",)"
                           R"("kind":"Pod"},"namespace":"a","object":)" +
                           to_json(pod("a")) + "}");
    auto decision = set->validate(request, {});
    ASSERT_TRUE(decision.is_ok()) << decision.status().to_string();
    EXPECT_TRUE(decision->allowed) << action;
    ASSERT_EQ(decision->verdicts.size(), 1u);
    EXPECT_EQ(decision->verdicts[0].action, expected);
    std::string response = render_admission_response(request, *decision);
    EXPECT_EQ(response.find("warnings") != std::string::npos,
              expected == Action::kWarn)
        << response;
  }
}

TEST(Gatekeeper, V1beta1TemplateWithV1RegoAndParameters) {
  ScratchDir dir;
  dir.write("t.yaml", R"(apiVersion: templates.gatekeeper.sh/v1beta1
kind: ConstraintTemplate
metadata:
  name: k8smaxreplicas
spec:
  crd:
    spec:
      names:
        kind: K8sMaxReplicas
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |
        package k8smaxreplicas
        import rego.v1

        violation contains {"msg": msg} if {
          replicas := input.review.object.spec.replicas
          replicas > input.parameters.max
          msg := sprintf("%d replicas, at most %d allowed", [replicas, input.parameters.max])
        }
---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sMaxReplicas
metadata:
  name: at-most-five
spec:
  parameters:
    max: 5
)");
  auto set = load(dir);
  ASSERT_NE(set, nullptr);
  Value big = json(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":)"
                   R"({"name":"d","namespace":"a"},"spec":{"replicas":9}})");
  auto decision = set->review_object(big, {});
  ASSERT_TRUE(decision.is_ok()) << decision.status().to_string();
  ASSERT_EQ(decision->verdicts.size(), 1u);
  EXPECT_EQ(decision->verdicts[0].message, "9 replicas, at most 5 allowed");
}

TEST(Gatekeeper, TemplateRegoErrorPointsIntoTheYaml) {
  ScratchDir dir;
  std::filesystem::path file = dir.write("broken.yaml", R"(# a comment
apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: broken
spec:
  crd:
    spec:
      names:
        kind: Broken
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |
        package broken

        violation[{"msg": msg}] {
          msg := concat(
        }
)");
  PolicySources sources;
  sources.bundled_checks = false;
  sources.constraint_paths = {dir.path()};
  auto set = PolicySet::load(sources);
  ASSERT_FALSE(set.is_ok());
  EXPECT_EQ(set.status().location().file, file.string());
  // The Rego error is on the block's line 5 or 4 (the call left open);
  // the block starts on file line 14.
  EXPECT_GE(set.status().location().line, 17);
  EXPECT_LE(set.status().location().line, 18);
  EXPECT_NE(set.status().message().find("rego_parse_error"), std::string::npos)
      << set.status().to_string();
}

TEST(Gatekeeper, ConstraintWithoutTemplateNamesFileAndLine) {
  ScratchDir dir;
  std::filesystem::path file = dir.write("c.yaml", R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: unrelated
---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sNowhere
metadata:
  name: orphan
)");
  PolicySources sources;
  sources.bundled_checks = false;
  sources.constraint_paths = {dir.path()};
  auto set = PolicySet::load(sources);
  ASSERT_FALSE(set.is_ok());
  EXPECT_EQ(set.status().to_string(),
            file.string() +
                ":7: constraint orphan is of kind \"K8sNowhere\", which no "
                "loaded ConstraintTemplate defines");
}

TEST(Gatekeeper, RejectsBadEnforcementActionAndOperator) {
  ScratchDir dir;
  dir.write("template.yaml", example("template.yaml"));
  dir.write("c.yaml", constraint("    kinds: []\n", "block"));
  PolicySources sources;
  sources.bundled_checks = false;
  sources.constraint_paths = {dir.path()};
  auto set = PolicySet::load(sources);
  ASSERT_FALSE(set.is_ok());
  EXPECT_NE(set.status().message().find("enforcementAction"),
            std::string::npos);

  dir.write("c.yaml", constraint("    labelSelector:\n      matchExpressions:\n"
                                 "        - {key: a, operator: Near}\n",
                                 "deny"));
  set = PolicySet::load(sources);
  ASSERT_FALSE(set.is_ok());
  EXPECT_NE(set.status().message().find("operator"), std::string::npos);
}

TEST(Gatekeeper, InventoryIsVisibleToTemplates) {
  ScratchDir dir;
  dir.write("t.yaml", R"(apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: k8suniquehost
spec:
  crd:
    spec:
      names:
        kind: K8sUniqueName
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |
        package k8suniquename

        violation[{"msg": "a Service of that name exists in another namespace"}] {
          name := input.review.object.metadata.name
          some ns
          other := data.inventory.namespace[ns]["v1"]["Service"][name]
          ns != input.review.object.metadata.namespace
        }
---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sUniqueName
metadata:
  name: unique
)");
  Value existing = json(R"({"apiVersion":"v1","kind":"Service","metadata":)"
                        R"({"name":"web","namespace":"other"}})");
  PolicySources sources;
  sources.bundled_checks = false;
  sources.constraint_paths = {dir.path()};
  sources.inventory = gatekeeper_inventory({existing});
  auto set = PolicySet::load(sources);
  ASSERT_TRUE(set.is_ok()) << set.status().to_string();
  Value same = json(R"({"apiVersion":"v1","kind":"Service","metadata":)"
                    R"({"name":"web","namespace":"shop"}})");
  EXPECT_EQ(violations(**set, same), 1u);
  Value fresh = json(R"({"apiVersion":"v1","kind":"Service","metadata":)"
                     R"({"name":"api","namespace":"shop"}})");
  EXPECT_EQ(violations(**set, fresh), 0u);
}

}  // namespace
}  // namespace rampart::admission
