package rampart.k8s.run_as_root_user_test

import rego.v1

import data.rampart.k8s.run_as_root_user as check
import data.rampart.lib.fixtures as fx

test_container_root_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"securityContext": {"runAsUser": 0}})
}

test_pod_root_denied if {
	c := object.remove(fx.good_container, ["securityContext"])
	denied := check.deny with input as fx.pod([c], {"securityContext": {"runAsUser": 0}})
	some r in denied
	r.path == ["spec", "securityContext", "runAsUser"]
}

test_non_root_allowed if {
	count(check.deny) == 0 with input as fx.good_pod
}
