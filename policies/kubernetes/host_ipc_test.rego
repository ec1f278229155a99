package rampart.k8s.host_ipc_test

import rego.v1

import data.rampart.k8s.host_ipc as check
import data.rampart.lib.fixtures as fx

test_hostIPC_denied if {
	count(check.deny) == 1 with input as fx.pod_spec_with({"hostIPC": true})
}

test_hostIPC_in_cronjob_denied if {
	denied := check.deny with input as fx.cronjob(fx.pod_spec_with({"hostIPC": true}))
	some r in denied
	r.path == ["spec", "jobTemplate", "spec", "template", "spec", "hostIPC"]
}

test_hostIPC_false_allowed if {
	count(check.deny) == 0 with input as fx.pod_spec_with({"hostIPC": false})
}
