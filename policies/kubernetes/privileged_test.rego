package rampart.k8s.privileged_test

import rego.v1

import data.rampart.k8s.privileged as check
import data.rampart.lib.fixtures as fx

test_privileged_container_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"securityContext": {"privileged": true}})
}

test_privileged_init_container_in_deployment_denied if {
	init := fx.container({"name": "init", "securityContext": {"privileged": true}})
	denied := check.deny with input as fx.deployment(fx.pod([fx.good_container], {"initContainers": [init]}))
	some r in denied
	r.path == ["spec", "template", "spec", "initContainers", 0, "securityContext", "privileged"]
}

test_unprivileged_container_allowed if {
	count(check.deny) == 0 with input as fx.pod_with({"securityContext": {"privileged": false}})
}
