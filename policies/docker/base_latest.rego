# METADATA
# title: "Base image uses the latest tag"
# description: >-
#   A base image tagged latest changes without notice: builds are not
#   reproducible and may pull in breaking or vulnerable changes.
# custom:
#   id: RP-DF-003
#   severity: MEDIUM
#   input: dockerfile
#   remediation: >-
#     Pin the base image to a version tag and, better, a digest: FROM
#     alpine:3.20@sha256:....
#   references:
#   - https://docs.docker.com/build/building/best-practices/#from
#   - https://docs.docker.com/reference/dockerfile/#from
package rampart.docker.base_latest

import rego.v1

import data.rampart.lib.docker

deny contains res if {
	some f in docker.froms
	docker.external_image(f.stage)
	parts := docker.image_parts(f.stage.image)
	parts.digest == ""
	parts.tag == "latest"
	msg := sprintf("Line %d: base image %q uses the latest tag", [f.stage.from.start_line, f.stage.image])
	res := docker.result(msg, f.path)
}
