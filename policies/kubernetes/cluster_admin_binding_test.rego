package rampart.k8s.cluster_admin_binding_test

import rego.v1

import data.rampart.k8s.cluster_admin_binding as check
import data.rampart.lib.fixtures as fx

binding(role) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "b"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role}, "subjects": [{"kind": "ServiceAccount", "name": "ci", "namespace": "ci"}]}

test_cluster_admin_denied if {
	count(check.deny) == 1 with input as binding("cluster-admin")
}

test_view_allowed if {
	count(check.deny) == 0 with input as binding("view")
}
