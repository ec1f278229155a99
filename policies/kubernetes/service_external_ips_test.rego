package rampart.k8s.service_external_ips_test

import rego.v1

import data.rampart.k8s.service_external_ips as check
import data.rampart.lib.fixtures as fx

test_external_ips_denied if {
	count(check.deny) == 1 with input as {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": {"externalIPs": ["203.0.113.7"]}}
}

test_plain_service_allowed if {
	count(check.deny) == 0 with input as {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": {"ports": [{"port": 80}]}}
}
