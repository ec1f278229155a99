package rampart.docker.sudo_test

import rego.v1

import data.rampart.docker.sudo as check
import data.rampart.lib.fixtures as fx

test_bad_run_denied if {
	denied := check.deny with input as fx.dockerfile_with([fx.instruction("run", "sudo apt-get update")])
	some r in denied
	r.path == ["stages", 0, "instructions", 0]
}

test_good_run_allowed if {
	count(check.deny) == 0 with input as fx.dockerfile_with([fx.instruction("run", "apt-get update")])
	count(check.deny) == 0 with input as fx.good_dockerfile
}
