package rampart.k8s.proc_mount_test

import rego.v1

import data.rampart.k8s.proc_mount as check
import data.rampart.lib.fixtures as fx

test_unmasked_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"securityContext": {"procMount": "Unmasked"}})
}

test_default_allowed if {
	count(check.deny) == 0 with input as fx.pod_with({"securityContext": {"procMount": "Default"}})
}
