# METADATA
# title: "Container may run as root"
# description: >-
#   Unless runAsNonRoot is true (on the container, or on the pod without a
#   container override), the container may run as root, which makes any
#   escape far more damaging. Pod Security Standards (restricted) require
#   it.
# custom:
#   id: RP-K8S-016
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Set securityContext.runAsNonRoot to true on the pod or on every
#     container, and run as a non-zero user.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
package rampart.k8s.run_as_non_root

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some c in k8s.containers
	not k8s.effective(c, "runAsNonRoot") == true
	msg := sprintf("%s does not set runAsNonRoot to true", [k8s.describe(c)])
	res := k8s.result(msg, k8s.effective_path(c, "runAsNonRoot"))
}
