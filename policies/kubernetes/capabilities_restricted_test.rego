package rampart.k8s.capabilities_restricted_test

import rego.v1

import data.rampart.k8s.capabilities_restricted as check
import data.rampart.lib.fixtures as fx

test_chown_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"securityContext": {"capabilities": {"add": ["CHOWN"]}}})
}

test_net_bind_allowed if {
	count(check.deny) == 0 with input as fx.pod_with({"securityContext": {"capabilities": {"add": ["NET_BIND_SERVICE"]}}})
}
