# METADATA
# title: "Image runs as root (USER root)"
# description: >-
#   The last USER of the final stage is root (or UID 0), so the container
#   runs with full privileges inside it.
# custom:
#   id: RP-DF-002
#   severity: HIGH
#   input: dockerfile
#   remediation: >-
#     Switch to an unprivileged user with a final USER instruction.
#   references:
#   - https://docs.docker.com/build/building/best-practices/#user
package rampart.docker.root_user

import rego.v1

import data.rampart.lib.docker

deny contains res if {
	stage := docker.final_stage
	users := [ii | some ii, ins in stage.instructions; ins.cmd == "user"]
	count(users) > 0
	last := users[count(users) - 1]
	ins := stage.instructions[last]
	lower(ins.user) in {"root", "0"}
	msg := sprintf("Line %d: the final USER is %s", [ins.start_line, ins.user])
	res := docker.result(msg, ["stages", docker.final_stage_index, "instructions", last])
}
