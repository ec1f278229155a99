package rampart.docker.no_user_test

import rego.v1

import data.rampart.docker.no_user as check
import data.rampart.lib.fixtures as fx

test_no_user_denied if {
	denied := check.deny with input as fx.dockerfile(fx.good_base, [fx.instruction("run", "make")])
	some r in denied
	r.path == ["stages", 0, "from"]
}

test_user_allowed if {
	count(check.deny) == 0 with input as fx.good_dockerfile
}
