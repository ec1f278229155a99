# METADATA
# title: "Pod shares the host IPC namespace"
# description: >-
#   With hostIPC the pod can read and write the shared memory of every
#   process on the node. Pod Security Standards (baseline) forbid it.
# custom:
#   id: RP-K8S-004
#   severity: HIGH
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Remove spec.hostIPC or set it to false.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
package rampart.k8s.host_ipc

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some p in k8s.pods
	p.spec.hostIPC == true
	msg := sprintf("%s shares the host's IPC namespace (spec.hostIPC: true)", [k8s.object_label])
	res := k8s.result(msg, array.concat(p.path, ["hostIPC"]))
}
