// SPDX-License-Identifier: Apache-2.0
//
// PolicySet with OPA-style user rules and the bundled checks: the seed-era
// runAsNonRoot rule, v1 syntax, warn rules, object results, review_object,
// deadlines and load errors.
#include <algorithm>
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "rampart/admission/admission.h"
#include "rampart/base/file.h"
#include "rampart/document/json.h"
#include "rampart/scan/misconfig/misconfig_scanner.h"

#include "admission/test_files.h"

namespace rampart::admission {
namespace {

using testing::ScratchDir;

// The rule of the seed-era examples, in Rego v0 syntax, as users wrote it.
constexpr const char* kSeedRule = R"(package kubernetes.admission

deny[msg] {
  input.request.kind.kind == "Pod"
  not input.request.object.spec.containers[_].securityContext.runAsNonRoot
  msg := "Containers must not run as root"
}
)";

AdmissionRequest pod_request() {
  auto text = read_file(std::string(RAMPART_SOURCE_DIR) +
                        "/tests/data/admission/pod-review.json");
  EXPECT_TRUE(text.is_ok());
  auto request = parse_admission_review(text.is_ok() ? *text : "", 1 << 20);
  EXPECT_TRUE(request.is_ok()) << request.status().to_string();
  return request.is_ok() ? *request : AdmissionRequest{};
}

// The pod request with runAsNonRoot removed from every container. (The
// seed rule's `not ...containers[_]...` holds only when no container sets
// it, as in OPA.)
AdmissionRequest root_pod_request() {
  auto text = read_file(std::string(RAMPART_SOURCE_DIR) +
                        "/tests/data/admission/pod-review.json");
  std::string body = text.is_ok() ? *text : "";
  std::string needle = R"("runAsNonRoot": true,)";
  for (auto at = body.find(needle); at != std::string::npos;
       at = body.find(needle)) {
    body.erase(at, needle.size());
  }
  auto request = parse_admission_review(body, 1 << 20);
  EXPECT_TRUE(request.is_ok());
  return request.is_ok() ? *request : AdmissionRequest{};
}

std::shared_ptr<const PolicySet> load_user(const ScratchDir& dir,
                                           bool bundled = false) {
  PolicySources sources;
  sources.bundled_checks = bundled;
  sources.policy_paths = {dir.path()};
  auto set = PolicySet::load(sources);
  EXPECT_TRUE(set.is_ok()) << set.status().to_string();
  return set.is_ok() ? *set : nullptr;
}

TEST(PolicySet, SeedRuleAllowsCompliantPod) {
  ScratchDir dir;
  dir.write("seed.rego", kSeedRule);
  auto set = load_user(dir);
  ASSERT_NE(set, nullptr);
  auto decision = set->validate(pod_request(), {});
  ASSERT_TRUE(decision.is_ok()) << decision.status().to_string();
  EXPECT_TRUE(decision->allowed);
  EXPECT_TRUE(decision->verdicts.empty());
}

TEST(PolicySet, SeedRuleDeniesPodRunningAsRoot) {
  ScratchDir dir;
  dir.write("seed.rego", kSeedRule);
  auto set = load_user(dir);
  ASSERT_NE(set, nullptr);
  AdmissionRequest request = root_pod_request();
  auto decision = set->validate(request, {});
  ASSERT_TRUE(decision.is_ok()) << decision.status().to_string();
  EXPECT_FALSE(decision->allowed);
  ASSERT_EQ(decision->verdicts.size(), 1u);
  EXPECT_EQ(decision->verdicts[0].policy, "data.kubernetes.admission.deny");
  EXPECT_EQ(decision->verdicts[0].message, "Containers must not run as root");
  EXPECT_EQ(decision->verdicts[0].action, Action::kDeny);

  std::string response = render_admission_response(request, *decision);
  EXPECT_NE(response.find("\"allowed\":false"), std::string::npos);
  EXPECT_NE(response.find("[data.kubernetes.admission.deny] Containers must "
                          "not run as root"),
            std::string::npos);
}

TEST(PolicySet, V1SyntaxViolationAndWarnRulesWithObjects) {
  ScratchDir dir;
  dir.write("policy/images.rego", R"(package k8s.images

violation contains {"msg": msg} if {
  some c in input.request.object.spec.containers
  not startswith(c.image, "registry.example.com/")
  msg := sprintf("image %s is not from the company registry", [c.image])
}

warn contains msg if {
  input.request.object.spec.restartPolicy == "Always"
  msg := "restartPolicy Always noted"
}
)");
  auto set = load_user(dir);
  ASSERT_NE(set, nullptr);
  auto decision = set->validate(pod_request(), {});
  ASSERT_TRUE(decision.is_ok()) << decision.status().to_string();
  EXPECT_TRUE(decision->allowed);
  ASSERT_EQ(decision->verdicts.size(), 1u);
  EXPECT_EQ(decision->verdicts[0].policy, "data.k8s.images.warn");
  EXPECT_EQ(decision->verdicts[0].action, Action::kWarn);

  auto object = parse_json(R"({"apiVersion":"v1","kind":"Pod","metadata":
    {"name":"x"},"spec":{"containers":[{"name":"a","image":"docker.io/nginx"}]}})");
  ASSERT_TRUE(object.is_ok());
  auto reviewed = set->review_object(*object, {});
  ASSERT_TRUE(reviewed.is_ok()) << reviewed.status().to_string();
  EXPECT_FALSE(reviewed->allowed);
  ASSERT_EQ(reviewed->verdicts.size(), 1u);
  EXPECT_EQ(reviewed->verdicts[0].message,
            "image docker.io/nginx is not from the company registry");
  EXPECT_EQ(reviewed->verdicts[0].severity, Severity::kHigh);
}

TEST(PolicySet, BundledChecksWarnByDefault) {
  PolicySources sources;
  auto set = PolicySet::load(sources);
  ASSERT_TRUE(set.is_ok()) << set.status().to_string();
  auto names = (*set)->policy_names();
  EXPECT_NE(std::find(names.begin(), names.end(), "RP-K8S-001"), names.end());

  auto object = parse_json(R"({"apiVersion":"v1","kind":"Pod","metadata":
    {"name":"x","namespace":"a"},"spec":{"containers":[{"name":"a",
    "image":"nginx","securityContext":{"privileged":true}}]}})");
  ASSERT_TRUE(object.is_ok());
  auto decision = (*set)->review_object(*object, {});
  ASSERT_TRUE(decision.is_ok()) << decision.status().to_string();
  EXPECT_TRUE(decision->allowed);
  bool privileged = false;
  for (const Verdict& verdict : decision->verdicts) {
    EXPECT_EQ(verdict.action, Action::kWarn) << verdict.policy;
    if (verdict.severity >= Severity::kHigh &&
        verdict.message.find("privileged") != std::string::npos) {
      privileged = true;
    }
  }
  EXPECT_TRUE(privileged);
}

TEST(PolicySet, DisabledBundledChecksAreLeftOut) {
  PolicySources sources;
  sources.disabled_checks = {"RP-K8S-001"};
  auto set = PolicySet::load(sources);
  ASSERT_TRUE(set.is_ok()) << set.status().to_string();
  auto names = (*set)->policy_names();
  EXPECT_EQ(std::find(names.begin(), names.end(), "RP-K8S-001"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "RP-K8S-002"), names.end());
}

TEST(PolicySet, BundledChecksDenyAtConfiguredSeverity) {
  PolicySources sources;
  sources.bundled_deny_severity = Severity::kHigh;
  auto set = PolicySet::load(sources);
  ASSERT_TRUE(set.is_ok()) << set.status().to_string();
  auto object = parse_json(R"({"apiVersion":"v1","kind":"Pod","metadata":
    {"name":"x","namespace":"a"},"spec":{"hostPID":true,"containers":
    [{"name":"a","image":"nginx"}]}})");
  ASSERT_TRUE(object.is_ok());
  auto decision = (*set)->review_object(*object, {});
  ASSERT_TRUE(decision.is_ok());
  EXPECT_FALSE(decision->allowed);
  for (const Verdict& verdict : decision->verdicts) {
    EXPECT_EQ(verdict.action == Action::kDeny,
              verdict.severity >= Severity::kHigh)
        << verdict.policy;
  }
}

TEST(PolicySet, CompliantPodPassesBundledChecksWithoutDenials) {
  PolicySources sources;
  sources.bundled_deny_severity = Severity::kHigh;
  auto set = PolicySet::load(sources);
  ASSERT_TRUE(set.is_ok());
  auto decision = (*set)->validate(pod_request(), {});
  ASSERT_TRUE(decision.is_ok()) << decision.status().to_string();
  EXPECT_TRUE(decision->allowed);
}

// The webhook evaluates bundled checks in groups (one query per set of
// kinds); it must report exactly what `rampart scan` reports, check by
// check, on an object that trips many of them.
TEST(PolicySet, BundledVerdictsMatchTheScanner) {
  std::string yaml =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, "
      "namespace: default}\nspec:\n  template:\n    spec:\n"
      "      hostNetwork: true\n      hostPID: true\n      containers:\n"
      "      - name: app\n        image: nginx:latest\n"
      "        securityContext: {privileged: true, runAsUser: 0}\n"
      "      - name: side\n        image: busybox\n";
  scan::misconfig::MisconfigOptions options;
  auto scanner = scan::misconfig::MisconfigScanner::create(options);
  ASSERT_TRUE(scanner.is_ok()) << scanner.status().to_string();
  scan::FindingSink sink;
  scan::FileEntry file;
  file.path = file.relative_path = "web.yaml";
  file.size = yaml.size();
  (*scanner)->scan_file(file, yaml, sink);
  std::multiset<std::pair<std::string, std::string>> scanned;
  for (const Finding& finding : sink.findings()) {
    scanned.emplace(finding.rule_id, finding.message);
  }

  auto set = PolicySet::load(PolicySources{});
  ASSERT_TRUE(set.is_ok());
  auto object = parse_json(
      R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web",)"
      R"("namespace":"default"},"spec":{"template":{"spec":{"hostNetwork":)"
      R"(true,"hostPID":true,"containers":[{"name":"app","image":)"
      R"("nginx:latest","securityContext":{"privileged":true,"runAsUser":0}},)"
      R"({"name":"side","image":"busybox"}]}}}})");
  ASSERT_TRUE(object.is_ok());
  auto decision = (*set)->review_object(*object, {});
  ASSERT_TRUE(decision.is_ok()) << decision.status().to_string();
  std::multiset<std::pair<std::string, std::string>> judged;
  for (const Verdict& verdict : decision->verdicts) {
    judged.emplace(verdict.policy, verdict.message);
  }
  EXPECT_GT(judged.size(), 10u);
  EXPECT_EQ(judged, scanned);
}

TEST(PolicySet, BrokenPolicyNamesFileAndLine) {
  ScratchDir dir;
  std::filesystem::path file = dir.write(
      "broken.rego", "package p\n\ndeny contains msg if {\n  x :=\n}\n");
  PolicySources sources;
  sources.bundled_checks = false;
  sources.policy_paths = {dir.path()};
  auto set = PolicySet::load(sources);
  ASSERT_FALSE(set.is_ok());
  EXPECT_EQ(set.status().location().file, file.string());
  EXPECT_GT(set.status().location().line, 0);
}

TEST(PolicySet, MissingPolicyFolderFails) {
  PolicySources sources;
  sources.bundled_checks = false;
  sources.policy_paths = {"/nonexistent/rampart/policies"};
  EXPECT_FALSE(PolicySet::load(sources).is_ok());
}

TEST(PolicySet, DeadlineStopsRunawayPolicy) {
  ScratchDir dir;
  dir.write("slow.rego", R"(package slow

deny contains "never" if {
  input.request.kind.kind == "Pod"
  xs := numbers.range(1, 3000)
  count([1 | some a in xs; some b in xs; a == b + 100000]) > 0
}
)");
  auto set = load_user(dir);
  ASSERT_NE(set, nullptr);
  ReviewOptions options;
  options.deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(20);
  auto decision = set->validate(pod_request(), options);
  ASSERT_FALSE(decision.is_ok());
  EXPECT_EQ(decision.status().code(), StatusCode::kLimitExceeded)
      << decision.status().to_string();

  options.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  auto late = set->validate(pod_request(), options);
  ASSERT_FALSE(late.is_ok());
  EXPECT_EQ(late.status().code(), StatusCode::kLimitExceeded);
}

TEST(PolicySet, EvaluationErrorFailsTheDecision) {
  ScratchDir dir;
  dir.write("conflict.rego", R"(package conflict

kind := input.request.kind.kind
kind := "other"

deny contains "x" if kind == "Pod"
)");
  auto set = load_user(dir);
  ASSERT_NE(set, nullptr);
  auto decision = set->validate(pod_request(), {});
  ASSERT_FALSE(decision.is_ok());
  EXPECT_NE(decision.status().message().find("eval_conflict_error"),
            std::string::npos)
      << decision.status().to_string();
}

TEST(PolicySet, ValidatesFromManyThreads) {
  ScratchDir dir;
  dir.write("seed.rego", kSeedRule);
  auto set = load_user(dir, true);
  ASSERT_NE(set, nullptr);
  AdmissionRequest good = pod_request();
  AdmissionRequest bad = root_pod_request();
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        auto a = set->validate(good, {});
        auto b = set->validate(bad, {});
        if (!a.is_ok() || !b.is_ok() || !a->allowed || b->allowed) ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace rampart::admission
