# METADATA
# title: "Container runs as user 0"
# description: >-
#   runAsUser: 0 makes the container's processes root. Pod Security
#   Standards (restricted) forbid it.
# custom:
#   id: RP-K8S-017
#   severity: HIGH
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Set runAsUser to a non-zero UID (10000 or above avoids clashes with
#     host users).
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
package rampart.k8s.run_as_root_user

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some c in k8s.containers
	k8s.effective(c, "runAsUser") == 0
	msg := sprintf("%s runs as user 0 (root)", [k8s.describe(c)])
	res := k8s.result(msg, k8s.effective_path(c, "runAsUser"))
}
