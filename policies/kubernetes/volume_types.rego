# METADATA
# title: "Volume type outside the restricted set"
# description: >-
#   Pod Security Standards (restricted) allow only volume types that
#   cannot reach the node or arbitrary storage: configMap, csi,
#   downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and
#   secret.
# custom:
#   id: RP-K8S-014
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Replace the volume with one of the allowed types, usually a
#     persistentVolumeClaim.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
package rampart.k8s.volume_types

import rego.v1

import data.rampart.lib.k8s

allowed := {
	"name", "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
	"persistentVolumeClaim", "projected", "secret",
}

deny contains res if {
	some v in k8s.volumes
	some type, _ in v.volume
	not allowed[type]
	msg := sprintf("%s uses a %s volume (%q)", [k8s.object_label, type, object.get(v.volume, "name", "")])
	res := k8s.result(msg, array.concat(v.path, [type]))
}
