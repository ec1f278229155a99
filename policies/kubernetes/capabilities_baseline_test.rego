package rampart.k8s.capabilities_baseline_test

import rego.v1

import data.rampart.k8s.capabilities_baseline as check
import data.rampart.lib.fixtures as fx

test_sys_admin_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"securityContext": {"capabilities": {"add": ["SYS_ADMIN"]}}})
}

test_prefixed_name_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"securityContext": {"capabilities": {"add": ["CAP_NET_ADMIN"]}}})
}

test_baseline_capability_allowed if {
	count(check.deny) == 0 with input as fx.pod_with({"securityContext": {"capabilities": {"add": ["NET_BIND_SERVICE", "CHOWN"]}}})
}
