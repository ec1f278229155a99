package rampart.k8s.host_ports_test

import rego.v1

import data.rampart.k8s.host_ports as check
import data.rampart.lib.fixtures as fx

test_host_port_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"ports": [{"containerPort": 80, "hostPort": 8080}]})
}

test_container_port_allowed if {
	count(check.deny) == 0 with input as fx.pod_with({"ports": [{"containerPort": 80}]})
}
