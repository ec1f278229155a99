# METADATA
# title: "Base image has no tag"
# description: >-
#   A base image without a tag means latest: builds are not reproducible.
# custom:
#   id: RP-DF-004
#   severity: MEDIUM
#   input: dockerfile
#   remediation: >-
#     Pin the base image to a version tag and, better, a digest: FROM
#     alpine:3.20@sha256:....
#   references:
#   - https://docs.docker.com/build/building/best-practices/#from
#   - https://docs.docker.com/reference/dockerfile/#from
package rampart.docker.base_untagged

import rego.v1

import data.rampart.lib.docker

deny contains res if {
	some f in docker.froms
	docker.external_image(f.stage)
	parts := docker.image_parts(f.stage.image)
	parts.digest == ""
	parts.tag == ""
	msg := sprintf("Line %d: base image %q has no tag", [f.stage.from.start_line, f.stage.image])
	res := docker.result(msg, f.path)
}
