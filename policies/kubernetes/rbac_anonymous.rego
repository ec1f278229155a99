# METADATA
# title: "Binding grants access to anonymous users"
# description: >-
#   Binding a role to system:anonymous or system:unauthenticated gives its
#   permissions to anyone who can reach the API server.
# custom:
#   id: RP-K8S-047
#   severity: CRITICAL
#   input: kubernetes
#   kinds: [ClusterRoleBinding, RoleBinding]
#   remediation: >-
#     Remove the anonymous subjects from the binding.
#   references:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#   - https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests
package rampart.k8s.rbac_anonymous

import rego.v1

import data.rampart.lib.k8s

anonymous := {"system:anonymous", "system:unauthenticated"}

deny contains res if {
	some i, subject in input.subjects
	anonymous[subject.name]
	msg := sprintf("%s grants %s to %s", [k8s.object_label, object.get(input, ["roleRef", "name"], ""), subject.name])
	res := k8s.result(msg, ["subjects", i])
}
