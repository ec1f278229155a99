# METADATA
# title: "Port 22 exposed"
# description: >-
#   Exposing SSH suggests an SSH server in the container: another service
#   to patch and a way in that bypasses the platform's access controls.
# custom:
#   id: RP-DF-013
#   severity: MEDIUM
#   input: dockerfile
#   remediation: >-
#     Remove port 22 from EXPOSE and use kubectl exec or docker exec for
#     access.
#   references:
#   - https://docs.docker.com/reference/dockerfile/#expose
package rampart.docker.expose_ssh

import rego.v1

import data.rampart.lib.docker

deny contains res if {
	some i in docker.commands("expose")
	some port in i.instruction.ports
	split(port, "/")[0] == "22"
	msg := sprintf("Line %d: EXPOSE %s", [i.instruction.start_line, port])
	res := docker.result(msg, i.path)
}
