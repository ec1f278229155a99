package rampart.k8s.selinux_test

import rego.v1

import data.rampart.k8s.selinux as check
import data.rampart.lib.fixtures as fx

test_spc_type_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"securityContext": {"seLinuxOptions": {"type": "spc_t"}}})
}

test_pod_level_user_denied if {
	count(check.deny) == 1 with input as fx.pod_spec_with({"securityContext": {"seLinuxOptions": {"user": "system_u"}}})
}

test_container_type_allowed if {
	count(check.deny) == 0 with input as fx.pod_with({"securityContext": {"seLinuxOptions": {"type": "container_t", "level": "s0:c123,c456"}}})
}
