package rampart.k8s.volume_types_test

import rego.v1

import data.rampart.k8s.volume_types as check
import data.rampart.lib.fixtures as fx

test_nfs_volume_denied if {
	count(check.deny) == 1 with input as fx.pod_spec_with({"volumes": [{"name": "data", "nfs": {"server": "nfs", "path": "/x"}}]})
}

test_allowed_volumes_allowed if {
	volumes := [{"name": "a", "emptyDir": {}}, {"name": "b", "configMap": {"name": "c"}}, {"name": "d", "persistentVolumeClaim": {"claimName": "x"}}]
	count(check.deny) == 0 with input as fx.pod_spec_with({"volumes": volumes})
}
