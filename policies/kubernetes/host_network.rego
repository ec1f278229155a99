# METADATA
# title: "Pod uses the host network"
# description: >-
#   With hostNetwork the pod sees every network interface of the node and
#   can reach services bound to localhost there. Pod Security Standards
#   (baseline) forbid it.
# custom:
#   id: RP-K8S-002
#   severity: HIGH
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Remove spec.hostNetwork or set it to false.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
package rampart.k8s.host_network

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some p in k8s.pods
	p.spec.hostNetwork == true
	msg := sprintf("%s shares the host's network namespace (spec.hostNetwork: true)", [k8s.object_label])
	res := k8s.result(msg, array.concat(p.path, ["hostNetwork"]))
}
