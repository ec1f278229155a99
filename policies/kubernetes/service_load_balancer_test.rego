package rampart.k8s.service_load_balancer_test

import rego.v1

import data.rampart.k8s.service_load_balancer as check
import data.rampart.lib.fixtures as fx

service(type) := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "apps"}, "spec": {"type": type, "ports": [{"port": 80}]}}

test_loadbalancer_denied if {
	count(check.deny) == 1 with input as service("LoadBalancer")
}

test_cluster_ip_allowed if {
	count(check.deny) == 0 with input as service("ClusterIP")
}
