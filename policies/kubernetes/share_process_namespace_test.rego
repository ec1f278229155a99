package rampart.k8s.share_process_namespace_test

import rego.v1

import data.rampart.k8s.share_process_namespace as check
import data.rampart.lib.fixtures as fx

test_shared_denied if {
	count(check.deny) == 1 with input as fx.pod_spec_with({"shareProcessNamespace": true})
}

test_default_allowed if {
	count(check.deny) == 0 with input as fx.good_pod
}
