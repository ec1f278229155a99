// SPDX-License-Identifier: Apache-2.0
//
// Gatekeeper compatibility: ConstraintTemplates (templates.gatekeeper.sh
// v1, v1beta1, v1alpha1) compiled once each, and Constraints
// (constraints.gatekeeper.sh) with their match block, parameters and
// enforcementAction. Private to rampart_admission; PolicySet drives it.
//
// Format subset accepted. A template gives its constraint kind in
// spec.crd.spec.names.kind and its Rego in spec.targets[] (the
// admission.k8s.gatekeeper.sh target, or the only one): `rego` plus
// optional `libs`, or `code` entries with engine "Rego" (source.rego,
// source.libs). Rego v0 syntax is read first, as Gatekeeper does, then v1.
// The policy's `violation` rule yields {"msg": ..., "details": ...}. A
// template whose Rego mentions `data.rampart.` is compiled together with
// the bundled check library, so it may wrap a bundled check. A
// constraint's spec.match supports kinds, namespaces, excludedNamespaces
// (with a `*` at the start or end of a pattern), name (same globbing),
// scope (Cluster, Namespaced, *), labelSelector and namespaceSelector
// (matchLabels; matchExpressions with In, NotIn, Exists, DoesNotExist).
// The openAPIV3Schema of parameters is not checked.
//
// The YAML files are untrusted: they go through the bounded YAML reader,
// each file is capped at kMaxConstraintFileBytes, and the engine bounds
// Rego parsing. Every error is a Status naming the file and line; a Rego
// error inside a template points at its line in the YAML file. Immutable
// once loaded; safe to share between threads.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "rampart/admission/admission.h"
#include "rampart/base/status.h"
#include "rampart/document/value.h"
#include "rampart/rego/engine.h"

namespace rampart::admission {

inline constexpr std::size_t kMaxConstraintFileBytes = 4u << 20;

// A compiled ConstraintTemplate.
struct Template {
  std::string kind;  // the constraint kind it defines, "K8sRequiredLabels"
  std::string file;
  // From metadata.annotations: metadata.gatekeeper.sh/title, description.
  std::string title;
  std::string description;
  std::shared_ptr<const rego::Policy> policy;
  std::shared_ptr<const rego::PreparedQuery> violation;
};

struct LabelRequirement {
  enum class Op { kIn, kNotIn, kExists, kDoesNotExist };
  std::string key;
  Op op = Op::kExists;
  std::vector<std::string> values;
};

// A Kubernetes label selector; an empty one matches everything.
struct LabelSelector {
  bool present = false;
  std::vector<std::pair<std::string, std::string>> match_labels;
  std::vector<LabelRequirement> expressions;

  bool matches(const Value& labels) const;
};

struct KindMatch {
  std::vector<std::string> groups;  // "" is the core group, "*" any
  std::vector<std::string> kinds;   // "*" any
};

enum class Scope { kAny, kCluster, kNamespaced };

struct Match {
  std::vector<KindMatch> kinds;  // empty: every kind
  std::vector<std::string> namespaces;
  std::vector<std::string> excluded_namespaces;
  std::string name;  // empty: any name
  Scope scope = Scope::kAny;
  LabelSelector labels;
  LabelSelector namespace_labels;
};

struct Constraint {
  std::string kind;
  std::string name;
  std::string file;
  int line = 0;
  std::size_t template_index = 0;
  Match match;
  Value parameters;
  Action action = Action::kDeny;
  PolicyInfo info;
};

// What matching needs to know about the object under review.
struct MatchSubject {
  std::string group;
  std::string kind;
  std::string ns;  // "" for cluster-scoped objects
  std::string name;
  Value labels;  // the object's metadata.labels (oldObject's on DELETE)
  // The namespace's labels; null when unknown. For a Namespace object,
  // its own labels.
  Value namespace_labels;
  bool is_namespace = false;
};

bool matches(const Match& match, const MatchSubject& subject);

// Gatekeeper's namespace patterns: exact, "prefix*" or "*suffix".
bool glob_matches(std::string_view pattern, std::string_view text);

struct Gatekeeper {
  std::vector<Template> templates;
  std::vector<Constraint> constraints;
};

// Reads every .yaml/.yml/.json file under `paths` (folders read
// recursively, or single files). Documents that are neither templates nor
// constraints are ignored. A constraint whose template is missing is an
// error. `inventory` becomes data.inventory (an empty object when null).
Result<Gatekeeper> load_gatekeeper(
    const std::vector<std::filesystem::path>& paths, const Value& inventory);

// The same from texts already in memory (file name, content), in order.
Result<Gatekeeper> load_gatekeeper_texts(
    std::vector<std::pair<std::string, std::string>> files,
    const Value& inventory);

}  // namespace rampart::admission
