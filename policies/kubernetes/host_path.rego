# METADATA
# title: "hostPath volume"
# description: >-
#   A hostPath volume exposes the node's file system to the pod; a
#   writable one is a direct path to taking over the node. Pod Security
#   Standards (baseline) forbid them.
# custom:
#   id: RP-K8S-005
#   severity: HIGH
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Use a persistentVolumeClaim, configMap, secret or emptyDir volume
#     instead of hostPath.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
package rampart.k8s.host_path

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some v in k8s.volumes
	v.volume.hostPath
	host := object.get(v.volume.hostPath, "path", "")
	msg := sprintf("%s mounts host path %q (volume %q)", [k8s.object_label, host, object.get(v.volume, "name", "")])
	res := k8s.result(msg, array.concat(v.path, ["hostPath"]))
}
