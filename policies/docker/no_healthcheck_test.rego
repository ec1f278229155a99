package rampart.docker.no_healthcheck_test

import rego.v1

import data.rampart.docker.no_healthcheck as check
import data.rampart.lib.fixtures as fx

test_missing_denied if {
	count(check.deny) == 1 with input as fx.dockerfile(fx.good_base, [fx.user_instruction("1000")])
}

test_present_allowed if {
	count(check.deny) == 0 with input as fx.good_dockerfile
}
