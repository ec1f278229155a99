package rampart.k8s.host_process_test

import rego.v1

import data.rampart.k8s.host_process as check
import data.rampart.lib.fixtures as fx

test_host_process_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"securityContext": {"windowsOptions": {"hostProcess": true}}})
	count(check.deny) == 1 with input as fx.pod_spec_with({"securityContext": {"windowsOptions": {"hostProcess": true}}})
}

test_not_host_process_allowed if {
	count(check.deny) == 0 with input as fx.pod_with({"securityContext": {"windowsOptions": {"hostProcess": false}}})
}
