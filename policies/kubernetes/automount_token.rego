# METADATA
# title: "Service account token mounted automatically"
# description: >-
#   Every pod gets its service account's API token unless told otherwise;
#   a compromised container can then call the Kubernetes API with it.
# custom:
#   id: RP-K8S-029
#   severity: LOW
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Set spec.automountServiceAccountToken to false unless the pod talks to
#     the API server.
#   references:
#   - https://kubernetes.io/docs/concepts/security/service-accounts/
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/
package rampart.k8s.automount_token

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some p in k8s.pods
	not p.spec.automountServiceAccountToken == false
	msg := sprintf("%s mounts its service account token automatically", [k8s.object_label])
	res := k8s.result(msg, array.concat(p.path, ["automountServiceAccountToken"]))
}
