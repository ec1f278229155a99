package rampart.k8s.read_only_root_fs_test

import rego.v1

import data.rampart.k8s.read_only_root_fs as check
import data.rampart.lib.fixtures as fx

test_writable_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"securityContext": {"readOnlyRootFilesystem": false}})
}

test_read_only_allowed if {
	count(check.deny) == 0 with input as fx.good_pod
}
