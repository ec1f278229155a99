# METADATA
# title: "Namespace does not enforce a Pod Security level"
# description: >-
#   Without the pod-security.kubernetes.io/enforce label (or with it set
#   to privileged), Pod Security Admission lets any pod into the
#   namespace.
# custom:
#   id: RP-K8S-045
#   severity: LOW
#   input: kubernetes
#   kinds: [Namespace]
#   remediation: >-
#     Label the namespace pod-security.kubernetes.io/enforce: restricted (or
#     baseline).
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-admission/
package rampart.k8s.namespace_pod_security

import rego.v1

import data.rampart.lib.k8s

label := "pod-security.kubernetes.io/enforce"

deny contains res if {
	not input.metadata.labels[label]
	msg := sprintf("%s has no %s label", [k8s.object_label, label])
	res := k8s.result(msg, ["metadata"])
}

deny contains res if {
	input.metadata.labels[label] == "privileged"
	msg := sprintf("%s enforces only the privileged level", [k8s.object_label])
	res := k8s.result(msg, ["metadata", "labels", label])
}
