# METADATA
# title: "Containers share one process namespace"
# description: >-
#   With shareProcessNamespace a container can see the processes of its
#   sidecars, read their environment and files through /proc, and signal
#   them.
# custom:
#   id: RP-K8S-048
#   severity: LOW
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Remove spec.shareProcessNamespace unless a debugging or sidecar design
#     needs it.
#   references:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/
package rampart.k8s.share_process_namespace

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some p in k8s.pods
	p.spec.shareProcessNamespace == true
	msg := sprintf("%s shares one process namespace between its containers", [k8s.object_label])
	res := k8s.result(msg, array.concat(p.path, ["shareProcessNamespace"]))
}
