# METADATA
# title: "Role grants every verb"
# description: >-
#   A wildcard verb grants every action on the resources, including ones
#   added in later Kubernetes versions.
# custom:
#   id: RP-K8S-031
#   severity: HIGH
#   input: kubernetes
#   kinds: [Role, ClusterRole]
#   remediation: >-
#     List the verbs the subject needs instead of '*'.
#   references:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
package rampart.k8s.rbac_wildcard_verbs

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some r in k8s.rbac_rules
	"*" in r.rule.verbs
	msg := sprintf("%s grants every verb ('*')", [k8s.object_label])
	res := k8s.result(msg, r.path)
}
