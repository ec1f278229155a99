package rampart.k8s.cpu_requests_test

import rego.v1

import data.rampart.k8s.cpu_requests as check
import data.rampart.lib.fixtures as fx

test_missing_cpu_requests_denied if {
	c := object.union(fx.good_container, {"resources": {"requests": {"cpu": null}}})
	bare := object.remove(fx.good_container, ["resources"])
	count(check.deny) == 1 with input as fx.pod([bare], {})
	count(check.deny) == 1 with input as fx.pod([c], {})
}

test_cpu_requests_set_allowed if {
	count(check.deny) == 0 with input as fx.good_pod
}
