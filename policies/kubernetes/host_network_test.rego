package rampart.k8s.host_network_test

import rego.v1

import data.rampart.k8s.host_network as check
import data.rampart.lib.fixtures as fx

test_hostNetwork_denied if {
	count(check.deny) == 1 with input as fx.pod_spec_with({"hostNetwork": true})
}

test_hostNetwork_in_cronjob_denied if {
	denied := check.deny with input as fx.cronjob(fx.pod_spec_with({"hostNetwork": true}))
	some r in denied
	r.path == ["spec", "jobTemplate", "spec", "template", "spec", "hostNetwork"]
}

test_hostNetwork_false_allowed if {
	count(check.deny) == 0 with input as fx.pod_spec_with({"hostNetwork": false})
}
