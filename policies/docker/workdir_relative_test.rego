package rampart.docker.workdir_relative_test

import rego.v1

import data.rampart.docker.workdir_relative as check
import data.rampart.lib.fixtures as fx

test_relative_denied if {
	count(check.deny) == 1 with input as fx.dockerfile_with([fx.instruction("workdir", "app")])
}

test_absolute_allowed if {
	count(check.deny) == 0 with input as fx.dockerfile_with([fx.instruction("workdir", "/app"), fx.instruction("workdir", "C:\\app")])
}
