package rampart.k8s.seccomp_unconfined_test

import rego.v1

import data.rampart.k8s.seccomp_unconfined as check
import data.rampart.lib.fixtures as fx

test_unconfined_container_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"securityContext": {"seccompProfile": {"type": "Unconfined"}}})
}

test_unconfined_pod_denied if {
	count(check.deny) == 1 with input as fx.pod_spec_with({"securityContext": {"seccompProfile": {"type": "Unconfined"}}})
}

test_runtime_default_allowed if {
	count(check.deny) == 0 with input as fx.good_pod
}
