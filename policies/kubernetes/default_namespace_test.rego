package rampart.k8s.default_namespace_test

import rego.v1

import data.rampart.k8s.default_namespace as check
import data.rampart.lib.fixtures as fx

test_default_denied if {
	count(check.deny) == 1 with input as object.union(fx.good_pod, {"metadata": {"namespace": "default"}})
}

test_own_namespace_allowed if {
	count(check.deny) == 0 with input as fx.good_pod
}
