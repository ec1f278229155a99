package rampart.k8s.memory_limits_test

import rego.v1

import data.rampart.k8s.memory_limits as check
import data.rampart.lib.fixtures as fx

test_missing_memory_limits_denied if {
	c := object.union(fx.good_container, {"resources": {"limits": {"memory": null}}})
	bare := object.remove(fx.good_container, ["resources"])
	count(check.deny) == 1 with input as fx.pod([bare], {})
	count(check.deny) == 1 with input as fx.pod([c], {})
}

test_memory_limits_set_allowed if {
	count(check.deny) == 0 with input as fx.good_pod
}
