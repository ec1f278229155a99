package rampart.k8s.host_pid_test

import rego.v1

import data.rampart.k8s.host_pid as check
import data.rampart.lib.fixtures as fx

test_hostPID_denied if {
	count(check.deny) == 1 with input as fx.pod_spec_with({"hostPID": true})
}

test_hostPID_in_cronjob_denied if {
	denied := check.deny with input as fx.cronjob(fx.pod_spec_with({"hostPID": true}))
	some r in denied
	r.path == ["spec", "jobTemplate", "spec", "template", "spec", "hostPID"]
}

test_hostPID_false_allowed if {
	count(check.deny) == 0 with input as fx.pod_spec_with({"hostPID": false})
}
