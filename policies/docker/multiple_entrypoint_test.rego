package rampart.docker.multiple_entrypoint_test

import rego.v1

import data.rampart.docker.multiple_entrypoint as check
import data.rampart.lib.fixtures as fx

test_two_denied if {
	count(check.deny) == 1 with input as fx.dockerfile(fx.good_base, [fx.instruction("entrypoint", "a"), fx.instruction("entrypoint", "b")])
}

test_one_allowed if {
	count(check.deny) == 0 with input as fx.dockerfile(fx.good_base, [fx.instruction("entrypoint", "a")])
	count(check.deny) == 0 with input as fx.good_dockerfile
}
