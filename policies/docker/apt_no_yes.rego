# METADATA
# title: "apt-get install without -y"
# description: >-
#   Without -y apt-get waits for a confirmation that never comes in a
#   build, which fails or hangs it.
# custom:
#   id: RP-DF-009
#   severity: LOW
#   input: dockerfile
#   remediation: >-
#     Add -y (or --yes) to apt-get install.
#   references:
#   - https://docs.docker.com/build/building/best-practices/#apt-get
package rampart.docker.apt_no_yes

import rego.v1

import data.rampart.lib.docker

deny contains res if {
	some i in docker.commands("run")
	text := i.instruction.text
	regex.match(`apt-get\s+(\S+\s+)*install\b`, text)
	not regex.match(`apt-get[^;&|]*\s(-[a-zA-Z]*y[a-zA-Z]*|--yes|--assume-yes)(\s|$)`, text)
	msg := sprintf("Line %d: apt-get install without -y", [i.instruction.start_line])
	res := docker.result(msg, i.path)
}
