package rampart.docker.root_user_test

import rego.v1

import data.rampart.docker.root_user as check
import data.rampart.lib.fixtures as fx

test_root_last_denied if {
	count(check.deny) == 1 with input as fx.dockerfile(fx.good_base, [fx.user_instruction("app"), fx.user_instruction("root")])
	count(check.deny) == 1 with input as fx.dockerfile(fx.good_base, [fx.user_instruction("0:0")])
}

test_root_then_user_allowed if {
	count(check.deny) == 0 with input as fx.dockerfile(fx.good_base, [fx.user_instruction("root"), fx.instruction("run", "apk add x"), fx.user_instruction("10001")])
}
