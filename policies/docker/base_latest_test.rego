package rampart.docker.base_latest_test

import rego.v1

import data.rampart.docker.base_latest as check
import data.rampart.lib.fixtures as fx

test_bad_base_denied if {
	denied := check.deny with input as fx.dockerfile("node:latest", fx.good_dockerfile_instructions)
	some r in denied
	r.path == ["stages", 0, "from"]
}

test_good_base_allowed if {
	count(check.deny) == 0 with input as fx.dockerfile("node:20.11-bookworm", fx.good_dockerfile_instructions)
	count(check.deny) == 0 with input as fx.dockerfile("scratch", fx.good_dockerfile_instructions)
	count(check.deny) == 0 with input as fx.good_dockerfile
}
