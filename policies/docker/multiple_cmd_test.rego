package rampart.docker.multiple_cmd_test

import rego.v1

import data.rampart.docker.multiple_cmd as check
import data.rampart.lib.fixtures as fx

test_two_denied if {
	count(check.deny) == 1 with input as fx.dockerfile(fx.good_base, [fx.instruction("cmd", "a"), fx.instruction("cmd", "b")])
}

test_one_allowed if {
	count(check.deny) == 0 with input as fx.dockerfile(fx.good_base, [fx.instruction("cmd", "a")])
	count(check.deny) == 0 with input as fx.good_dockerfile
}
