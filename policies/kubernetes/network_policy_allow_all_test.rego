package rampart.k8s.network_policy_allow_all_test

import rego.v1

import data.rampart.k8s.network_policy_allow_all as check
import data.rampart.lib.fixtures as fx

policy(ingress) := {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "np", "namespace": "apps"}, "spec": {"podSelector": {}, "policyTypes": ["Ingress"], "ingress": ingress}}

test_allow_all_denied if {
	count(check.deny) == 1 with input as policy([{}])
}

test_selected_sources_allowed if {
	count(check.deny) == 0 with input as policy([{"from": [{"podSelector": {"matchLabels": {"app": "web"}}}]}])
}
