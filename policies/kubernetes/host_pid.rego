# METADATA
# title: "Pod shares the host PID namespace"
# description: >-
#   With hostPID the pod sees and can signal every process of the node,
#   and read their environment. Pod Security Standards (baseline) forbid
#   it.
# custom:
#   id: RP-K8S-003
#   severity: HIGH
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Remove spec.hostPID or set it to false.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
package rampart.k8s.host_pid

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some p in k8s.pods
	p.spec.hostPID == true
	msg := sprintf("%s shares the host's process namespace (spec.hostPID: true)", [k8s.object_label])
	res := k8s.result(msg, array.concat(p.path, ["hostPID"]))
}
