// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes what the admission layer reads from outside: AdmissionReview
// bodies (parsed, then judged by a small fixed policy set and answered) and
// Gatekeeper YAML (constraints and templates, loaded next to a fixed valid
// template so constraint parsing and matching are reached). Any bytes must
// give a value or a Status, never a crash or a hang. The first byte picks
// the target so one corpus covers both.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include <unistd.h>

#include "rampart/admission/admission.h"

#include "admission/gatekeeper.h"

namespace {

// A template every fuzzed constraint may refer to.
constexpr std::string_view kTemplate = R"(apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: k8sfuzzlabels
spec:
  crd:
    spec:
      names:
        kind: K8sFuzzLabels
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |
        package k8sfuzzlabels
        violation[{"msg": msg}] {
          key := input.parameters.labels[_]
          not input.review.object.metadata.labels[key]
          msg := sprintf("missing %v", [key])
        }
)";

constexpr std::string_view kConstraint = R"(
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sFuzzLabels
metadata:
  name: owner
spec:
  match:
    kinds: [{apiGroups: ["*"], kinds: ["*"]}]
    excludedNamespaces: ["kube-*"]
    labelSelector:
      matchExpressions: [{key: skip, operator: DoesNotExist}]
  parameters:
    labels: [owner]
)";

// The constraint and template as a PolicySet, built once.
const rampart::admission::PolicySet* policy_set() {
  static std::shared_ptr<const rampart::admission::PolicySet> set = [] {
    std::string dir = "/tmp/fuzz_admission_review." + std::to_string(getpid());
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/gatekeeper.yaml")
        << kTemplate << "---" << kConstraint;
    rampart::admission::PolicySources sources;
    sources.bundled_checks = false;
    sources.constraint_paths = {dir};
    auto loaded = rampart::admission::PolicySet::load(sources);
    std::filesystem::remove_all(dir);
    return loaded.is_ok() ? *loaded : nullptr;
  }();
  return set.get();
}

void fuzz_review(std::string_view body) {
  auto request = rampart::admission::parse_admission_review(body, 1 << 20);
  if (!request) return;
  const auto* set = policy_set();
  if (set == nullptr) __builtin_trap();  // the fixed policies must load
  rampart::admission::ReviewOptions options;
  options.deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
  auto decision = set->validate(*request, options);
  if (decision) {
    (void)rampart::admission::render_admission_response(*request, *decision);
  } else {
    (void)rampart::admission::render_failure_response(
        *request, false, decision.status().message());
  }
}

void fuzz_gatekeeper(std::string_view text) {
  auto loaded = rampart::admission::load_gatekeeper_texts(
      {{"template.yaml", std::string(kTemplate)},
       {"fuzz.yaml", std::string(text)}},
      rampart::Value());
  if (!loaded) return;
  rampart::admission::MatchSubject subject;
  subject.kind = "Pod";
  subject.ns = "shop";
  subject.name = "web";
  for (const auto& constraint : loaded->constraints) {
    (void)rampart::admission::matches(constraint.match, subject);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) {
    fuzz_gatekeeper(text);
  } else {
    fuzz_review(text);
  }
  return 0;
}
