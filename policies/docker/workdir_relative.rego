# METADATA
# title: "WORKDIR with a relative path"
# description: >-
#   A relative WORKDIR depends on every WORKDIR before it, including the
#   base image's; an absolute path says where commands run.
# custom:
#   id: RP-DF-018
#   severity: LOW
#   input: dockerfile
#   remediation: >-
#     Give WORKDIR an absolute path.
#   references:
#   - https://docs.docker.com/build/building/best-practices/#workdir
package rampart.docker.workdir_relative

import rego.v1

import data.rampart.lib.docker

deny contains res if {
	some i in docker.commands("workdir")
	dir := trim_space(i.instruction.text)
	not startswith(dir, "/")
	not startswith(dir, "$")
	not regex.match(`^[A-Za-z]:[\\/]`, dir)
	msg := sprintf("Line %d: WORKDIR %s is relative", [i.instruction.start_line, dir])
	res := docker.result(msg, i.path)
}
