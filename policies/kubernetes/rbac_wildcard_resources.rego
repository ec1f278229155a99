# METADATA
# title: "Role grants access to every resource"
# description: >-
#   A wildcard resource grants access to every resource type of the API
#   groups, secrets included, and to types added later.
# custom:
#   id: RP-K8S-032
#   severity: HIGH
#   input: kubernetes
#   kinds: [Role, ClusterRole]
#   remediation: >-
#     List the resources the subject needs instead of '*'.
#   references:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
package rampart.k8s.rbac_wildcard_resources

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some r in k8s.rbac_rules
	"*" in r.rule.resources
	msg := sprintf("%s grants access to every resource ('*')", [k8s.object_label])
	res := k8s.result(msg, r.path)
}
