package rampart.k8s.rbac_wildcard_resources_test

import rego.v1

import data.rampart.k8s.rbac_wildcard_resources as check
import data.rampart.lib.fixtures as fx

role(rule) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "r"}, "rules": [rule]}

test_rule_denied if {
	denied := check.deny with input as role({"apiGroups": ["apps"], "resources": ["*"], "verbs": ["get"]})
	some r in denied
	r.path == ["rules", 0]
}

test_namespaced_role_denied if {
	count(check.deny) == 1 with input as object.union(role({"apiGroups": ["apps"], "resources": ["*"], "verbs": ["get"]}), {"kind": "Role", "metadata": {"namespace": "apps"}})
}

test_narrow_rule_allowed if {
	count(check.deny) == 0 with input as role({"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get"]})
}
