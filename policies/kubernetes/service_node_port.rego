# METADATA
# title: "Service exposed on a node port"
# description: >-
#   A NodePort Service opens its port on every node of the cluster,
#   reachable by anything that can reach the nodes and outside network
#   policies.
# custom:
#   id: RP-K8S-038
#   severity: LOW
#   input: kubernetes
#   kinds: [Service]
#   remediation: >-
#     Use a ClusterIP Service behind an Ingress or Gateway, or restrict
#     loadBalancerSourceRanges, unless the exposure is intended.
#   references:
#   - https://kubernetes.io/docs/concepts/services-networking/service/
package rampart.k8s.service_node_port

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	input.spec.type == "NodePort"
	msg := sprintf("%s is of type NodePort", [k8s.object_label])
	res := k8s.result(msg, ["spec", "type"])
}
