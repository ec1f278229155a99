# METADATA
# title: "Ingress without TLS"
# description: >-
#   An Ingress without a tls section serves its hosts over plain HTTP,
#   exposing credentials and session cookies on the wire.
# custom:
#   id: RP-K8S-046
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [Ingress]
#   remediation: >-
#     Add spec.tls with a certificate for each host (cert-manager can issue
#     them).
#   references:
#   - https://kubernetes.io/docs/concepts/services-networking/ingress/#tls
package rampart.k8s.ingress_tls

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	count(object.get(input, ["spec", "tls"], [])) == 0
	msg := sprintf("%s serves without TLS", [k8s.object_label])
	res := k8s.result(msg, ["spec"])
}
