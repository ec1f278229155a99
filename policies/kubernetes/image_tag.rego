# METADATA
# title: "Image tag is latest or missing"
# description: >-
#   An image without a tag, or tagged latest, changes under the same name:
#   rollouts are not reproducible and a rollback may not restore what ran
#   before.
# custom:
#   id: RP-K8S-022
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Pin the image to a version tag, and better to a digest
#     (image@sha256:...).
#   references:
#   - https://kubernetes.io/docs/concepts/containers/images/
package rampart.k8s.image_tag

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some c in k8s.containers
	image := c.container.image
	not contains(image, "@")
	tag := k8s.image_tag(image)
	problem := tag_problem(tag)
	msg := sprintf("%s uses image %q %s", [k8s.describe(c), image, problem])
	res := k8s.result(msg, array.concat(c.path, ["image"]))
}

tag_problem("") := "without a tag (it means latest)"

tag_problem("latest") := "with the latest tag"
