# METADATA
# title: "ADD used where COPY would do"
# description: >-
#   ADD also unpacks archives and fetches URLs; for plain files COPY says
#   what happens and cannot surprise.
# custom:
#   id: RP-DF-006
#   severity: LOW
#   input: dockerfile
#   remediation: >-
#     Use COPY for local files and folders.
#   references:
#   - https://docs.docker.com/build/building/best-practices/#add-or-copy
package rampart.docker.add_instead_of_copy

import rego.v1

import data.rampart.lib.docker

archive := `(?i)\.(tar|tar\.(gz|bz2|xz|zst)|tgz|tbz2?|txz)$`

deny contains res if {
	some i in docker.commands("add")
	words := [w | some w in split(trim_space(i.instruction.text), " "); w != ""]
	count(words) > 1
	sources := array.slice(words, 0, count(words) - 1)
	every src in sources {
		not regex.match(`^(https?|ftp)://`, src)
		not regex.match(archive, src)
		not startswith(src, "git@")
	}
	msg := sprintf("Line %d: ADD of local files; COPY would do", [i.instruction.start_line])
	res := docker.result(msg, i.path)
}
