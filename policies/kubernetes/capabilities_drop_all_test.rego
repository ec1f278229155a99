package rampart.k8s.capabilities_drop_all_test

import rego.v1

import data.rampart.k8s.capabilities_drop_all as check
import data.rampart.lib.fixtures as fx

test_no_drop_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"securityContext": {"capabilities": {"drop": ["NET_RAW"]}}})
}

test_drop_all_allowed if {
	count(check.deny) == 0 with input as fx.good_pod
}
