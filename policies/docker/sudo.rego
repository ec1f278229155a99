# METADATA
# title: "sudo in a RUN step"
# description: >-
#   Build steps already run as the current USER; sudo in an image adds a
#   setuid binary and usually hides a user that should be root for that
#   step only.
# custom:
#   id: RP-DF-011
#   severity: MEDIUM
#   input: dockerfile
#   remediation: >-
#     Drop sudo: run the step before USER switches to the unprivileged user,
#     or use a dedicated stage.
#   references:
#   - https://docs.docker.com/build/building/best-practices/#user
package rampart.docker.sudo

import rego.v1

import data.rampart.lib.docker

deny contains res if {
	some i in docker.commands("run")
	text := i.instruction.text
	regex.match(`(^|[;&|(]|\s)sudo\s`, text)
	msg := sprintf("Line %d: uses sudo", [i.instruction.start_line])
	res := docker.result(msg, i.path)
}
