# METADATA
# title: "Role can read secrets"
# description: >-
#   get, list or watch on secrets reveals every credential of the
#   namespace (or cluster), including service account tokens.
# custom:
#   id: RP-K8S-033
#   severity: HIGH
#   input: kubernetes
#   kinds: [Role, ClusterRole]
#   remediation: >-
#     Remove read access to secrets, or limit it with resourceNames to the
#     secrets the subject needs.
#   references:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
package rampart.k8s.rbac_secrets

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some r in k8s.rbac_rules
	"secrets" in r.rule.resources
	some verb in r.rule.verbs
	verb in {"get", "list", "watch", "*"}
	not r.rule.resourceNames
	msg := sprintf("%s can read secrets", [k8s.object_label])
	res := k8s.result(msg, r.path)
}
