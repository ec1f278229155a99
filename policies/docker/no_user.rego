# METADATA
# title: "Image runs as root (no USER)"
# description: >-
#   Without a USER instruction in the final stage the container runs as
#   root unless the platform overrides it.
# custom:
#   id: RP-DF-001
#   severity: HIGH
#   input: dockerfile
#   remediation: >-
#     Create an unprivileged user and add USER with it (a numeric UID such
#     as 10001 works with runAsNonRoot) at the end of the final stage.
#   references:
#   - https://docs.docker.com/build/building/best-practices/#user
#   - https://docs.docker.com/reference/dockerfile/#user
package rampart.docker.no_user

import rego.v1

import data.rampart.lib.docker

has_user(stage) if {
	some ins in stage.instructions
	ins.cmd == "user"
}

deny contains res if {
	stage := docker.final_stage
	not has_user(stage)
	msg := sprintf("The final stage (FROM %s) sets no USER, so the container runs as root", [stage.image])
	res := docker.result(msg, ["stages", docker.final_stage_index, "from"])
}
