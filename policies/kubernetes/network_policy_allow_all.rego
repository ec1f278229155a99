# METADATA
# title: "NetworkPolicy allows all ingress"
# description: >-
#   An ingress rule with neither from nor ports admits traffic from every
#   pod and every address, which defeats the policy.
# custom:
#   id: RP-K8S-050
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [NetworkPolicy]
#   remediation: >-
#     List the allowed sources in from (podSelector, namespaceSelector or
#     ipBlock) and the ports.
#   references:
#   - https://kubernetes.io/docs/concepts/services-networking/network-policies/
package rampart.k8s.network_policy_allow_all

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some i, rule in input.spec.ingress
	count(object.get(rule, "from", [])) == 0
	count(object.get(rule, "ports", [])) == 0
	msg := sprintf("%s admits all ingress traffic (rule %d has no from and no ports)", [k8s.object_label, i])
	res := k8s.result(msg, ["spec", "ingress", i])
}
