# METADATA
# title: "Container runtime socket mounted"
# description: >-
#   Mounting the Docker, containerd or CRI-O socket gives the pod full
#   control of the node's containers, which is root on the node.
# custom:
#   id: RP-K8S-042
#   severity: CRITICAL
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Remove the volume; build images with a rootless builder (BuildKit
#     rootless, kaniko) instead of the node's runtime.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
package rampart.k8s.runtime_socket

import rego.v1

import data.rampart.lib.k8s

sockets := {
	"/var/run/docker.sock", "/run/docker.sock",
	"/var/run/containerd/containerd.sock", "/run/containerd/containerd.sock",
	"/var/run/crio/crio.sock", "/run/crio/crio.sock",
	"/var/run", "/run",
}

deny contains res if {
	some v in k8s.volumes
	host := trim_suffix(v.volume.hostPath.path, "/")
	sockets[host]
	msg := sprintf("%s mounts the container runtime socket %q", [k8s.object_label, v.volume.hostPath.path])
	res := k8s.result(msg, array.concat(v.path, ["hostPath", "path"]))
}
