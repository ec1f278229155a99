# METADATA
# title: "Binding to cluster-admin"
# description: >-
#   cluster-admin can do anything in the cluster; a subject bound to it
#   turns any compromise of that subject into a cluster compromise.
# custom:
#   id: RP-K8S-034
#   severity: HIGH
#   input: kubernetes
#   kinds: [ClusterRoleBinding, RoleBinding]
#   remediation: >-
#     Bind a role with only the permissions the subject needs.
#   references:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#   - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
package rampart.k8s.cluster_admin_binding

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	input.roleRef.kind == "ClusterRole"
	input.roleRef.name == "cluster-admin"
	msg := sprintf("%s grants cluster-admin", [k8s.object_label])
	res := k8s.result(msg, ["roleRef", "name"])
}
