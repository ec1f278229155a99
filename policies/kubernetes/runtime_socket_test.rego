package rampart.k8s.runtime_socket_test

import rego.v1

import data.rampart.k8s.runtime_socket as check
import data.rampart.lib.fixtures as fx

test_docker_socket_denied if {
	count(check.deny) == 1 with input as fx.pod_spec_with({"volumes": [{"name": "d", "hostPath": {"path": "/var/run/docker.sock"}}]})
}

test_other_host_path_not_this_check if {
	count(check.deny) == 0 with input as fx.pod_spec_with({"volumes": [{"name": "d", "hostPath": {"path": "/var/log"}}]})
}
