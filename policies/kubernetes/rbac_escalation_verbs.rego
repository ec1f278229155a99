# METADATA
# title: "Role can escalate, bind or impersonate"
# description: >-
#   The escalate, bind and impersonate verbs let a subject grant itself
#   permissions it does not hold or act as another user.
# custom:
#   id: RP-K8S-041
#   severity: HIGH
#   input: kubernetes
#   kinds: [Role, ClusterRole]
#   remediation: >-
#     Remove the escalate, bind and impersonate verbs.
#   references:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#   - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping
package rampart.k8s.rbac_escalation_verbs

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some r in k8s.rbac_rules
	some verb in r.rule.verbs
	verb in {"escalate", "bind", "impersonate"}
	msg := sprintf("%s can escalate, bind or impersonate", [k8s.object_label])
	res := k8s.result(msg, r.path)
}
