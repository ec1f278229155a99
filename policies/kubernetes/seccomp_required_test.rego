package rampart.k8s.seccomp_required_test

import rego.v1

import data.rampart.k8s.seccomp_required as check
import data.rampart.lib.fixtures as fx

test_missing_denied if {
	c := object.remove(fx.good_container, ["securityContext"])
	count(check.deny) == 1 with input as fx.pod([c], {"securityContext": {"seccompProfile": null}})
}

test_inherited_allowed if {
	c := object.remove(fx.good_container, ["securityContext"])
	count(check.deny) == 0 with input as fx.pod([c], {})
}

test_localhost_allowed if {
	count(check.deny) == 0 with input as fx.pod_with({"securityContext": {"seccompProfile": {"type": "Localhost", "localhostProfile": "p.json"}}})
}
