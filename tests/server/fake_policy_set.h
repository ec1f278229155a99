// SPDX-License-Identifier: Apache-2.0
//
// A PolicySet test double for the server's tests: it judges Pods the way the
// seed-era rule does (every container must set
// securityContext.runAsNonRoot: true) and can be told to fail or to run
// slowly, which real policies cannot be made to do on demand. It never
// parses Rego; tests of real policies use admission::PolicySet::load.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "rampart/server/webhook.h"

namespace rampart::server::testing {

class FakePolicySet : public admission::PolicySet {
 public:
  std::optional<Status> fail_with;     // validate() returns this
  std::chrono::milliseconds delay{0};  // validate() sleeps this long
  std::vector<std::string> names = {"data.kubernetes.admission.deny"};

  Result<admission::Decision> validate(
      const admission::AdmissionRequest& request,
      const admission::ReviewOptions&) const override {
    if (delay.count() > 0) std::this_thread::sleep_for(delay);
    if (fail_with) return *fail_with;
    admission::Decision decision;
    if (request.kind == "Pod" && runs_as_root(request.request)) {
      decision.allowed = false;
      decision.verdicts.push_back({names.front(),
                                   "Containers must not run as root",
                                   admission::Action::kDeny});
    }
    return decision;
  }

  Result<admission::Decision> mutate(
      const admission::AdmissionRequest& request,
      const admission::ReviewOptions& options) const override {
    return validate(request, options);
  }

  Result<admission::Decision> review_object(
      const Value&, const admission::ReviewOptions&) const override {
    return Status(StatusCode::kUnsupported, "not used by the server");
  }

  std::vector<std::string> policy_names() const override { return names; }

 private:
  static bool runs_as_root(const Value& request) {
    const Value* object = request.find("object");
    const Value* spec = object ? object->find("spec") : nullptr;
    const Value* containers = spec ? spec->find("containers") : nullptr;
    if (!containers || !containers->is_array()) return false;
    for (const Value& container : containers->array_items()) {
      const Value* context = container.find("securityContext");
      const Value* non_root = context ? context->find("runAsNonRoot") : nullptr;
      if (!non_root || !non_root->is_boolean() || !non_root->as_boolean()) {
        return true;
      }
    }
    return false;
  }
};

}  // namespace rampart::server::testing
