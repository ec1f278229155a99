# METADATA
# title: "ADD fetches a remote URL"
# description: >-
#   ADD with a URL downloads at build time without verifying what it gets;
#   the content can change under the same URL.
# custom:
#   id: RP-DF-005
#   severity: MEDIUM
#   input: dockerfile
#   remediation: >-
#     Download with curl or wget in a RUN step and verify a checksum (or use
#     ADD --checksum=sha256:...).
#   references:
#   - https://docs.docker.com/build/building/best-practices/#add-or-copy
#   - https://docs.docker.com/reference/dockerfile/#add
package rampart.docker.add_remote

import rego.v1

import data.rampart.lib.docker

deny contains res if {
	some i in docker.commands("add")
	some src in sources(i.instruction)
	regex.match(`^(https?|ftp)://`, src)
	not checksummed(i.instruction)
	msg := sprintf("Line %d: ADD downloads %s", [i.instruction.start_line, src])
	res := docker.result(msg, i.path)
}

checksummed(ins) if {
	some flag in ins.flags
	startswith(flag, "--checksum=")
}

# All words but the destination.
sources(ins) := array.slice(words, 0, count(words) - 1) if {
	ins.exec
	words := ins.value
} else := array.slice(words, 0, count(words) - 1) if {
	words := [w | some w in split(trim_space(ins.value[0]), " "); w != ""]
}
