package rampart.k8s.host_path_test

import rego.v1

import data.rampart.k8s.host_path as check
import data.rampart.lib.fixtures as fx

test_host_path_denied if {
	denied := check.deny with input as fx.pod_spec_with({"volumes": [{"name": "logs", "hostPath": {"path": "/var/log"}}]})
	some r in denied
	r.path == ["spec", "volumes", 0, "hostPath"]
}

test_empty_dir_allowed if {
	count(check.deny) == 0 with input as fx.pod_spec_with({"volumes": [{"name": "tmp", "emptyDir": {}}]})
}
