// SPDX-License-Identifier: Apache-2.0
//
// PolicySet: the bundled checks and users' OPA-style rules (compiled by the
// misconfig scanner's check library, so `rampart scan` and the webhook judge
// alike), Gatekeeper templates and constraints (gatekeeper.h) and mutation
// rules (mutation.h), behind the interface of admission.h.
//
// Inputs, per kind of policy:
//   bundled checks       the object itself (request.object), as in a scan;
//   OPA-style rules      the AdmissionReview ({"apiVersion", "kind",
//                        "request"}) when their package mentions
//                        `input.request`, else the object, as `rampart scan`
//                        decides;
//   Gatekeeper           {"review": request, "parameters": spec.parameters}.
// Every evaluation carries the request's deadline and a step budget; an
// evaluation error fails the whole decision (the server then applies its
// failure policy) instead of silently allowing.
//
// Immutable after load(); validate(), mutate() and review_object() keep all
// state on the stack, so any number of threads may call them at once.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>

#include "rampart/admission/admission.h"
#include "rampart/document/json.h"
#include "rampart/rego/engine.h"
#include "rampart/scan/misconfig/misconfig_scanner.h"

#include "admission/gatekeeper.h"
#include "admission/mutation.h"
// TODO(admission): the check library's loader is private to the misconfig
// scanner, and this layer includes it to compile bundled checks and user
// policies exactly as `rampart scan` does; nothing is wrong for users
// meanwhile. Fix: move the loader down into a small policy-loading library
// both depend on.
#include "scan/misconfig/check_library.h"

namespace rampart::admission {
namespace {

namespace misconfig = scan::misconfig;

// Enough for any sane policy on one object; a runaway comprehension stops
// here rather than holding a webhook thread.
constexpr std::uint64_t kMaxEvalSteps = 2'000'000;

const Value* member(const Value& object, std::string_view key) {
  return object.is_object() ? object.find(key) : nullptr;
}

std::string string_member(const Value& object, std::string_view key) {
  const Value* found = member(object, key);
  return found != nullptr && found->is_string() ? found->as_string() : "";
}

const Value& key(std::string_view name) {
  // Interned keys for the inputs built per request.
  static const Value kApiVersion = Value::string("apiVersion");
  static const Value kKind = Value::string("kind");
  static const Value kRequest = Value::string("request");
  static const Value kReview = Value::string("review");
  static const Value kParameters = Value::string("parameters");
  if (name == "apiVersion") return kApiVersion;
  if (name == "kind") return kKind;
  if (name == "request") return kRequest;
  if (name == "review") return kReview;
  return kParameters;
}

// A bundled check or one deny/violation/warn rule of a user package.
struct RegoCheck {
  std::string policy;
  std::string query_text;  // "data.rampart.k8s.privileged.deny"
  std::shared_ptr<const rego::PreparedQuery> query;
  std::vector<std::string> kinds;  // sorted; empty means every kind
  bool bundled = false;
  bool admission_review = false;
  Action action = Action::kDeny;
  Severity severity = Severity::kUnknown;
  PolicyInfo info;
};

// What one evaluation needs, built once per request.
struct Subject {
  const Value* request = nullptr;  // the AdmissionRequest object
  Value object;                    // request.object (null on DELETE)
  Value review;                    // the AdmissionReview around `request`
  std::string kind;
  MatchSubject match;
};

Status eval_failure(const std::string& policy, const rego::RegoErrors& errors) {
  const rego::RegoError& first = errors.front();
  StatusCode code = first.code == "eval_cancel_error"
                        ? StatusCode::kLimitExceeded
                        : StatusCode::kInvalidArgument;
  return Status(code,
                "policy " + policy + ": " + first.code + ": " + first.message);
}

// A rule's value as results: members of a set or array, or the value
// itself; false means none.
template <typename Fn>
void each_item(const Value& value, Fn&& fn) {
  if (value.is_set()) {
    for (const Value& item : value.set_items()) fn(item);
  } else if (value.is_array()) {
    for (const Value& item : value.array_items()) fn(item);
  } else if (!(value.is_boolean() && !value.as_boolean())) {
    fn(value);
  }
}

// The results of a query whose first expression is the rule.
template <typename Fn>
void each_result(const rego::EvalResult& result, Fn&& fn) {
  for (const rego::ResultRow& row : result.rows) {
    if (!row.expressions.empty()) each_item(row.expressions.front().value, fn);
  }
}

// A result's message: the string itself or its `msg`; other shapes are
// printed as Rego would, so nothing a policy says is lost.
std::string message_of(const Value& result) {
  if (result.is_string()) return result.as_string();
  std::string msg = string_member(result, "msg");
  if (!msg.empty()) return msg;
  return rego::to_rego_string(result);
}

Result<rego::EvalLimits> limits_for(const ReviewOptions& options) {
  rego::EvalLimits limits;
  limits.max_steps = kMaxEvalSteps;
  if (options.deadline == std::chrono::steady_clock::time_point::max()) {
    return limits;
  }
  auto left = options.deadline - std::chrono::steady_clock::now();
  if (left <= std::chrono::steady_clock::duration::zero()) {
    return Status(StatusCode::kLimitExceeded,
                  "deadline passed before evaluation");
  }
  // The engine counts whole milliseconds; round up so a short budget is
  // not read as "no deadline".
  auto ms = std::chrono::ceil<std::chrono::milliseconds>(left);
  limits.deadline = std::max(ms, std::chrono::milliseconds(1));
  return limits;
}

Value labels_of(const Value& object) {
  const Value* metadata = member(object, "metadata");
  const Value* labels = metadata ? member(*metadata, "labels") : nullptr;
  return labels != nullptr ? *labels : Value::object({});
}

class PolicySetImpl final : public PolicySet {
 public:
  Status load(const PolicySources& sources);

  Result<Decision> validate(const AdmissionRequest& request,
                            const ReviewOptions& options) const override;
  Result<Decision> mutate(const AdmissionRequest& request,
                          const ReviewOptions& options) const override;
  Result<Decision> review_object(const Value& object,
                                 const ReviewOptions& options) const override;
  std::vector<std::string> policy_names() const override;

 private:
  Status load_rego_checks(const PolicySources& sources);

  Subject make_subject(const Value& request, const std::string& api_version,
                       const ReviewOptions& options) const;
  Result<Decision> judge(const Subject& subject,
                         const ReviewOptions& options) const;
  Status run_checks(const Subject& subject, const rego::EvalOptions& base,
                    Decision& decision) const;
  Status run_constraints(const Subject& subject, const rego::EvalOptions& base,
                         Decision& decision) const;

  Status group_bundled_checks();
  Status run_group(const Subject& subject, const rego::EvalOptions& eval,
                   std::size_t group, Decision& decision) const;

  // Bundled checks that judge the same kinds, evaluated as one query
  // ("c0 = data.rampart.k8s.a.deny; c1 = ..."): the shared helpers of
  // policies/lib (every container of the object, ...) are then computed
  // once per object instead of once per check.
  struct CheckGroup {
    std::vector<std::string> kinds;    // sorted; empty means every kind
    std::vector<std::size_t> members;  // indexes into checks_
    std::shared_ptr<const rego::PreparedQuery> query;
  };

  misconfig::CheckLibrary library_;  // keeps the compiled policies alive
  std::vector<RegoCheck> checks_;
  std::vector<CheckGroup> groups_;
  Gatekeeper gatekeeper_;
  std::unique_ptr<MutationRules> mutation_;
};

Action bundled_action(Severity severity, const PolicySources& sources) {
  if (sources.bundled_deny_severity &&
      severity >= *sources.bundled_deny_severity) {
    return Action::kDeny;
  }
  return Action::kWarn;
}

Status PolicySetImpl::load_rego_checks(const PolicySources& sources) {
  if (!sources.bundled_checks && sources.policy_paths.empty()) {
    return Status::ok();
  }
  misconfig::MisconfigOptions options;
  options.use_bundled_checks = sources.bundled_checks;
  for (const auto& path : sources.policy_paths) {
    options.policy_dirs.push_back(path.string());
  }
  options.namespaces = {"*"};  // every package the user wrote
  options.disabled_checks = sources.disabled_checks;
  auto library = misconfig::load_checks(options);
  if (!library) return library.status();
  library_ = std::move(*library);

  for (const misconfig::LoadedCheck& loaded : library_.checks) {
    const misconfig::CheckInfo& info = loaded.info;
    bool kubernetes =
        std::find(info.inputs.begin(), info.inputs.end(),
                  misconfig::InputType::kKubernetes) != info.inputs.end();
    if (!kubernetes) continue;  // Dockerfile checks

    RegoCheck check;
    check.info = {info.title, info.description, info.remediation,
                  info.references, info.file};
    check.query = loaded.query;
    check.query_text = info.query;
    check.kinds = info.kinds;
    std::sort(check.kinds.begin(), check.kinds.end());
    check.bundled = !info.user;
    check.admission_review = info.admission_review;
    if (check.bundled) {
      check.policy = info.id;
      check.severity = info.severity;
      check.action = bundled_action(info.severity, sources);
    } else {
      // "data.k8s.deny" unless the rule's METADATA gives an id.
      bool default_id = "data." + info.id == info.query;
      check.policy = default_id ? info.query : info.id;
      check.action = info.warn ? Action::kWarn : Action::kDeny;
      check.severity = info.warn ? Severity::kLow : Severity::kHigh;
    }
    checks_.push_back(std::move(check));
  }
  return group_bundled_checks();
}

Status PolicySetImpl::group_bundled_checks() {
  if (library_.policies.empty()) return Status::ok();
  std::map<std::vector<std::string>, std::size_t> by_kinds;
  for (std::size_t i = 0; i < checks_.size(); ++i) {
    if (!checks_[i].bundled) continue;
    auto [at, added] = by_kinds.emplace(checks_[i].kinds, groups_.size());
    if (added) groups_.push_back({checks_[i].kinds, {}, nullptr});
    groups_[at->second].members.push_back(i);
  }
  // The bundled library is the first policy the check library compiles.
  const rego::Policy& bundled = *library_.policies.front();
  for (CheckGroup& group : groups_) {
    std::string query;
    for (std::size_t n = 0; n < group.members.size(); ++n) {
      if (n > 0) query += "; ";
      query += "c" + std::to_string(n) + " = " +
               checks_[group.members[n]].query_text;
    }
    auto prepared = bundled.prepare(query);
    if (auto* errors = std::get_if<rego::RegoErrors>(&prepared)) {
      return misconfig::rego_error_status(*errors, "bundled checks");
    }
    group.query =
        std::get<std::shared_ptr<const rego::PreparedQuery>>(prepared);
  }
  return Status::ok();
}

Status PolicySetImpl::load(const PolicySources& sources) {
  RAMPART_RETURN_IF_ERROR(load_rego_checks(sources));
  if (!sources.constraint_paths.empty()) {
    auto gatekeeper =
        load_gatekeeper(sources.constraint_paths, sources.inventory);
    if (!gatekeeper) return gatekeeper.status();
    gatekeeper_ = std::move(*gatekeeper);
  }
  if (sources.mutation) {
    auto rules = MutationRules::load(sources.policy_paths);
    if (!rules) return rules.status();
    mutation_ = std::move(*rules);
  }
  return Status::ok();
}

Subject PolicySetImpl::make_subject(const Value& request,
                                    const std::string& api_version,
                                    const ReviewOptions& options) const {
  Subject subject;
  subject.request = &request;
  if (const Value* object = member(request, "object")) subject.object = *object;
  subject.review =
      Value::object_sorted({{key("apiVersion"), Value::string(api_version)},
                            {key("kind"), Value::string("AdmissionReview")},
                            {key("request"), request}});

  const Value* kind = member(request, "kind");
  MatchSubject& match = subject.match;
  match.kind = kind ? string_member(*kind, "kind") : "";
  match.group = kind ? string_member(*kind, "group") : "";
  subject.kind = match.kind;
  if (gatekeeper_.constraints.empty()) return subject;

  match.ns = string_member(request, "namespace");
  match.name = string_member(request, "name");
  bool deleting = subject.object.is_null();
  const Value* old_object = member(request, "oldObject");
  const Value& labelled = deleting && old_object ? *old_object : subject.object;
  if (match.name.empty()) {
    const Value* metadata = member(labelled, "metadata");
    match.name = metadata ? string_member(*metadata, "name") : "";
  }
  match.labels = labels_of(labelled);
  match.is_namespace = match.kind == "Namespace" && match.group.empty();
  if (match.is_namespace) {
    match.namespace_labels = match.labels;
  } else if (!options.namespace_object.is_null()) {
    match.namespace_labels = labels_of(options.namespace_object);
  } else if (const Value* ns = member(request, "namespaceObject")) {
    match.namespace_labels = labels_of(*ns);
  }
  return subject;
}

Status PolicySetImpl::run_checks(const Subject& subject,
                                 const rego::EvalOptions& base,
                                 Decision& decision) const {
  rego::EvalOptions eval = base;
  for (std::size_t group = 0; group < groups_.size(); ++group) {
    const std::vector<std::string>& kinds = groups_[group].kinds;
    if (!kinds.empty() &&
        !std::binary_search(kinds.begin(), kinds.end(), subject.kind)) {
      continue;
    }
    RAMPART_RETURN_IF_ERROR(run_group(subject, eval, group, decision));
  }
  for (const RegoCheck& check : checks_) {
    if (check.bundled) continue;  // judged by their group above
    if (!check.kinds.empty() &&
        !std::binary_search(check.kinds.begin(), check.kinds.end(),
                            subject.kind)) {
      continue;
    }
    eval.input = check.admission_review ? subject.review : subject.object;
    rego::EvalResult result = check.query->evaluate(eval);
    if (!result.ok()) return eval_failure(check.policy, result.errors);
    each_result(result, [&](const Value& value) {
      decision.verdicts.push_back({check.policy, message_of(value),
                                   check.action, check.severity, &check.info});
    });
  }
  return Status::ok();
}

Status PolicySetImpl::run_group(const Subject& subject,
                                const rego::EvalOptions& base,
                                std::size_t group, Decision& decision) const {
  // Bundled checks judge the object; a DELETE has none to judge.
  if (subject.object.is_null()) return Status::ok();
  const CheckGroup& checks = groups_[group];
  rego::EvalOptions eval = base;
  eval.input = subject.object;
  rego::EvalResult result = checks.query->evaluate(eval);
  if (!result.ok()) return eval_failure("bundled checks", result.errors);
  if (result.rows.empty()) {
    // A check whose rule is undefined (not a partial set) makes the whole
    // conjunction undefined; judge the members one by one instead.
    for (std::size_t index : checks.members) {
      const RegoCheck& check = checks_[index];
      rego::EvalResult one = check.query->evaluate(eval);
      if (!one.ok()) return eval_failure(check.policy, one.errors);
      each_result(one, [&](const Value& item) {
        decision.verdicts.push_back({check.policy, message_of(item),
                                     check.action, check.severity,
                                     &check.info});
      });
    }
    return Status::ok();
  }
  for (const rego::ResultRow& row : result.rows) {
    for (const auto& [name, value] : row.bindings) {
      std::size_t n = std::strtoul(name.c_str() + 1, nullptr, 10);
      if (name.empty() || name[0] != 'c' || n >= checks.members.size()) {
        continue;
      }
      const RegoCheck& check = checks_[checks.members[n]];
      each_item(value, [&](const Value& item) {
        decision.verdicts.push_back({check.policy, message_of(item),
                                     check.action, check.severity,
                                     &check.info});
      });
    }
  }
  return Status::ok();
}

Severity constraint_severity(Action action) {
  switch (action) {
    case Action::kDeny:
      return Severity::kHigh;
    case Action::kWarn:
      return Severity::kMedium;
    case Action::kDryRun:
      return Severity::kLow;
  }
  return Severity::kUnknown;
}

Status PolicySetImpl::run_constraints(const Subject& subject,
                                      const rego::EvalOptions& base,
                                      Decision& decision) const {
  rego::EvalOptions eval = base;
  for (const Constraint& constraint : gatekeeper_.constraints) {
    if (!matches(constraint.match, subject.match)) continue;
    const Template& tmpl = gatekeeper_.templates[constraint.template_index];
    eval.input =
        Value::object_sorted({{key("parameters"), constraint.parameters},
                              {key("review"), *subject.request}});
    std::string policy = constraint.kind + "/" + constraint.name;
    rego::EvalResult result = tmpl.violation->evaluate(eval);
    if (!result.ok()) return eval_failure(policy, result.errors);
    each_result(result, [&](const Value& value) {
      decision.verdicts.push_back({policy, message_of(value), constraint.action,
                                   constraint_severity(constraint.action),
                                   &constraint.info});
    });
  }
  return Status::ok();
}

Result<Decision> PolicySetImpl::judge(const Subject& subject,
                                      const ReviewOptions& options) const {
  auto limits = limits_for(options);
  if (!limits) return limits.status();
  rego::EvalOptions eval;
  eval.has_input = true;
  eval.limits = *limits;

  Decision decision;
  RAMPART_RETURN_IF_ERROR(run_checks(subject, eval, decision));
  RAMPART_RETURN_IF_ERROR(run_constraints(subject, eval, decision));
  decision.allowed =
      std::none_of(decision.verdicts.begin(), decision.verdicts.end(),
                   [](const Verdict& v) { return v.action == Action::kDeny; });
  return decision;
}

Result<Decision> PolicySetImpl::validate(const AdmissionRequest& request,
                                         const ReviewOptions& options) const {
  Subject subject = make_subject(request.request, request.api_version, options);
  return judge(subject, options);
}

Result<Decision> PolicySetImpl::mutate(const AdmissionRequest& request,
                                       const ReviewOptions& options) const {
  Decision decision;
  if (!mutation_) return decision;
  auto limits = limits_for(options);
  if (!limits) return limits.status();
  Subject subject = make_subject(request.request, request.api_version, options);
  auto patch = mutation_->patch(subject.review, *limits);
  if (!patch) return patch.status();
  decision.patch = std::move(*patch);
  return decision;
}

Result<Decision> PolicySetImpl::review_object(
    const Value& object, const ReviewOptions& options) const {
  if (!object.is_object()) {
    return Status(StatusCode::kInvalidArgument,
                  "a Kubernetes object must be a map");
  }
  Value review = misconfig::admission_review_for(object);
  const Value* request = member(review, "request");
  Subject subject = make_subject(*request, "admission.k8s.io/v1", options);
  return judge(subject, options);
}

std::vector<std::string> PolicySetImpl::policy_names() const {
  std::vector<std::string> names;
  for (const RegoCheck& check : checks_) names.push_back(check.policy);
  for (const Constraint& constraint : gatekeeper_.constraints) {
    names.push_back(constraint.kind + "/" + constraint.name);
  }
  if (mutation_) {
    for (const std::string& name : mutation_->names()) names.push_back(name);
  }
  return names;
}

}  // namespace

Result<std::shared_ptr<const PolicySet>> PolicySet::load(
    const PolicySources& sources) {
  auto set = std::make_shared<PolicySetImpl>();
  RAMPART_RETURN_IF_ERROR(set->load(sources));
  return std::shared_ptr<const PolicySet>(std::move(set));
}

}  // namespace rampart::admission
