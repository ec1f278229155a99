# METADATA
# title: "apt-get install without --no-install-recommends"
# description: >-
#   Recommended packages add size and attack surface that the image rarely
#   needs.
# custom:
#   id: RP-DF-008
#   severity: LOW
#   input: dockerfile
#   remediation: >-
#     Add --no-install-recommends to apt-get install.
#   references:
#   - https://docs.docker.com/build/building/best-practices/#apt-get
package rampart.docker.apt_no_install_recommends

import rego.v1

import data.rampart.lib.docker

deny contains res if {
	some i in docker.commands("run")
	text := i.instruction.text
	regex.match(`apt-get\s+(\S+\s+)*install\b`, text)
	not contains(text, "--no-install-recommends")
	msg := sprintf("Line %d: apt-get install without --no-install-recommends", [i.instruction.start_line])
	res := docker.result(msg, i.path)
}
