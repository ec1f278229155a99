package rampart.docker.apk_no_cache_test

import rego.v1

import data.rampart.docker.apk_no_cache as check
import data.rampart.lib.fixtures as fx

test_bad_run_denied if {
	denied := check.deny with input as fx.dockerfile_with([fx.instruction("run", "apk update && apk add curl")])
	some r in denied
	r.path == ["stages", 0, "instructions", 0]
}

test_good_run_allowed if {
	count(check.deny) == 0 with input as fx.dockerfile_with([fx.instruction("run", "apk add --no-cache curl")])
	count(check.deny) == 0 with input as fx.good_dockerfile
}
