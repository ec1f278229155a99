# METADATA
# title: "Service account mounts its token in every pod"
# description: >-
#   Unless the ServiceAccount sets automountServiceAccountToken to false,
#   every pod using it gets an API token, whether it needs one or not.
# custom:
#   id: RP-K8S-044
#   severity: LOW
#   input: kubernetes
#   kinds: [ServiceAccount]
#   remediation: >-
#     Set automountServiceAccountToken: false on the ServiceAccount and
#     enable it only in pods that call the API.
#   references:
#   - https://kubernetes.io/docs/concepts/security/service-accounts/
package rampart.k8s.service_account_automount

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	not input.automountServiceAccountToken == false
	msg := sprintf("%s does not disable automountServiceAccountToken", [k8s.object_label])
	res := k8s.result(msg, ["automountServiceAccountToken"])
}
