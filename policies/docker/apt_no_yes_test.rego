package rampart.docker.apt_no_yes_test

import rego.v1

import data.rampart.docker.apt_no_yes as check
import data.rampart.lib.fixtures as fx

test_bad_run_denied if {
	denied := check.deny with input as fx.dockerfile_with([fx.instruction("run", "apt-get install --no-install-recommends curl")])
	some r in denied
	r.path == ["stages", 0, "instructions", 0]
}

test_good_run_allowed if {
	count(check.deny) == 0 with input as fx.dockerfile_with([fx.instruction("run", "apt-get install -qy --no-install-recommends curl")])
	count(check.deny) == 0 with input as fx.good_dockerfile
}
