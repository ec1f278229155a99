// SPDX-License-Identifier: Apache-2.0
//
// Admission decisions: what `rampart serve`, `rampart audit` and
// `rampart verify` share.
//
// A PolicySet is everything that judges a Kubernetes object, compiled once:
// the bundled check library, users' OPA-style Rego (`deny`, `violation` and
// `warn` rules reading `input.request`), Gatekeeper ConstraintTemplates with
// their Constraints (`input.review`, `input.parameters`), and, when enabled,
// mutation rules that produce JSONPatch operations. It is immutable after
// load() and may be used from any number of threads at once; a server that
// reloads policies builds a new PolicySet and swaps a shared_ptr.
//
// AdmissionReview bodies come from the network and are untrusted: the parser
// bounds size and nesting (see document/json.h) and reports malformed input
// as a Status, never a crash. Secrets in objects are never copied into
// messages by this layer.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/document/value.h"
#include "rampart/findings/finding.h"

// Value lives in namespace rampart; this header names it document::Value.
namespace rampart::document {
using Value = ::rampart::Value;
}  // namespace rampart::document

namespace rampart::admission {

// Where policies come from. Paths are folders read recursively or single
// files; an empty list of each means "none of that kind".
struct PolicySources {
  bool bundled_checks = true;                           // rampart's own library
  std::vector<std::filesystem::path> policy_paths;      // OPA-style Rego
  std::vector<std::filesystem::path> constraint_paths;  // Gatekeeper YAML
  bool mutation = false;  // load mutation rules (off unless configured)
  // Bundled checks at or above this severity deny; the others warn. Unset
  // (the default): every bundled check only warns, so installing the
  // webhook never blocks a cluster by surprise.
  std::optional<Severity> bundled_deny_severity;
  // Bundled check ids to leave out ("RP-K8S-010"); every bundled check
  // costs evaluation time on every request.
  std::vector<std::string> disabled_checks;
  // Gatekeeper's `data.inventory` for templates (replicated cluster
  // objects, shaped as Gatekeeper shapes them); null means an empty object.
  document::Value inventory;
};

// What a policy asks for when an object violates it. Gatekeeper's
// enforcementAction values; OPA-style `deny`/`violation` rules are kDeny and
// `warn` rules kWarn.
enum class Action { kDeny, kWarn, kDryRun };

// What reports (audit) show about a policy. Owned by the PolicySet that
// produced a verdict; valid while that set lives.
struct PolicyInfo {
  std::string title;
  std::string description;
  std::string remediation;
  std::vector<std::string> references;
  std::string file;  // where the policy is defined
};

// One message from one policy about one object.
struct Verdict {
  std::string policy;   // "K8sRequiredLabels/owner-label", "data.k8s.deny"
  std::string message;  // the rule's msg, never the object's secret data
  Action action = Action::kDeny;
  // For reports (audit): a bundled check's own severity; HIGH for deny
  // and violation rules and Gatekeeper deny, MEDIUM for Gatekeeper warn,
  // LOW for OPA warn rules and dry-run.
  Severity severity = Severity::kUnknown;
  const PolicyInfo* info = nullptr;  // never null in verdicts of a PolicySet
};

// The request part of an AdmissionReview, as the policies see it.
struct AdmissionRequest {
  std::string
      api_version;  // "admission.k8s.io/v1" or "admission.k8s.io/v1beta1"
  std::string uid;
  std::string kind;         // request.kind.kind, e.g. "Pod"
  std::string ns;           // request.namespace ("" for cluster objects)
  std::string name;         // request.name, or object.metadata.name
  std::string operation;    // CREATE, UPDATE, DELETE, CONNECT
  std::string user;         // request.userInfo.username
  document::Value request;  // the whole `request` object
};

// Parses an AdmissionReview JSON body. Fails with kParseError on malformed
// JSON, kInvalidArgument when it is not an AdmissionReview with a request
// and uid, kLimitExceeded above `max_bytes`.
Result<AdmissionRequest> parse_admission_review(std::string_view body,
                                                std::size_t max_bytes);

struct ReviewOptions {
  // Evaluation stops and fails with kLimitExceeded past this point.
  std::chrono::steady_clock::time_point deadline =
      std::chrono::steady_clock::time_point::max();
  // The Namespace object of the request's namespace, for Gatekeeper
  // namespaceSelector matches (audit passes the one it loaded). When null,
  // validate() reads `request.namespaceObject` if the body carries one;
  // without either, constraints with a namespaceSelector do not match
  // namespaced objects.
  document::Value namespace_object;
};

struct Decision {
  bool allowed = true;            // false when any kDeny verdict exists
  std::vector<Verdict> verdicts;  // every message, deny, warn and dry-run
  // JSONPatch array as JSON text, set by mutate() when it changes anything.
  std::optional<std::string> patch;
};

class PolicySet {
 public:
  virtual ~PolicySet() = default;

  // Compiles every source. Fails, naming the file and line, when any policy
  // or constraint is broken: a reload keeps the previous set in that case.
  static Result<std::shared_ptr<const PolicySet>> load(
      const PolicySources& sources);

  // Judges one request against every policy whose match applies.
  virtual Result<Decision> validate(const AdmissionRequest& request,
                                    const ReviewOptions& options) const = 0;

  // Runs the mutation rules; without mutation configured, allows and
  // returns no patch.
  virtual Result<Decision> mutate(const AdmissionRequest& request,
                                  const ReviewOptions& options) const = 0;

  // Judges a stored object (audit, verify): the object is wrapped in a
  // synthetic CREATE request for OPA-style policies and in `input.review`
  // for Gatekeeper templates.
  virtual Result<Decision> review_object(
      const document::Value& object, const ReviewOptions& options) const = 0;

  // Names of loaded policies, for /metrics and logs.
  virtual std::vector<std::string> policy_names() const = 0;
};

// The AdmissionReview response body for `request` (same apiVersion, same
// uid), with `allowed`, a status message joining every deny message,
// `warnings` for kWarn verdicts, and the base64 JSONPatch when present.
std::string render_admission_response(const AdmissionRequest& request,
                                      const Decision& decision);

// The response for a request that could not be judged (deadline, policy
// error): allowed or denied by the configured failure policy, with `reason`
// in the status message.
std::string render_failure_response(const AdmissionRequest& request, bool allow,
                                    std::string_view reason);

// Gatekeeper's `data.inventory` built from cluster objects:
// inventory.namespace[ns][apiVersion][kind][name] for namespaced objects and
// inventory.cluster[apiVersion][kind][name] for the others (List kinds are
// not expanded; objects without a kind or name are left out).
document::Value gatekeeper_inventory(
    const std::vector<document::Value>& objects);

}  // namespace rampart::admission
