# METADATA
# title: "Image not pinned by digest"
# description: >-
#   A tag can be moved to another image by whoever controls the registry;
#   only a digest names exactly one image.
# custom:
#   id: RP-K8S-023
#   severity: LOW
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Reference the image by digest (name:tag@sha256:...), for example with
#     a tool that resolves tags at release time.
#   references:
#   - https://kubernetes.io/docs/concepts/containers/images/
package rampart.k8s.image_digest

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some c in k8s.containers
	image := c.container.image
	not contains(image, "@sha256:")
	msg := sprintf("%s uses image %q without a digest", [k8s.describe(c), image])
	res := k8s.result(msg, array.concat(c.path, ["image"]))
}
