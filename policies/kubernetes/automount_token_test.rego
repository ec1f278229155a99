package rampart.k8s.automount_token_test

import rego.v1

import data.rampart.k8s.automount_token as check
import data.rampart.lib.fixtures as fx

test_default_denied if {
	count(check.deny) == 1 with input as fx.pod_spec_with({"automountServiceAccountToken": true})
}

test_disabled_allowed if {
	count(check.deny) == 0 with input as fx.good_pod
}
