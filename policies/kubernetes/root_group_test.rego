package rampart.k8s.root_group_test

import rego.v1

import data.rampart.k8s.root_group as check
import data.rampart.lib.fixtures as fx

test_run_as_group_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"securityContext": {"runAsGroup": 0}})
}

test_fs_group_denied if {
	count(check.deny) == 1 with input as fx.pod_spec_with({"securityContext": {"fsGroup": 0}})
	count(check.deny) == 1 with input as fx.pod_spec_with({"securityContext": {"supplementalGroups": [1000, 0]}})
}

test_non_root_groups_allowed if {
	count(check.deny) == 0 with input as fx.pod_spec_with({"securityContext": {"fsGroup": 2000, "supplementalGroups": [3000]}})
}
