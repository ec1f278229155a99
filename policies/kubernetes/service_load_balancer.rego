# METADATA
# title: "Service exposed through a load balancer"
# description: >-
#   A LoadBalancer Service usually gets an address reachable from outside
#   the cluster, often from the internet.
# custom:
#   id: RP-K8S-039
#   severity: LOW
#   input: kubernetes
#   kinds: [Service]
#   remediation: >-
#     Use a ClusterIP Service behind an Ingress or Gateway, or restrict
#     loadBalancerSourceRanges, unless the exposure is intended.
#   references:
#   - https://kubernetes.io/docs/concepts/services-networking/service/
package rampart.k8s.service_load_balancer

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	input.spec.type == "LoadBalancer"
	msg := sprintf("%s is of type LoadBalancer", [k8s.object_label])
	res := k8s.result(msg, ["spec", "type"])
}
