package rampart.k8s.privilege_escalation_test

import rego.v1

import data.rampart.k8s.privilege_escalation as check
import data.rampart.lib.fixtures as fx

test_missing_denied if {
	c := object.remove(fx.good_container, ["securityContext"])
	denied := check.deny with input as fx.pod([c], {})
	some r in denied
	r.path == ["spec", "containers", 0, "securityContext", "allowPrivilegeEscalation"]
}

test_true_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"securityContext": {"allowPrivilegeEscalation": true}})
}

test_false_allowed if {
	count(check.deny) == 0 with input as fx.good_pod
}
