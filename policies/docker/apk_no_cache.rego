# METADATA
# title: "apk add without --no-cache"
# description: >-
#   apk add keeps its package index in the layer unless told not to,
#   adding size for nothing.
# custom:
#   id: RP-DF-017
#   severity: LOW
#   input: dockerfile
#   remediation: >-
#     Use apk add --no-cache.
#   references:
#   - https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper
package rampart.docker.apk_no_cache

import rego.v1

import data.rampart.lib.docker

deny contains res if {
	some i in docker.commands("run")
	text := i.instruction.text
	regex.match(`apk\s+(\S+\s+)*add\b`, text)
	not contains(text, "--no-cache")
	msg := sprintf("Line %d: apk add without --no-cache", [i.instruction.start_line])
	res := docker.result(msg, i.path)
}
