package rampart.k8s.service_node_port_test

import rego.v1

import data.rampart.k8s.service_node_port as check
import data.rampart.lib.fixtures as fx

service(type) := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "apps"}, "spec": {"type": type, "ports": [{"port": 80}]}}

test_nodeport_denied if {
	count(check.deny) == 1 with input as service("NodePort")
}

test_cluster_ip_allowed if {
	count(check.deny) == 0 with input as service("ClusterIP")
}
