# METADATA
# title: "More than one CMD in a stage"
# description: >-
#   Only the last CMD of a stage takes effect; the earlier ones are dead
#   code that misleads readers about what the image runs.
# custom:
#   id: RP-DF-015
#   severity: MEDIUM
#   input: dockerfile
#   remediation: >-
#     Keep one CMD per stage.
#   references:
#   - https://docs.docker.com/reference/dockerfile/#cmd
package rampart.docker.multiple_cmd

import rego.v1

import data.rampart.lib.docker

deny contains res if {
	some si, stage in docker.stages
	found := [ii | some ii, ins in stage.instructions; ins.cmd == "cmd"]
	count(found) > 1
	some k in numbers.range(0, count(found) - 2)
	ins := stage.instructions[found[k]]
	msg := sprintf("Line %d: CMD is overridden by a later CMD in the same stage", [ins.start_line])
	res := docker.result(msg, ["stages", si, "instructions", found[k]])
}
