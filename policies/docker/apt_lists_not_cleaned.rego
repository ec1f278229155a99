# METADATA
# title: "apt lists left in the layer"
# description: >-
#   apt-get update leaves package lists in /var/lib/apt/lists; when the
#   same RUN does not remove them they bloat the layer.
# custom:
#   id: RP-DF-010
#   severity: LOW
#   input: dockerfile
#   remediation: >-
#     End the RUN with rm -rf /var/lib/apt/lists/* (or use a cache mount).
#   references:
#   - https://docs.docker.com/build/building/best-practices/#apt-get
package rampart.docker.apt_lists_not_cleaned

import rego.v1

import data.rampart.lib.docker

deny contains res if {
	some i in docker.commands("run")
	text := i.instruction.text
	regex.match(`apt-get\s+(\S+\s+)*install\b`, text)
	not contains(text, "/var/lib/apt/lists")
	not cache_mounted(i.instruction)
	msg := sprintf("Line %d: apt-get install without removing /var/lib/apt/lists", [i.instruction.start_line])
	res := docker.result(msg, i.path)
}

cache_mounted(ins) if {
	some flag in ins.flags
	contains(flag, "type=cache")
	contains(flag, "/var/lib/apt")
}
