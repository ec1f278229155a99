# METADATA
# title: "More than one ENTRYPOINT in a stage"
# description: >-
#   Only the last ENTRYPOINT of a stage takes effect; the earlier ones are
#   dead code that misleads readers about what the image runs.
# custom:
#   id: RP-DF-016
#   severity: MEDIUM
#   input: dockerfile
#   remediation: >-
#     Keep one ENTRYPOINT per stage.
#   references:
#   - https://docs.docker.com/reference/dockerfile/#entrypoint
package rampart.docker.multiple_entrypoint

import rego.v1

import data.rampart.lib.docker

deny contains res if {
	some si, stage in docker.stages
	found := [ii | some ii, ins in stage.instructions; ins.cmd == "entrypoint"]
	count(found) > 1
	some k in numbers.range(0, count(found) - 2)
	ins := stage.instructions[found[k]]
	msg := sprintf("Line %d: ENTRYPOINT is overridden by a later ENTRYPOINT in the same stage", [ins.start_line])
	res := docker.result(msg, ["stages", si, "instructions", found[k]])
}
