package rampart.k8s.rbac_anonymous_test

import rego.v1

import data.rampart.k8s.rbac_anonymous as check
import data.rampart.lib.fixtures as fx

binding(name) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": {"name": "b", "namespace": "apps"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "reader"}, "subjects": [{"kind": "Group", "name": name}]}

test_anonymous_denied if {
	count(check.deny) == 1 with input as binding("system:unauthenticated")
}

test_team_group_allowed if {
	count(check.deny) == 0 with input as binding("team-web")
}
