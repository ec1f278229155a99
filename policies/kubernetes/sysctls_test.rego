package rampart.k8s.sysctls_test

import rego.v1

import data.rampart.k8s.sysctls as check
import data.rampart.lib.fixtures as fx

test_unsafe_sysctl_denied if {
	count(check.deny) == 1 with input as fx.pod_spec_with({"securityContext": {"sysctls": [{"name": "kernel.msgmax", "value": "65536"}]}})
}

test_safe_sysctl_allowed if {
	count(check.deny) == 0 with input as fx.pod_spec_with({"securityContext": {"sysctls": [{"name": "net.ipv4.tcp_syncookies", "value": "1"}]}})
}
