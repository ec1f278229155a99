# METADATA
# title: "Role can exec or attach into pods"
# description: >-
#   create on pods/exec or pods/attach runs commands inside any pod in
#   scope, with that pod's service account and secrets.
# custom:
#   id: RP-K8S-040
#   severity: HIGH
#   input: kubernetes
#   kinds: [Role, ClusterRole]
#   remediation: >-
#     Remove pods/exec and pods/attach from the role; grant them only to
#     break-glass roles.
#   references:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
package rampart.k8s.rbac_pod_exec

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some r in k8s.rbac_rules
	some resource in r.rule.resources
	resource in {"pods/exec", "pods/attach"}
	some verb in r.rule.verbs
	verb in {"create", "get", "*"}
	msg := sprintf("%s can exec or attach into pods", [k8s.object_label])
	res := k8s.result(msg, r.path)
}
