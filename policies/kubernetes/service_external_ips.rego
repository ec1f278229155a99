# METADATA
# title: "Service sets externalIPs"
# description: >-
#   externalIPs let a Service claim traffic for any address, which can
#   intercept traffic meant for others in the cluster (CVE-2020-8554).
# custom:
#   id: RP-K8S-051
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [Service]
#   remediation: >-
#     Remove spec.externalIPs; use a LoadBalancer or an Ingress instead, and
#     block the field with an admission policy.
#   references:
#   - https://kubernetes.io/docs/concepts/services-networking/service/
#   - https://github.com/kubernetes/kubernetes/issues/97076
package rampart.k8s.service_external_ips

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	count(object.get(input, ["spec", "externalIPs"], [])) > 0
	msg := sprintf("%s claims external IPs %v", [k8s.object_label, input.spec.externalIPs])
	res := k8s.result(msg, ["spec", "externalIPs"])
}
