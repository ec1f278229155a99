# METADATA
# title: "No HEALTHCHECK"
# description: >-
#   Without a HEALTHCHECK, Docker and Compose cannot tell a hung container
#   from a healthy one (Kubernetes uses probes instead).
# custom:
#   id: RP-DF-014
#   severity: LOW
#   input: dockerfile
#   remediation: >-
#     Add a HEALTHCHECK to the final stage, or HEALTHCHECK NONE to say none
#     is wanted.
#   references:
#   - https://docs.docker.com/reference/dockerfile/#healthcheck
package rampart.docker.no_healthcheck

import rego.v1

import data.rampart.lib.docker

deny contains res if {
	stage := docker.final_stage
	not has_healthcheck(stage)
	msg := sprintf("The final stage (FROM %s) has no HEALTHCHECK", [stage.image])
	res := docker.result(msg, ["stages", docker.final_stage_index, "from"])
}

has_healthcheck(stage) if {
	some ins in stage.instructions
	ins.cmd == "healthcheck"
}
