# METADATA
# title: "Download piped into a shell"
# description: >-
#   curl or wget piped straight into a shell runs whatever the server (or
#   anyone in the middle) sends, unverified, at build time.
# custom:
#   id: RP-DF-007
#   severity: HIGH
#   input: dockerfile
#   remediation: >-
#     Download to a file, verify its checksum or signature, then run it.
#   references:
#   - https://docs.docker.com/build/building/best-practices/
package rampart.docker.curl_pipe_shell

import rego.v1

import data.rampart.lib.docker

deny contains res if {
	some i in docker.commands("run")
	text := i.instruction.text
	regex.match(`(curl|wget)\b[^|;&]*\|\s*(sudo\s+)?(\S*/)?(ba|z|da|k|a)?sh\b`, text)
	msg := sprintf("Line %d: a download is piped into a shell", [i.instruction.start_line])
	res := docker.result(msg, i.path)
}
